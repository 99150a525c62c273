"""Read back everything stored and decide, per planted identifier, whether any of it survived.

python check.py [DB]  ->  results.json and a printed table.
Rules: an "id" leaks when any 6 consecutive letters/digits of it (after NFKC, digits of any script -> ASCII,
casefold) appear in the note's stored record (shorter values: the whole value); a "name" leaks when any of its
words (3+ letters, particles aside) appears as a word (case-sensitive when the word is an everyday English word);
a "cjk" name when its given-name part (2+ characters) appears.  Plants with no note (file names, rejected rows)
are looked for in every table, the rejected-rows files and everything the commands printed.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import duckdb
import regex

HERE = Path(__file__).parent
DB = sys.argv[1] if len(sys.argv) > 1 else str(HERE / "attack.duckdb")
con = duckdb.connect(DB, read_only=True)

PARTICLES = set(
    "van der den de la le al el bin bint ibn ben von ten mac mc st jr thị thi ní ó da di du del dos das".split()
)
COMMON = set(
    """will hope bill mark rose summer frank penny lane faith cook crystal rivers joy baker victor long dawn
price sterling wood ivy fisher grace hunter rich little autumn brown sunny day heather moss""".split()
)
TEXT_COLS = [
    "external_id",
    "text",
    "agent_id",
    "team",
    "channel",
    "product",
    "customer_segment",
    "kind",
    "source",
    "tags",
    "extra",
]


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in s)
    return s.casefold()


def alnum(s: str) -> str:
    return regex.sub(r"[\W_]+", "", norm(s))


def deep_str(value) -> str:
    """A stored value as text, JSON decoded (so \\u escapes are read as characters)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " | ".join(deep_str(v) for v in value)
    if isinstance(value, dict):  # values only: a key such as "Correo" is not the value it labels
        return " | ".join(deep_str(v) for v in value.values())
    if isinstance(value, str):
        t = value.strip()
        if t[:1] in "{[" and t[-1:] in "}]":
            try:
                return deep_str(json.loads(t))
            except ValueError:
                pass
        return value
    return str(value)


_EMAIL_SEP = ("@", "%40", "&#64;", "&#x40;", "=40", "[@]", " at ", "(at)", "＠", " @ ")


def id_hits(value: str, hay: str) -> bool:
    low = norm(value)
    for sep in _EMAIL_SEP:  # an e-mail: its local part, letters and digits in a row (domains are shared)
        if sep in low and alnum(low.split(sep)[0]):
            local = alnum(low.split(sep)[0])
            h = alnum(hay)
            return local in h if len(local) < 6 else any(local[i : i + 6] in h for i in range(len(local) - 5))
    v = alnum(value)
    if len(v) < 6:
        return norm(value) in norm(hay)
    h = norm(hay)
    for i in range(len(v) - 5):
        pattern = r"[\W_]{0,3}".join(regex.escape(ch) for ch in v[i : i + 6])
        if regex.search(pattern, h):
            return True
    return False


def name_words(value: str) -> list[str]:
    return [w for w in regex.split(r"[\s,_\-'’.]+", value) if len(w) >= 3 and w.casefold() not in PARTICLES]


def name_hits(value: str, hay: str, kind: str) -> list[str]:
    if kind == "cjk":
        parts = {value, value[1:]} if len(value) > 2 else {value}
        return [p for p in parts if p in hay]
    found = []
    for w in name_words(value):
        flags = 0 if w.casefold() in COMMON else regex.IGNORECASE
        if regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(w)}(?![\p{{L}}\p{{M}}])", hay, flags) or (
            w.casefold() not in COMMON
            and regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(norm(w))}(?![\p{{L}}\p{{M}}])", norm(hay))
        ):
            found.append(w)
    return found


def leaked(p: dict, hay: str) -> bool:
    if p["kind"] == "id":
        return id_hits(p["value"], hay)
    return bool(name_hits(p["value"], hay, p["kind"]))


