"""Write the fifth family's CLI inputs (inputs/) and what was planted where (plants_files.json).

python build.py   (run.sh runs it).  Every plant is checked to be present in what is written, and every phone
to be a valid number of its country (phonenumbers), so a miss is the redactor's, not a typo's.
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
import regex
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))
import corpus

HERE = Path(__file__).parent
INPUTS = HERE / "inputs"
INPUTS.mkdir(exist_ok=True)

plants: list[dict] = []
clean: list[dict] = []
problems: list[str] = []

CHANNELS = ["phone", "chat", "email", "phone", "chat"]
KINDS = ["need", "complaint", "need", "churn-risk", "idea"]
TEAMS = {"es": "Soporte", "de": "Kundenservice", "fr": "Service client", "pt": "Apoio", "it": "Assistenza"}
START = datetime(2026, 9, 10, 8, 0)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in s)
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return s.casefold()


def alnum(s: str) -> str:
    return regex.sub(r"[\W_]+", "", norm(s))


def present(value: str, where: str) -> bool:
    return alnum(value) in alnum(where) or all(
        alnum(w) in alnum(where) for w in regex.split(r"[\s,_+.\-]+", value) if w
    )


def add(p: dict, ext: str | None, carrier: str, where: str, field: str = "text") -> None:
    q = {**p, "ext": ext, "carrier": carrier, "field": p.get("field", field)}
    if not present(p["value"], where) and not any(present(a, where) for a in p.get("alts", [])):
        problems.append(f"{carrier} {ext}: {p['value']!r} not in what was written")
    if p["category"] == "PHONE" and p.get("region"):
        digits = "".join(str(unicodedata.digit(c)) for c in p["value"] if unicodedata.category(c) == "Nd")
        num = phonenumbers.parse(("+" if p.get("intl") else "") + digits, p["region"]) if digits else None
        if num is not None and not phonenumbers.is_valid_number(num):
            problems.append(f"{carrier} {ext}: phone {p['value']!r} is not a valid {p['region']} number")
    plants.append(q)


def when(i: int) -> str:
    return (START + timedelta(hours=4 * i + 3, minutes=(i * 13) % 60)).strftime("%Y-%m-%d %H:%M")


# ------------------------------------------------------------------------------------------- main.csv
rows = []
i = 0
for note in corpus.NOTES + corpus.FIELD_NOTES:
    i += 1
    ext = f"m5-{i:03d}"
    f = note["fields"]
    row = dict(
        id=ext,
        created_at=when(i),
        agent=f"{note['lang'][:2]}-agent-{i % 4 + 1}",
        channel=CHANNELS[i % 5],
        kind=KINDS[i % 5],
        team=f.get("team", TEAMS.get(note["lang"], "Support")),
        product=f.get("product", ""),
        customer_segment=f.get("customer_segment", ""),
        tags=f.get("tags", ""),
        text=note["text"],
    )
    rows.append(row)
    for p in note["plants"]:
        field = p.get("field", "text")
        add(p | {"lang": note["lang"]}, ext, "main.csv", row[field if field in row else "text"], field)
for lang, text in corpus.CLEAN[:50]:
    i += 1
    ext = f"m5-{i:03d}"
    rows.append(
        dict(
            id=ext,
            created_at=when(i),
            agent=f"{lang[:2]}-agent-{i % 4 + 1}",
            channel=CHANNELS[i % 5],
            kind=KINDS[i % 5],
            team=TEAMS.get(lang, "Support"),
            product="",
            customer_segment="",
            tags="",
            text=text,
        )
    )
    clean.append(dict(ext=ext, text=text, carrier="main.csv", lang=lang))
for r in corpus.REJECTED_ROWS:
    i += 1
    rows.append(
        dict(
            id=f"m5-{i:03d}",
            created_at=r["created_at"],
            agent="de-agent-9",
            channel=r["channel"],
            kind=r["kind"],
            team="Kundenservice",
            product="",
            customer_segment="",
            tags="",
            text=r["text"],
        )
    )
    for p in r["plants"]:
        add(p | {"lang": "rejected"}, None, "main.csv (rejected row)", json.dumps(r, ensure_ascii=False))
with (INPUTS / "main.csv").open("w", encoding="utf-8", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)


# ------------------------------------------------------------------------------ exports with extra columns
def export(name: str, headers: list[str], table: list[dict], prefix: str, lang: str, day_first: bool = False) -> None:
    global i
    with (INPUTS / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=headers)
        w.writeheader()
        for r in table:
            i += 1
            ext = f"{prefix}-{i:03d}"
            dt = START + timedelta(days=i % 50, hours=5)
            row = {h: "" for h in headers}
            row.update(
                id=ext,
                created_at=dt.strftime("%d.%m.%Y %H:%M") if day_first else dt.strftime("%Y-%m-%d %H:%M"),
                agent=f"{lang}-agent-1",
                channel="phone",
                text=r["text"],
                **r["cells"],
            )
            w.writerow(row)
            for p in r["plants"]:
                col = next((h for h, v in r["cells"].items() if present(p["value"], str(v))), "?")
                add(p | {"lang": lang}, ext, name, json.dumps(r["cells"], ensure_ascii=False), f"extra.{col}")


export("export_de.csv", corpus.DE_EXPORT_HEADERS, corpus.DE_EXPORT_ROWS, "de5", "de", day_first=True)
export("export_intl.csv", corpus.INTL_EXPORT_HEADERS, corpus.INTL_EXPORT_ROWS, "in5", "intl")
export("export_neutral.csv", corpus.NEUTRAL_HEADERS, corpus.NEUTRAL_ROWS, "ne5", "mixed")

# ------------------------------------------------------------------------------------------ nested.jsonl
with (INPUTS / "nested.jsonl").open("w", encoding="utf-8") as fh:
    for r in corpus.JSONL_ROWS:
        i += 1
        ext = f"js5-{i:03d}"
        obj = dict(id=ext, created_at=when(i), agent="jsonl-agent", channel="email", text=r["text"], **r["extra"])
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        for p in r["plants"]:
            add(p | {"lang": "json"}, ext, "nested.jsonl", json.dumps(r["extra"], ensure_ascii=False), "extra")
    for lang, text in corpus.CLEAN[50:53]:
        i += 1
        ext = f"js5-{i:03d}"
        obj = dict(
            id=ext, created_at=when(i), agent="jsonl-agent", channel="chat", text=text, order={"no": "2026-4481"}
        )
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        clean.append(dict(ext=ext, text=text, carrier="nested.jsonl", lang=lang))

# ------------------------------------------------------------------------------------------- cells.xlsx
wb = Workbook()
ws = wb.active
ws.title = "Notizen"
ws.append(corpus.XLSX_HEADERS)
for r in corpus.XLSX_ROWS:
    i += 1
    ext = f"x5-{i:03d}"
    cells = {}
    for h, v in r["cells"].items():
        cells[h] = datetime(*v[1:]) if isinstance(v, tuple) else v
    row = dict(
        id=ext, created_at=START + timedelta(days=i % 50), agent="xlsx-agent", channel="phone", text=r["text"], **cells
    )
    ws.append([row.get(h) for h in corpus.XLSX_HEADERS])
    for c, h in enumerate(corpus.XLSX_HEADERS, start=1):
        if isinstance(row.get(h), datetime) and h != "created_at":
            ws.cell(row=ws.max_row, column=c).number_format = "DD.MM.YYYY"
    shown = json.dumps({h: str(v) for h, v in r["cells"].items()}, ensure_ascii=False) + r["text"]
    for p in r["plants"]:
        field = "text" if present(p["value"], r["text"]) else "extra"
        add(p | {"lang": "xlsx"}, ext, "cells.xlsx", shown + json.dumps(p.get("alts", [])), field)
for lang, text in corpus.CLEAN[53:56]:
    i += 1
    ext = f"x5-{i:03d}"
    ws.append([ext, START + timedelta(days=i % 50), "xlsx-agent", "chat", text] + [None] * 10)
    clean.append(dict(ext=ext, text=text, carrier="cells.xlsx", lang=lang))
wb.save(INPUTS / "cells.xlsx")

# --------------------------------------------------------------------------------- files named after people
for nf in corpus.NAMED_FILES:
    path = INPUTS / nf["name"]
    recs = []
    for t in nf["texts"]:
        i += 1
        recs.append(dict(id=f"nf5-{i:03d}", created_at=when(i), agent="file-agent", channel="phone", text=t))
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(recs[0]))
            w.writeheader()
            w.writerows(recs)
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    for p in nf["plants"]:
        add(p | {"lang": "file"}, None, "file name", nf["name"])

# --------------------------------------------------------------------------- the rest of the clean notes
for lang, text in corpus.CLEAN[56:]:
    i += 1
    ext = f"m5-{i:03d}"
    with (INPUTS / "main.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([ext, when(i), "en-agent-1", "chat", "need", "Support", "", "", "", text])
    clean.append(dict(ext=ext, text=text, carrier="main.csv", lang=lang))

(HERE / "plants_files.json").write_text(
    json.dumps({"plants": plants, "clean": clean}, ensure_ascii=False, indent=1), encoding="utf-8"
)
for p in problems:
    print("BUILD PROBLEM:", p, file=sys.stderr)
print(f"{len(plants)} plants, {len(clean)} clean notes in {len(list(INPUTS.iterdir()))} files")
