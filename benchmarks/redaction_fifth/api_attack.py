"""Send the fifth family's notes-API and signed-webhook payloads to a running Earshot API; write plants_api.json.

Usage: python api_attack.py BASE_URL TOKEN ZENDESK_SECRET INTERCOM_SECRET
(the signing and posting are the fourth family's harness; the payloads are new)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import ids
from corpus import NBSP, P

BASE, TOKEN, ZSECRET, ISECRET = sys.argv[1:5]
HERE = Path(__file__).parent
plants: list[dict] = []
clean: list[dict] = []
log: list[dict] = []


def plant(p: dict, ext: str | None, carrier: str, field: str = "text", lang: str = "") -> None:
    plants.append({**p, "ext": ext, "carrier": carrier, "field": p.get("field", field), "lang": lang})


def post(path: str, body: bytes, headers: dict) -> tuple[int, str]:
    req = urllib.request.Request(
        BASE + path, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


DNI_2 = ids.dni(71482733)
PESEL_4 = ids.pesel("5605034821")
TC_4 = ids.tc_kimlik("381947265")
IBAN_NL = ids.iban("NL", "RABO0348217339")
CPF_3 = ids.cpf("604829173")

# ------------------------------------------------------------------------------------------ notes API
# (note fields, [(plant, field)], lang)
BATCH: list[tuple[dict, list[tuple[dict, str]], str]] = [
    (
        dict(
            external_id="a5-01",
            text="La clienta quiere cambiar la fecha de cobro al día 10",
            extra={"cliente": {"nombre": "Maite Echeverría", "móvil": "644 482 173", "dni": DNI_2}},
        ),
        [
            (P("NAME", "Maite Echeverría", "json-nested"), "extra.cliente.nombre"),
            (P("PHONE", "644 482 173", "json-nested"), "extra.cliente.móvil"),
            (P("NATIONAL_ID", DNI_2, "json-nested"), "extra.cliente.dni"),
        ],
        "es",
    ),
    (
        dict(
            external_id="a5-02",
            text="Kundin Edeltraud Pfeiffer möchte einen Rückruf wegen der Vertragsverlängerung",
            team="Team Nord",
            tags=["rückruf", "edeltraud.pfeiffer"],
            extra={"Rückrufnummer": "0151 48217339"},
        ),
        [
            (P("NAME", "Edeltraud Pfeiffer", "cue:de"), "text+tags"),
            (P("PHONE", "0151 48217339", "json-field:de"), "extra.Rückrufnummer"),
        ],
        "de",
    ),
    (
        dict(
            external_id="a5-03",
            text="Le titulaire demande la résiliation de la ligne fixe",
            extra={"contacts": [{"rôle": "titulaire", "nom": "Yannick Le Goff", "tél": "02 98 48 21 73"}]},
        ),
        [
            (P("NAME", "Yannick Le Goff", "json-array"), "extra.contacts"),
            (P("PHONE", "02 98 48 21 73", "json-array"), "extra.contacts"),
        ],
        "fr",
    ),
    (
        dict(
            external_id="a5-04",
            text="Pediu um desconto de fidelização",
            customer_segment="Cliente Premium – Sr. Anselmo Teixeira",
            extra={"cpf_titular": CPF_3},
        ),
        [
            (P("NAME", "Anselmo Teixeira", "segment-field"), "customer_segment"),
            (P("NATIONAL_ID", CPF_3, "json-field:pt"), "extra.cpf_titular"),
        ],
        "pt",
    ),
    (
        dict(
            external_id="a5-05",
            text="Il sig. Bruno Caruso segnala che l'auto a noleggio non si avvia",
            extra={"targa": "GK 482 ZT", "patente": "NA1482173Y"},
        ),
        [
            (P("NAME", "Bruno Caruso", "honorific"), "text"),
            (P("PLATE", "GK 482 ZT", "json-field:it"), "extra.targa"),
            (P("ID_DOCUMENT", "NA1482173Y", "json-field:it"), "extra.patente"),
        ],
        "it",
    ),
    (
        dict(
            external_id="a5-06",
            text="Klant wil de incasso naar een andere rekening",
            extra={"klant": {"naam": "Mirjam Dekker", "adres": "Oudegracht 231, 3511 NK Utrecht", "rekening": IBAN_NL}},
        ),
        [
            (P("NAME", "Mirjam Dekker", "json-nested"), "extra.klant.naam"),
            (P("ADDRESS", "Oudegracht 231", "json-nested"), "extra.klant.adres"),
            (P("BANK", IBAN_NL, "json-nested"), "extra.klant.rekening"),
        ],
        "nl",
    ),
    (
        dict(
            external_id="a5-07",
            text="Müşteri Oğuzhan Kılıç'ın yeni numarası 0555 482 17 39, eski hat kapatılsın.",
        ),
        [
            (P("NAME", "Oğuzhan Kılıç", "suffix"), "text"),
            (P("PHONE", "0555 482 17 39", "local-format"), "text"),
        ],
        "tr",
    ),
    (
        dict(
            external_id="a5-08",
            text=f"Dzwoniła pani Grażyna Wieczorek, PESEL {PESEL_4}, chce rozłożyć dług na raty.",
        ),
        [
            (P("NAME", "Grażyna Wieczorek", "honorific"), "text"),
            (P("NATIONAL_ID", PESEL_4, "cue:pl"), "text"),
        ],
        "pl",
    ),
    (
        dict(
            external_id="a5-09",
            text="Spoke with Bronwyn McAllister, DOB 7/11/83, NSW licence no. 14821733, re the car insurance add-on.",
        ),
        [
            (P("NAME", "Bronwyn McAllister", "cue:en"), "text"),
            (P("DOB", "7/11/83", "cue:en"), "text"),
            (P("ID_DOCUMENT", "14821733", "cue:en"), "text"),
        ],
        "en-au",
    ),
    (
        dict(
            external_id="a5-10",
            text=f"TC kimlik numarası {TC_4[:3]} {TC_4[3:6]} {TC_4[6:9]} {TC_4[9:]} olan müşteri fatura istiyor.",
            tags=["fatura", "kimlik_" + TC_4],
        ),
        [(P("NATIONAL_ID", f"{TC_4[:3]} {TC_4[3:6]} {TC_4[6:9]} {TC_4[9:]}", "grouped"), "text+tags")],
        "tr",
    ),
    (
        dict(external_id="a5-11", text="Los clientes de Valencia piden la tarifa Fibra 1 Gb a 35,90 €.", team="Ventas"),
        [],
        "es",
    ),
    (dict(external_id="a5-12", text="Die Filiale am Alexanderplatz hat wieder iPhone 16 Pro auf Lager."), [], "de"),
    (
        dict(external_id="a5-13", text="Le Samsung Galaxy A36 est en rupture dans la boutique de Lille depuis lundi."),
        [],
        "fr",
    ),
]
notes = []
for n, _items, _lang in BATCH:
    n = dict(n)
    n.setdefault("agent_id", "api-agent")
    n.setdefault("created_at", "2026-11-20T10:00:00")
    n.setdefault("channel", "phone")
    notes.append(n)
status, text = post("/api/v1/notes", json.dumps({"notes": notes}).encode(), {"Authorization": f"Bearer {TOKEN}"})
log.append(dict(route="notes batch", status=status, body=text))
for n, items, lang in BATCH:
    for p, field in items:
        plant(p, n["external_id"], "API batch", field, lang)
    if not items:
        clean.append(dict(ext=n["external_id"], text=n["text"], carrier="API batch", lang=lang))

single = dict(
    external_id="a5-20",
    text="Nachricht von Annika Kowalski-Berger per WhatsApp, sie bittet um Rückruf: 0157"
    + NBSP
    + "4821"
    + NBSP
    + "7350",
    agent_id="api-agent",
    created_at="2026-11-21T10:00:00",
    channel="chat",
)
status, text = post("/api/v1/notes", json.dumps(single).encode(), {"Authorization": f"Bearer {TOKEN}"})
log.append(dict(route="notes single", status=status, body=text))
plant(P("NAME", "Annika Kowalski-Berger", "cue:de"), "a5-20", "API single", lang="de")
plant(P("PHONE", "0157 4821 7350", "nbsp"), "a5-20", "API single", lang="de")

bad = dict(
    external_id="a5-21",
    text="Reclama el reembolso",
    channel="WhatsApp 0176 4821 7740",
    kind="Beschwerde Frau Ostrowski",
    created_at="geb. 12.05.1979",
    agent_id="api-agent",
)
status, text = post("/api/v1/notes", json.dumps(bad).encode(), {"Authorization": f"Bearer {TOKEN}"})
log.append(dict(route="notes rejected", status=status, body=text))
plant(P("PHONE", "0176 4821 7740", "rejected-field"), None, "API rejected (response)", "channel", "de")
plant(P("NAME", "Ostrowski", "rejected-field"), None, "API rejected (response)", "kind", "de")
plant(P("DOB", "12.05.1979", "rejected-field"), None, "API rejected (response)", "created_at", "de")


# ------------------------------------------------------------------------------------- Zendesk hooks
def zendesk(payload: dict, name: str) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    ts = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sig = base64.b64encode(hmac.new(ZSECRET.encode(), ts.encode() + body, hashlib.sha256).digest()).decode()
    status, text = post(
        "/api/v1/hooks/zendesk", body, {"X-Zendesk-Webhook-Signature": sig, "X-Zendesk-Webhook-Signature-Timestamp": ts}
    )
    log.append(dict(route=name, status=status, body=text))


def zendesk_event(comment_id: str, body: str, tags: list[str], group: str | None = None) -> dict:
    detail = {"id": f"t-{comment_id}", "group_id": "360000555", "tags": tags, "via": {"channel": "email"}}
    if group:
        detail["group_name"] = group
    return {
        "type": "zen:event-type:ticket.comment_added",
        "id": f"ev-{comment_id}",
        "time": datetime.now(UTC).isoformat(),
        "detail": detail,
        "event": {
            "comment": {
                "id": comment_id,
                "is_public": False,
                "body": body,
                "author": {"id": "501", "email": "agent.eva@brightline.example"},
            }
        },
    }


def zendesk_trigger(comment_id: str, body: str, tags: str, group: str = "Billing") -> dict:
    return {
        "ticket": {"id": f"t-{comment_id}", "group": group, "tags": tags, "via": "email"},
        "comment": {
            "id": comment_id,
            "public": "false",
            "author": {"email": "agent.eva@brightline.example"},
            "body": body,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    }


zendesk(
    zendesk_event(
        "zc5-1",
        "<p>Hablé con <strong>Amparo</strong> Sandoval; su móvil es el 6" + NBSP + "1" + NBSP + "2 90 77 88. "
        "Quiere la factura en papel.</p>",
        ["vip", "amparo_sandoval", "tel_612907788"],
    ),
    "zendesk event 1",
)
plant(P("NAME", "Amparo Sandoval", "html"), "zc5-1", "zendesk event webhook", lang="es")
plant(P("PHONE", "612 90 77 88", "nbsp"), "zc5-1", "zendesk event webhook", lang="es")
plant(P("NAME", "amparo_sandoval", "tag", field="tags"), "zc5-1", "zendesk event webhook", lang="es")
plant(P("PHONE", "612907788", "tag", field="tags"), "zc5-1", "zendesk event webhook", lang="es")

zendesk(
    zendesk_trigger(
        "zc5-2",
        "Kunde antwortet per Mail:\n\nVon: Annika Böhm [mailto:annika.boehm@gmx.de]\nGesendet: Montag, 2. November "
        "2026 10:12\nAn: support@brightline.example\nBetreff: Kündigung\n\nBitte kündigen Sie meinen Vertrag.\n\n"
        "Annika Böhm\nGoethestr. 12\n60313 Frankfurt am Main",
        "kuendigung annika_boehm",
        "Kündigungen",
    ),
    "zendesk trigger 2",
)
plant(P("NAME", "Annika Böhm", "quoted-reply"), "zc5-2", "zendesk trigger webhook", lang="de")
plant(P("EMAIL", "annika.boehm@gmx.de", "quoted-reply"), "zc5-2", "zendesk trigger webhook", lang="de")
plant(P("ADDRESS", "Goethestr. 12", "signature"), "zc5-2", "zendesk trigger webhook", lang="de")
plant(P("NAME", "annika_boehm", "tag", field="tags"), "zc5-2", "zendesk trigger webhook", lang="de")

zendesk(
    zendesk_event(
        "zc5-3",
        "De : Thibault Marchal <thibault.marchal@laposte.net>\nEnvoyé : lundi 2 novembre 2026 10:12\nÀ : support\n"
        "Objet : Résiliation\n\nMerci de résilier ma ligne 07 48 21 73 39.\n\nEnvoyé de mon iPhone",
        ["resiliation"],
    ),
    "zendesk event 3",
)
plant(P("NAME", "Thibault Marchal", "quoted-reply"), "zc5-3", "zendesk event webhook", lang="fr")
plant(P("EMAIL", "thibault.marchal@laposte.net", "quoted-reply"), "zc5-3", "zendesk event webhook", lang="fr")
plant(P("PHONE", "07 48 21 73 39", "local-format"), "zc5-3", "zendesk event webhook", lang="fr")

CPF_4 = ids.cpf("715302648")
zendesk(
    zendesk_trigger(
        "zc5-4",
        f"Cliente **Thaís Figueiredo** (CPF {CPF_4}) pediu reembolso; falou que mora na Rua Oscar Freire, 379, ap. 81.",
        f"reembolso cpf_{CPF_4.replace('.', '').replace('-', '')}",
    ),
    "zendesk trigger 4",
)
plant(P("NAME", "Thaís Figueiredo", "markdown"), "zc5-4", "zendesk trigger webhook", lang="pt")
plant(P("NATIONAL_ID", CPF_4, "cue:pt", field="text+tags"), "zc5-4", "zendesk trigger webhook", lang="pt")
plant(P("ADDRESS", "Rua Oscar Freire, 379, ap. 81", "address:br"), "zc5-4", "zendesk trigger webhook", lang="pt")

zendesk(
    zendesk_event("zc5-5", "Cliente pede a fatura em inglês; a loja do Colombo não a emite.", ["fatura"]),
    "zendesk event 5 (clean)",
)
clean.append(
    dict(
        ext="zc5-5",
        text="Cliente pede a fatura em inglês; a loja do Colombo não a emite.",
        carrier="zendesk event webhook",
        lang="pt",
    )
)


# ------------------------------------------------------------------------------------ Intercom hook
def intercom(part_id: str, body_html: str, tags: list[str], name: str) -> None:
    now = int(time.time())
    payload = {
        "type": "notification_event",
        "topic": "conversation.admin.noted",
        "id": f"notif_{part_id}",
        "created_at": now,
        "data": {
            "item": {
                "type": "conversation",
                "id": f"conv_{part_id}",
                "team_assignee_id": "0",
                "source": {"type": "conversation", "author": {"type": "user", "name": "x", "email": "x@example.com"}},
                "tags": {"type": "tag.list", "tags": [{"type": "tag", "name": t} for t in tags]},
                "conversation_parts": {
                    "conversation_parts": [
                        {
                            "type": "conversation_part",
                            "id": part_id,
                            "part_type": "note",
                            "body": body_html,
                            "created_at": now,
                            "author": {"type": "admin", "id": "77", "email": "agent.fox@brightline.example"},
                        }
                    ]
                },
            }
        },
    }
    body = json.dumps(payload, ensure_ascii=False).encode()
    sig = "sha1=" + hmac.new(ISECRET.encode(), body, hashlib.sha1).hexdigest()
    status, text = post("/api/v1/hooks/intercom", body, {"X-Hub-Signature": sig})
    log.append(dict(route=name, status=status, body=text))


intercom(
    "ic5-1",
    "<p>Klant <b>Marieke</b>&nbsp;Jan&#8203;sen heeft gebeld</p><p>Tel.&nbsp;06&#8209;4821&#8209;3390</p>",
    ["terugbellen"],
    "intercom 1",
)
plant(P("NAME", "Marieke Jansen", "html-entity"), "ic5-1", "intercom webhook", lang="nl")
plant(P("PHONE", "06-4821-3390", "html-entity"), "ic5-1", "intercom webhook", lang="nl")

intercom(
    "ic5-2",
    '<p>Profiel: <a href="https://www.linkedin.com/in/ruud-vandermeer-48a21b/">LinkedIn</a></p>'
    '<p>Mail: <a href="mailto:ruud.vdmeer@kpnmail.nl">klik hier</a></p>',
    ["zakelijk"],
    "intercom 2",
)
plant(P("NAME", "ruud-vandermeer", "html-href"), "ic5-2", "intercom webhook", lang="nl")
plant(P("EMAIL", "ruud.vdmeer@kpnmail.nl", "html-href"), "ic5-2", "intercom webhook", lang="nl")

intercom(
    "ic5-3",
    '<p>Cliente <span class="mention">@Graziella</span> Santoro ha chiesto la portabilità</p>'
    '<p>nata il <time datetime="1977-06-19">19 giugno 1977</time></p>',
    ["portabilita", "graziella_santoro"],
    "intercom 3",
)
plant(P("NAME", "Graziella Santoro", "html", field="text+tags"), "ic5-3", "intercom webhook", lang="it")
plant(P("DOB", "19 giugno 1977", "words:it"), "ic5-3", "intercom webhook", lang="it")

intercom(
    "ic5-4",
    "<p>Müşteri adı: <i>Esra</i> <i>Doğan</i><br>Tel: 0 5<span>32</span> 482 17 40<br>"
    f"TC: {ids.tc_kimlik('529174836')}</p>",
    ["iade"],
    "intercom 4",
)
plant(P("NAME", "Esra Doğan", "html"), "ic5-4", "intercom webhook", lang="tr")
plant(P("PHONE", "0 532 482 17 40", "html-split"), "ic5-4", "intercom webhook", lang="tr")
plant(P("NATIONAL_ID", ids.tc_kimlik("529174836"), "cue:tr"), "ic5-4", "intercom webhook", lang="tr")

intercom(
    "ic5-5",
    "<blockquote>El 2 nov 2026, a las 9:03, Núria Casals &lt;nuria.casals@gmail.com&gt; escribió:</blockquote>"
    "<p>Quiere cambiar la dirección a Carrer de Mallorca 401, 08013 Barcelona</p>",
    ["cambio_direccion"],
    "intercom 5",
)
plant(P("NAME", "Núria Casals", "quoted-reply"), "ic5-5", "intercom webhook", lang="es")
plant(P("EMAIL", "nuria.casals@gmail.com", "quoted-reply"), "ic5-5", "intercom webhook", lang="es")
plant(P("ADDRESS", "Carrer de Mallorca 401", "address:es"), "ic5-5", "intercom webhook", lang="es")

intercom(
    "ic5-6", "Customer asks whether the Galaxy S25 supports eSIM on the Roam 10 plan.", ["esim"], "intercom 6 (clean)"
)
clean.append(
    dict(
        ext="ic5-6",
        text="Customer asks whether the Galaxy S25 supports eSIM on the Roam 10 plan.",
        carrier="intercom webhook",
        lang="en",
    )
)

(HERE / "plants_api.json").write_text(
    json.dumps({"plants": plants, "clean": clean, "log": log}, ensure_ascii=False, indent=1), encoding="utf-8"
)
for entry in log:
    print(entry["route"], entry["status"], entry["body"][:600])