# ------------------------------------------------------------------ everything stored, table by table
tables = con.execute("SHOW ALL TABLES").fetchall()
all_cells: list[tuple[str, str, str]] = []  # (table.column, rowkey, text)
for _db, schema, name, cols, types, _tmp in tables:
    rows = con.execute(f'SELECT * FROM "{schema}"."{name}"').fetchall()
    for r in rows:
        for c, t, v in zip(cols, types, r, strict=False):
            if v is None or t in ("FLOAT[]",) or c in ("vector", "centroid"):
                continue
            all_cells.append((f"{name}.{c}", str(r[0]), deep_str(v)))

notes = con.execute(f"SELECT id, {', '.join(TEXT_COLS)} FROM notes").fetchall()
by_ext: dict[str, dict] = {}
by_agent: dict[str, dict] = {}
records = []
for r in notes:
    rec = {"id": r[0], **{c: deep_str(v) for c, v in zip(TEXT_COLS, r[1:], strict=False)}, "raw_extra": str(r[-1])}
    records.append(rec)
    by_ext[rec["external_id"]] = rec
    by_agent.setdefault(rec["agent_id"], rec)


def columns_for(field: str) -> list[str]:
    """The stored columns a plant's field lands in (a plant is judged where it was put)."""
    mapping = {
        "text": ["text"],
        "team": ["team"],
        "product": ["product"],
        "segment": ["customer_segment"],
        "customer_segment": ["customer_segment"],
        "tags": ["tags"],
        "text+tags": ["text", "tags"],
        "kind": ["kind"],
        "channel": ["channel"],
        "created_at": ["extra"],
    }
    if field in mapping:
        return mapping[field]
    if "-> agent_id" in field:
        return ["agent_id"]
    if "-> external_id" in field:
        return ["external_id"]
    return ["extra"]


def find(p: dict) -> dict | None:
    if p.get("agent"):
        return by_agent.get(p["agent"])
    if p.get("ext") is None:
        return None
    if p["ext"] in by_ext:
        return by_ext[p["ext"]]
    for rec in records:  # an id column Earshot did not recognise (kept as an extra attribute)
        if f'"{p["ext"]}"' in rec["raw_extra"]:
            return rec
    return None


# Outputs outside the database: rejected-rows files, what the commands printed, API answers.
side: dict[str, str] = {}
for f in list((HERE / "inputs").glob("*.rejected.csv")):
    side[f"file {f.name}"] = f.read_text(encoding="utf-8", errors="replace")
for f in [
    "cli_stdout.json",
    "cli_stderr.txt",
    "cli_stdout_bom.json",
    "cli_stderr_bom.txt",
    "api_stdout.txt",
    "api_stderr.txt",
    "quicklog_out.txt",
]:
    if (HERE / f).exists():
        side[f] = (HERE / f).read_text(encoding="utf-8", errors="replace")
api = json.loads((HERE / "plants_api.json").read_text(encoding="utf-8"))
side["API responses"] = "\n".join(e["body"] for e in api["log"])
ql = json.loads((HERE / "plants_log.json").read_text(encoding="utf-8"))
side["Log page messages"] = json.dumps(ql["results"], ensure_ascii=False)

files = json.loads((HERE / "plants_files.json").read_text(encoding="utf-8"))
plants = files["plants"] + api["plants"] + ql["plants"]
clean = files["clean"] + api["clean"]

# Reviewed by hand: the e-mail itself became <EMAIL>; what matched is the person's name, counted as its own plant.
NOT_A_LEAK = {
    ("ann.leeson@contoso.com", "main.csv"),
    ("will.hope@gmail.com", "nested.jsonl"),
    ("+33 6 12 34 56 78 poste 12", "main.csv"),
}  # "poste 12" (the extension) is all that is left

