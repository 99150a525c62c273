"""The Log-a-note form's path: ingest.service.save_note with the fields the page sends (app_pages/log_note.py).

Run from /work/main with EARSHOT_DB pointing at the attack database; writes plants_log.json.
(the calling code is the fourth family's harness; the forms are new)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.redaction import default_redactor, keep_terms_from
from ingest.service import NoteRejected, save_note
from insight.runtime import embedder_for, open_store
from insight.settings import load_settings

sys.path.insert(0, str(Path(__file__).parent))
import ids
from corpus import P

HERE = Path(__file__).parent
settings = load_settings()
store = open_store(settings)
embedder = embedder_for(settings)
redactor = default_redactor(keep_terms_from(settings))

TC_5 = ids.tc_kimlik("613928475")
# (agent suffix, text, product, team, plants, lang); a form with no plants is a clean note
FORMS = [
    (
        "q1",
        "Kundin Waltraud Neumeier will Rückruf unter 0160 4821733, Router verliert nachts die Verbindung",
        "MagentaZuhause L",
        "Hotline",
        [P("NAME", "Waltraud Neumeier", "cue:de"), P("PHONE", "0160 4821733", "cue:de")],
        "de",
    ),
    (
        "q2",
        "hablé con el sr. tomás iglesias, vive en calle mayor 15, 2º izq., zaragoza; el técnico no vino",
        "Fibra 600",
        "Soporte",
        [P("NAME", "tomás iglesias", "lowercase"), P("ADDRESS", "calle mayor 15, 2º izq.", "lowercase")],
        "es",
    ),
    (
        "q3",
        "Pani Halina Mazur, ur. 3 maja 1956, pyta o abonament senioralny",
        None,
        "Obsługa klienta",
        [P("NAME", "Halina Mazur", "honorific"), P("DOB", "3 maja 1956", "words:pl")],
        "pl",
    ),
    (
        "q4",
        f"Fatma Hanım'ın TC kimlik numarası {TC_5}, cep 0505 482 17 45 — hat devri yapılacak",
        None,
        None,
        [P("NAME", "Fatma", "suffix"), P("NATIONAL_ID", TC_5, "cue:tr"), P("PHONE", "0505 482 17 45", "local-format")],
        "tr",
    ),
    (
        "q5",
        "Toestel defect na de update, wil een vervangend toestel",
        "iPhone 16 voor mevrouw Brouwer",
        "Winkel",
        [P("NAME", "Brouwer", "product-field", field="product")],
        "nl",
    ),
    (
        "q6",
        "Cliente Ottavio Lombardo, targa EX 193 PL, chiede il soccorso stradale incluso",
        None,
        "Assistenza",
        [P("NAME", "Ottavio Lombardo", "cue:it"), P("PLATE", "EX 193 PL", "cue:it")],
        "it",
    ),
    (
        "q7",
        "Client joignable au zéro six, quarante-huit, vingt et un, soixante-dix-sept, soixante-deux ; M. Jacquet",
        None,
        None,
        [
            P(
                "PHONE",
                "zéro six, quarante-huit, vingt et un, soixante-dix-sept, soixante-deux",
                "words:fr",
                tokens=[
                    ["zéro", 1],
                    ["six", 1],
                    ["quarante-huit", 2],
                    ["vingt et un", 2],
                    ["soixante-dix-sept", 2],
                    ["soixante-deux", 2],
                ],
            ),
            P("NAME", "Jacquet", "honorific"),
        ],
        "fr",
    ),
    ("q8", "Les clients veulent l'option 5G+ sur le forfait 80 Go à 15,99 €.", "Forfait 80 Go", None, [], "fr"),
    (
        "q9",
        "Die Filiale in der Zeil (Frankfurt) braucht neue Displayschutzfolien für das Pixel 9.",
        None,
        None,
        [],
        "de",
    ),
]
plants, results, clean = [], [], []
for ext, text, product, team, items, lang in FORMS:
    fields = {
        "text": text,
        "kind": "need",
        "product": product,
        "channel": "phone",
        "agent_id": f"log5-{ext}",
        "team": team,
        "source": "app",
    }
    try:
        saved = save_note(store, fields, embedder=embedder, redactor=redactor, settings=settings)
        results.append(dict(ext=ext, note_id=saved.note.id, text=saved.note.text, product=saved.note.product))
    except NoteRejected as exc:
        results.append(dict(ext=ext, rejected=[p.message for p in exc.problems]))
    for p in items:
        plants.append(
            {
                **p,
                "ext": None,
                "agent": f"log5-{ext}",
                "carrier": "Log page (save_note)",
                "field": p.get("field", "text"),
                "lang": lang,
            }
        )
    if not items:
        clean.append(dict(ext=None, agent=f"log5-{ext}", text=text, carrier="Log page (save_note)", lang=lang))
# The form's rejection message (shown on screen): a bad channel holding a name.
try:
    save_note(
        store,
        {
            "text": "quiere hablar con un supervisor",
            "channel": "WhatsApp de la señora Montserrat Vilaró",
            "agent_id": "log5-bad",
        },
        embedder=embedder,
        redactor=redactor,
        settings=settings,
    )
except NoteRejected as exc:
    results.append(dict(ext="bad", rejected=[f"{p.field}: {p.message}" for p in exc.problems]))
plants.append(
    {
        **P("NAME", "Montserrat Vilaró", "rejected-field"),
        "ext": None,
        "carrier": "Log page rejected (message)",
        "field": "channel",
        "lang": "es",
    }
)
store.close() if hasattr(store, "close") else None
(HERE / "plants_log.json").write_text(
    json.dumps({"plants": plants, "clean": clean, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8"
)
for r in results:
    print(r)
