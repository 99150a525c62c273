"""Build the fourth attack family's input files and plants.json (run with any python that has openpyxl)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import CLEAN_NOTES, TEXT_PLANTS, UNICODE_PLANTS

OUT = Path(__file__).parent / "inputs"
OUT.mkdir(exist_ok=True)
plants: list[dict] = []
clean: list[dict] = []


def plant(category, kind, value, ext, carrier, field="text", note=""):
    plants.append(
        dict(
            pid=len(plants), category=category, kind=kind, value=value, ext=ext, carrier=carrier, field=field, note=note
        )
    )


def day(i: int) -> str:
    return f"2026-{3 + (i // 28) % 8:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:00"


# ------------------------------------------------------------------------------------------------ main.csv
MAIN_COLS = [
    "note_id",
    "created_at",
    "agent",
    "team",
    "product",
    "segment",
    "tags",
    "channel",
    "kind",
    "text",
    "Kunde",
    "Kundenname",
    "Nombre del cliente",
    "Имя",
    "Correo",
    "Telefon",
    "Teléfono",
    "电话",
    "Mobile",
    "Login",
    "Handle",
    "Geburtsdatum",
    "Cust Mob",
    "Member",
    "Customer ID",
    "Zahlung",
    "Requester",
    "Assignee",
]
rows = []
i = 0
for cat, kind, value, text in TEXT_PLANTS + UNICODE_PLANTS:
    ext = f"m{i:03d}"
    rows.append(
        {
            "note_id": ext,
            "created_at": day(i),
            "agent": "ana",
            "team": "Billing",
            "channel": "phone",
            "kind": "complaint",
            "text": text,
        }
    )
    plant(cat, kind, value, ext, "main.csv")
    i += 1
for text in CLEAN_NOTES:
    ext = f"c{i:03d}"
    rows.append(
        {
            "note_id": ext,
            "created_at": day(i),
            "agent": "ben",
            "team": "Support",
            "channel": "chat",
            "kind": "need",
            "text": text,
            "product": "Vodaline Max",
            "tags": "billing; roaming",
        }
    )
    clean.append(dict(ext=ext, text=text, carrier="main.csv"))
    i += 1

# Identifiers in fields other than the note text: (column, category, kind, value)
FIELD_PLANTS = [
    ("Kunde", "NAME_PARTICLE", "name", "Müller"),
    ("Kunde", "NAME_PARTICLE", "name", "Schmidt-Weber"),
    ("Kundenname", "NAME_PARTICLE", "name", "Jürgen Weiß"),
    ("Kundenname", "NAME_COMMONWORD", "name", "Hope Williams"),
    ("Nombre del cliente", "NAME_PARTICLE", "name", "María José Pérez"),
    ("Имя", "NAME_SCRIPT", "name", "Светлана Орлова"),
    ("Correo", "EMAIL_OBF", "id", "lucia.fdez@correo.es"),
    ("Telefon", "PHONE_ODD", "id", "0171 5551234"),
    ("Teléfono", "PHONE_ODD", "id", "612 34 56 78"),
    ("电话", "PHONE_ODD", "id", "138 0013 8001"),
    ("Mobile", "PHONE_ODD", "id", "07700900999"),
    ("Mobile", "PHONE_ODD", "id", "7700900998"),
    ("Login", "HANDLE_LOGIN", "id", "jsmith1987b"),
    ("Handle", "HANDLE_LOGIN", "id", "@hope_w"),
    ("Geburtsdatum", "DOB", "id", "12.03.1975"),
    ("Cust Mob", "PHONE_ODD", "id", "7700 900 888"),
    ("Member", "NAME_PARTICLE", "name", "Kwame Mensah"),
    ("Customer ID", "ID_EMBED", "id", "CUST-jane.doe@gmail.com-02"),
    ("Zahlung", "CARD_ODD", "id", "4.11111111111111E+15"),
    ("Zahlung", "CARD_ODD", "id", "4111111111111111"),
    ("Requester", "NAME_COMMONWORD", "name", "Bill Mark"),
    ("Requester", "NAME_COMMONWORD", "name", "Summer Rose"),
    ("Assignee", "NAME_PARTICLE", "name", "Siobhan O'Brien"),
    ("team", "NAME_COMMONWORD", "name", "Will Hope"),
    ("product", "NAME_PARTICLE", "name", "Okonkwo"),
    ("segment", "NAME_COMMONWORD", "name", "Penny Lane"),
    ("tags", "EMAIL_OBF", "id", "will.hope@gmail.com"),
    ("tags", "PHONE_ODD", "id", "07700900321"),
    ("tags", "NAME_COMMONWORD", "name", "hope_williams"),
]
for col, cat, kind, value in FIELD_PLANTS:
    ext = f"f{i:03d}"
    row = {
        "note_id": ext,
        "created_at": day(i),
        "agent": "cai",
        "team": "Retention",
        "channel": "email",
        "kind": "churn-risk",
        "text": f"Customer wants to leave over the price rise (case {i})",
    }
    if col == "product":
        row[col] = f"Brightline Hub for Mrs {value}"
    elif col == "team":
        row[col] = f"Escalations - {value}"
    elif col == "segment":
        row[col] = f"VIP: {value}"
    elif col == "tags":
        row[col] = f"vip; {value}"
    else:
        row[col] = value
    rows.append(row)
    plant(cat, kind, value, ext, "main.csv", field=col)
    i += 1

# Rows that are rejected: the identifier is in the field that fails validation.
REJECTS = [
    ("channel", "EMAIL_OBF", "id", "rachel.green@gmail.com", {"channel": "rachel.green@gmail.com"}),
    ("kind", "NAME_COMMONWORD", "name", "Hope Williams", {"kind": "Hope Williams"}),
    ("created_at", "PHONE_ODD", "id", "07700 900 654", {"created_at": "07700 900 654"}),
    ("channel", "PHONE_ODD", "id", "+44 7700 900 655", {"channel": "+44 7700 900 655"}),
    ("kind", "NAME_PARTICLE", "name", "Siobhán Ní Bhriain", {"kind": "Siobhán Ní Bhriain"}),
    ("created_at", "DOB", "id", "DOB 1975-03-12", {"created_at": "DOB 1975-03-12"}),
    ("text", "NAME_COMMONWORD", "name", "Rose Summer", {"text": "customer Rose Summer called " + "x" * 5000}),
    ("text", "CARD_ODD", "id", "4111 1111 1111 1111", {"text": "ok"}),  # text too short, card in Zahlung
]
for col, cat, kind, value, override in REJECTS:
    ext = f"r{i:03d}"
    row = {
        "note_id": ext,
        "created_at": day(i),
        "agent": "dee",
        "team": "Sales",
        "channel": "phone",
        "kind": "idea",
        "text": "Customer suggested a family bundle",
    }
    row.update(override)
    if value == "4111 1111 1111 1111":
        row["Zahlung"] = value
    rows.append(row)
    plant(cat, kind, value, ext, "main.csv (rejected row)", field=col)
    i += 1

with open(OUT / "main.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, MAIN_COLS)
    w.writeheader()
    w.writerows(rows)

# ------------------------------------------------------------------------ zendesk-style ticket export CSV
ZD_COLS = [
    "Id",
    "Subject",
    "Requester",
    "Requester email",
    "Assignee",
    "Submitter",
    "Group",
    "Organization",
    "Tags",
    "Created at",
    "Description",
    "Satisfaction Comment",
]
zd_rows = [
    dict(
        Subject="Refund for Will Hope",
        Requester="Will Hope",
        Assignee="Faith Cook",
        Submitter="Will Hope",
        Description="Customer disputes roaming charges from Spain.",
        **{"Satisfaction Comment": ""},
    ),
    dict(
        Subject="Re: your bill, Mr O'Neill",
        Requester="Declan O'Neill",
        Assignee="Penny Lane",
        Description="Double charge on the March invoice.",
        **{"Satisfaction Comment": "Penny was great, thanks! Call me on 07700 900 661 if needed"},
    ),
    dict(
        Subject="Engineer visit for Rose Summer",
        Requester="Rose Summer",
        Assignee="Bill Mark",
        Description="Engineer missed the slot twice.",
        **{"Satisfaction Comment": "Bill sorted it"},
    ),
    dict(
        Subject="Номер Светланы Орловой",
        Requester="Светлана Орлова",
        Assignee="Иван Петров",
        Description="Клиентка не может войти в приложение.",
        **{"Satisfaction Comment": "Спасибо, Иван!"},
    ),
    dict(
        Subject="Ticket from 王小明",
        Requester="王小明",
        Assignee="Grace Hunter",
        Description="Broadband slow in the evenings.",
        **{"Satisfaction Comment": ""},
    ),
    dict(
        Subject="Account locked – login jdoe_1999",
        Requester="jdoe_1999",
        Assignee="Sunny Day",
        Description="Locked out after the password reset.",
        **{"Satisfaction Comment": ""},
    ),
    dict(
        Subject="Moving house: 14 Elm Grove, Bristol BS8 1AB",
        Requester="Heather Moss",
        Assignee="Ivy Fisher",
        Description="Wants to move the broadband to the new address.",
        **{"Satisfaction Comment": ""},
    ),
    dict(
        Subject="Callback 0151 496 0777",
        Requester="Nguyễn Thị Hoa",
        Assignee="Victor Long",
        Description="Asked for a callback about the upgrade.",
        **{"Satisfaction Comment": ""},
    ),
]
ZD_PLANTS = [
    (0, "Subject", "NAME_COMMONWORD", "name", "Will Hope"),
    (0, "Requester", "NAME_COMMONWORD", "name", "Will Hope"),
    (0, "Assignee", "NAME_COMMONWORD", "name", "Faith Cook"),
    (1, "Subject", "NAME_PARTICLE", "name", "O'Neill"),
    (1, "Requester", "NAME_PARTICLE", "name", "Declan O'Neill"),
    (1, "Assignee", "NAME_COMMONWORD", "name", "Penny Lane"),
    (1, "Satisfaction Comment", "PHONE_ODD", "id", "07700 900 661"),
    (2, "Subject", "NAME_COMMONWORD", "name", "Rose Summer"),
    (2, "Requester", "NAME_COMMONWORD", "name", "Rose Summer"),
    (2, "Assignee", "NAME_COMMONWORD", "name", "Bill Mark"),
    (3, "Subject", "NAME_SCRIPT", "name", "Светланы Орловой"),
    (3, "Requester", "NAME_SCRIPT", "name", "Светлана Орлова"),
    (3, "Assignee", "NAME_SCRIPT", "name", "Иван Петров"),
    (4, "Subject", "NAME_SCRIPT", "cjk", "王小明"),
    (4, "Requester", "NAME_SCRIPT", "cjk", "王小明"),
    (4, "Assignee", "NAME_COMMONWORD", "name", "Grace Hunter"),
    (5, "Subject", "HANDLE_LOGIN", "id", "jdoe_1999"),
    (5, "Requester", "HANDLE_LOGIN", "id", "jdoe_1999"),
    (5, "Assignee", "NAME_COMMONWORD", "name", "Sunny Day"),
    (6, "Subject", "ADDRESS", "id", "14 Elm Grove, Bristol BS8 1AB"),
    (6, "Requester", "NAME_COMMONWORD", "name", "Heather Moss"),
    (6, "Assignee", "NAME_COMMONWORD", "name", "Ivy Fisher"),
    (7, "Subject", "PHONE_ODD", "id", "0151 496 0777"),
    (7, "Requester", "NAME_PARTICLE", "name", "Nguyễn Thị Hoa"),
    (7, "Assignee", "NAME_COMMONWORD", "name", "Victor Long"),
]
with open(OUT / "zendesk_export.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, ZD_COLS)
    w.writeheader()
    for k, r in enumerate(zd_rows):
        r = dict(r)
        r.update(
            {
                "Id": str(88000 + k),
                "Requester email": f"requester{k}@example.net",
                "Group": "Support",
                "Organization": "Acme Ltd",
                "Tags": "billing",
                "Created at": f"2026-04-{k + 1:02d} 09:00:00",
            }
        )
        w.writerow(r)
for k, col, cat, kind, value in ZD_PLANTS:
    plant(cat, kind, value, str(88000 + k), "zendesk_export.csv", field=col)
plant("EMAIL_OBF", "id", "requester0@example.net", "88000", "zendesk_export.csv", field="Requester email")

# ------------------------------------------------- UTF-8 with BOM, a personal file name, German headers
BOM_NAME = "Tickets - Margaret Thornton - March.csv"
bom_rows = [
    ("b1", "Kundin Hope Williams ruft wegen der Rechnung an", "NAME_COMMONWORD", "name", "Hope Williams"),
    ("b2", "Rückruf an Frau Schäfer-Özdemir unter 0171 5559876", "NAME_PARTICLE", "name", "Schäfer-Özdemir"),
    ("b3", "Kunde Łukasz Wróblewski möchte kündigen", "NAME_PARTICLE", "name", "Łukasz Wróblewski"),
    ("b4", "E-Mail: klaus.fischer(at)web(punkt)de", "EMAIL_OBF", "id", "klaus.fischer(at)web(punkt)de"),
    ("b5", "Geburtsdatum 03.04.1985 bestätigt", "DOB", "id", "03.04.1985"),
]
with open(OUT / BOM_NAME, "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["Notiz-ID", "Datum", "Mitarbeiter", "Note", "Telefonnummer", "Anschrift"])
    for k, (ext, text, *_rest) in enumerate(bom_rows):
        w.writerow([ext, f"1{k}.04.2026", "eva", text, "0171 555 98 7" + str(k), f"Lindenstraße {k + 3}, 10115 Berlin"])
for ext, _t, cat, kind, value in bom_rows:
    plant(cat, kind, value, ext, "bom csv")
plant("PHONE_ODD", "id", "0171 5559876", "b2", "bom csv")
plant("NAME_COMMONWORD", "name", "Margaret Thornton", None, "file name (imports.name)")
for k in range(5):
    plant("PHONE_ODD", "id", "0171 555 98 7" + str(k), bom_rows[k][0], "bom csv", field="Telefonnummer")
    plant("ADDRESS", "id", f"Lindenstraße {k + 3}, 10115 Berlin", bom_rows[k][0], "bom csv", field="Anschrift")

# ---------------------------------------------------------- UTF-16 "Unicode text" export (tab-separated)
u16_rows = [
    ("u1", "customer Ólafur Ragnarsson called re billing", "NAME_PARTICLE", "name", "Ólafur Ragnarsson"),
    ("u2", "Спросить Ольгу Смирнову про счёт", "NAME_SCRIPT", "name", "Ольгу Смирнову"),
    ("u3", "customer Will Hope's card 4111 1111 1111 1111 declined", "CARD_ODD", "id", "4111 1111 1111 1111"),
    ("u4", "email hope.w@gmail.com bounced", "EMAIL_OBF", "id", "hope.w@gmail.com"),
    ("u5", "phone +44 7700 900 662 no answer", "PHONE_ODD", "id", "+44 7700 900 662"),
]
buf = io.StringIO()
w = csv.writer(buf, delimiter="\t", lineterminator="\r\n")
w.writerow(["note_id", "date", "agent", "text"])
for k, (ext, text, *_r) in enumerate(u16_rows):
    w.writerow([ext, f"2026-05-0{k + 1}", "fay", text])
(OUT / "unicode_export.txt").write_bytes(buf.getvalue().encode("utf-16"))
for ext, _t, cat, kind, value in u16_rows:
    plant(cat, kind, value, ext, "utf-16 txt")
plant("NAME_COMMONWORD", "name", "Will Hope", "u3", "utf-16 txt")

# -------------------------------------------------------- cp1252 file with an e-mail in its file name
L1_NAME = "export_jdoe@gmail.com.csv"
l1_rows = [
    ("l1", "Kunde Søren Kjær hat angerufen", "NAME_PARTICLE", "name", "Søren Kjær"),
    ("l2", "Françoise Lefèvre wants the bill in French", "NAME_PARTICLE", "name", "Françoise Lefèvre"),
    ("l3", "Zoë Brontë said the \u201cfibre\u201d is down", "NAME_PARTICLE", "name", "Zoë Brontë"),
    ("l4", "José Muñoz, tel 612 345 679", "PHONE_ODD", "id", "612 345 679"),
    ("l5", "Spoke to Ms Ní Dhomhnaill re the refund", "NAME_PARTICLE", "name", "Ní Dhomhnaill"),
]
with open(OUT / L1_NAME, "w", encoding="cp1252", newline="") as f:
    w = csv.writer(f)
    w.writerow(["note_id", "date", "agent", "note"])
    for k, (ext, text, *_r) in enumerate(l1_rows):
        w.writerow([ext, f"2026-06-0{k + 1}", "gus", text])
for ext, _t, cat, kind, value in l1_rows:
    plant(cat, kind, value, ext, "cp1252 csv")
plant("NAME_PARTICLE", "name", "José Muñoz", "l4", "cp1252 csv")
plant("EMAIL_OBF", "id", "jdoe@gmail.com", None, "file name (imports.name)")

# ------------------------------------------------------------- JSONL: Zendesk/Intercom API-style nesting
jl = [
    {
        "id": "j1",
        "created_at": "2026-07-01T09:00:00Z",
        "description": "Customer cannot log in to the app.",
        "requester": {"name": "Will Hope", "email": "will.hope@gmail.com", "phone": "+44 7700 900 701"},
        "via": {"channel": "email", "source": {"from": {"address": "rose.summer@yahoo.com", "name": "Rose Summer"}}},
    },
    {
        "id": "j2",
        "created_at": "2026-07-02T09:00:00Z",
        "description": "Asked about the loyalty discount.",
        "custom_fields": [
            {"id": 360001, "value": "07700 900 702"},
            {"id": 360002, "value": "1975-03-12"},
            {"id": 360003, "value": "Penny Lane"},
        ],
    },
    {
        "id": "j3",
        "created_at": "2026-07-03T09:00:00Z",
        "description": "Wants a refund for the outage.",
        "satisfaction_rating": {"score": "good", "comment": "Thanks Bill Mark, you were great"},
        "collaborators": ["kim.park@naver.com", "Crystal Rivers"],
    },
    {
        "id": "j4",
        "created_at": "2026-07-04T09:00:00Z",
        "description": "Complained about the price rise.",
        "user_id": "hope.williams@gmail.com",
    },
    {
        "id": "j5",
        "created_at": "2026-07-05T09:00:00Z",
        "description": "Router replaced under warranty.",
        "user": "Grace Hunter",
    },
    {
        "id": "j6",
        "created_at": "2026-07-06T09:00:00Z",
        "description": "Billing query about the TV add-on.",
        "meta": {"crm": {"owner": "Dawn Price", "dob": "1975-03-12", "iban": "DE89370400440532013000"}},
    },
    {
        "id": "j7",
        "created_at": "2026-07-07T09:00:00Z",
        "description": "Wants the eSIM.",
        "tags": ["vip", "cust_jsmith99", "callback-07700900703"],
    },
    {
        "id": "will.hope@gmail.com#1",
        "created_at": "2026-07-08T09:00:00Z",
        "description": "External id holds an e-mail (a CRM keyed by e-mail).",
    },
    {
        "id": "j9",
        "created_at": "2026-07-09T09:00:00Z",
        "description": "Asked to change the plan.",
        "fields": {"Anrufer": "Sabine Schröder", "Rückrufnummer": "0171 5550009", "地址": "北京市朝阳区建国路88号"},
    },
]
with open(OUT / "nested.jsonl", "w", encoding="utf-8") as f:
    for obj in jl:
        f.write(json.dumps(obj, ensure_ascii=False) + "\n")
for ext, cat, kind, value, field in [
    ("j1", "NAME_COMMONWORD", "name", "Will Hope", "requester.name"),
    ("j1", "EMAIL_OBF", "id", "will.hope@gmail.com", "requester.email"),
    ("j1", "PHONE_ODD", "id", "+44 7700 900 701", "requester.phone"),
    ("j1", "EMAIL_OBF", "id", "rose.summer@yahoo.com", "via.source.from.address"),
    ("j1", "NAME_COMMONWORD", "name", "Rose Summer", "via.source.from.name"),
    ("j2", "PHONE_ODD", "id", "07700 900 702", "custom_fields[0]"),
    ("j2", "DOB", "id", "1975-03-12", "custom_fields[1]"),
    ("j2", "NAME_COMMONWORD", "name", "Penny Lane", "custom_fields[2]"),
    ("j3", "NAME_COMMONWORD", "name", "Bill Mark", "satisfaction_rating.comment"),
    ("j3", "EMAIL_OBF", "id", "kim.park@naver.com", "collaborators"),
    ("j3", "NAME_COMMONWORD", "name", "Crystal Rivers", "collaborators"),
    ("j4", "AGENT_FIELD", "id", "hope.williams@gmail.com", "user_id (-> agent_id)"),
    ("j5", "AGENT_FIELD", "name", "Grace Hunter", "user (-> agent_id)"),
    ("j6", "NAME_COMMONWORD", "name", "Dawn Price", "meta.crm.owner"),
    ("j6", "DOB", "id", "1975-03-12", "meta.crm.dob"),
    ("j6", "BANK", "id", "DE89370400440532013000", "meta.crm.iban"),
    ("j7", "HANDLE_LOGIN", "id", "jsmith99", "tags"),
    ("j7", "PHONE_ODD", "id", "07700900703", "tags"),
    ("will.hope@gmail.com#1", "AGENT_FIELD", "id", "will.hope@gmail.com#1", "id (-> external_id)"),
    ("j9", "NAME_SCRIPT", "name", "Sabine Schröder", "fields.Anrufer"),
    ("j9", "PHONE_ODD", "id", "0171 5550009", "fields.Rückrufnummer"),
    ("j9", "ADDRESS", "id", "北京市朝阳区建国路88号", "fields.地址"),
]:
    plant(cat, kind, value, ext, "nested.jsonl", field=field)

# --------------------------------------------------------------------------- XLSX with numeric cells
from datetime import datetime  # noqa: E402

from openpyxl import Workbook  # noqa: E402

wb = Workbook()
ws = wb.active
ws.append(["Ticket ID", "Created", "Note", "Kundenname", "Telefonnummer", "Zahlungsmittel", "Fecha nac.", "Handy"])
x_rows = [
    (
        "x1",
        "Customer says the card was charged twice",
        "Jürgen Weiß",
        7700900801,
        4111111111111111,
        datetime(1975, 3, 12),
        447700900802,
    ),
    ("x2", "Wants a new router", "Hope Williams", 7700900803, 4111111111111110, datetime(1986, 4, 3), 15112345678),
    ("x3", "Asked about roaming", "Penny Lane", 2079460804, 5555555555554444.0, datetime(1990, 12, 1), 4915112345679),
    ("x4", "Price rise complaint", "李娜", 7700900805, 371449635398431, datetime(1969, 7, 20), 33612345680),
]
for k, (ext, note, name, tel, card, dob, handy) in enumerate(x_rows):
    ws.append([ext, datetime(2026, 8, k + 1, 9, 0), note, name, tel, card, dob, handy])
    plant(
        "NAME_SCRIPT" if name == "李娜" else "NAME_COMMONWORD",
        "cjk" if name == "李娜" else "name",
        name,
        ext,
        "cells.xlsx",
        field="Kundenname",
    )
    plant("PHONE_ODD", "id", str(tel), ext, "cells.xlsx (number cell)", field="Telefonnummer")
    plant("CARD_ODD", "id", str(int(card)), ext, "cells.xlsx (number cell)", field="Zahlungsmittel")
    plant("DOB", "id", dob.strftime("%Y-%m-%d"), ext, "cells.xlsx (date cell)", field="Fecha nac.")
    plant("PHONE_ODD", "id", str(handy), ext, "cells.xlsx (number cell)", field="Handy")
wb.save(OUT / "cells.xlsx")

(Path(__file__).parent / "plants_files.json").write_text(
    json.dumps({"plants": plants, "clean": clean}, ensure_ascii=False, indent=1), encoding="utf-8"
)
print(len(plants), "plants,", len(clean), "clean")