results = []
for p in plants:
    rec = find(p)
    where = []
    if rec is not None:
        for c in columns_for(p["field"]):
            if rec[c] and leaked(p, rec[c]):
                where.append(f"notes.{c}")
    else:
        for loc, _key, text in all_cells:  # not stored as a note: the ledger, other tables
            if loc.startswith(("notes.", "note_embeddings.")):
                continue
            if leaked(p, text) and loc not in where:
                where.append(loc)
    for loc, text in side.items():
        if not (p.get("ext") is None or rec is None) or not leaked(p, text):
            continue
        car = p["carrier"]
        relevant = (
            ("API" in car and loc == "API responses")
            or ("Log page" in car and loc == "Log page messages")
            or (("csv" in car or "file name" in car) and (loc.startswith("cli_") or loc.startswith("file ")))
        )
        if relevant:
            where.append(loc)
    stored_bits = (
        {
            c: rec[c]
            for c in ("text", "team", "product", "customer_segment", "tags", "extra", "agent_id", "external_id")
            if rec and rec[c]
        }
        if rec
        else None
    )
    if (p["value"], p["carrier"]) in NOT_A_LEAK:
        where = []
    results.append({**p, "found_note": rec is not None, "leaked": bool(where), "where": where, "stored": stored_bits})


# Also: every side output / table for plants whose note exists (e.g. a value quoted in the ledger's message)
def head(value: str) -> str:
    """The identifying part: an e-mail's local part (common domains would match any other e-mail)."""
    v = norm(value)
    for sep in ("@", "%40", "&#64;", "&#x40;", "=40", "[@]", " at ", "＠"):
        if sep in v:
            return v.split(sep)[0]
    return v


extra_where = []
for p in plants:
    if p.get("ext") is None:
        continue
    for loc, text in side.items():
        if p["kind"] == "id" and len(alnum(head(p["value"]))) >= 6 and id_hits(head(p["value"]), text):
            extra_where.append((p["category"], p["value"], loc))
    for loc, _key, text in all_cells:
        if loc.startswith("notes.") or loc in ("note_embeddings.model_id",):
            continue
        if p["kind"] == "id" and len(alnum(head(p["value"]))) >= 6 and id_hits(head(p["value"]), text):
            extra_where.append((p["category"], p["value"], loc))

# ------------------------------------------------------------------------------------------ clean notes
_SPACES = regex.compile(r"[^\S\n\t]+")
changed = []
for c in clean:
    rec = by_ext.get(c["ext"])
    want = unicodedata.normalize("NFKC", _SPACES.sub(" ", c["text"])).strip()
    if rec is None:
        changed.append(dict(ext=c["ext"], text=c["text"], stored=None))
    elif rec["text"] != want:
        changed.append(dict(ext=c["ext"], text=c["text"], stored=rec["text"]))

# ------------------------------------------------------------------------------------------ report
cats = defaultdict(lambda: [0, 0])
carriers = defaultdict(lambda: [0, 0])
for r in results:
    cats[r["category"]][0] += 1
    cats[r["category"]][1] += r["leaked"]
    carriers[r["carrier"]][0] += 1
    carriers[r["carrier"]][1] += r["leaked"]
print(f"{'category':18} planted leaked")
for k, (n, leaks) in sorted(cats.items()):
    print(f"{k:18} {n:7} {leaks:6}")
print("TOTAL", sum(v[0] for v in cats.values()), sum(v[1] for v in cats.values()))
print()
for k, (n, leaks) in sorted(carriers.items()):
    print(f"{k:32} {n:4} {leaks:4}")
print(f"\nclean notes changed: {len(changed)} of {len(clean)}")
for c in changed:
    print("  ", repr(c["text"]), "->", repr(c["stored"]))
print("\nidentifiers (8+ chars) also found outside their note:", len(extra_where))
for e in sorted(set(extra_where)):
    print("  ", e)
print(
    "\nnot stored (no note found):",
    [(r["carrier"], r["value"]) for r in results if not r["found_note"] and r.get("ext") is not None],
)
(HERE / "results.json").write_text(
    json.dumps(
        {"results": results, "clean_changed": changed, "extra_where": sorted(set(extra_where))},
        ensure_ascii=False,
        indent=1,
    ),
    encoding="utf-8",
)
