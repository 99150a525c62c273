"""Read back everything the fifth family's run stored or printed and decide, per planted value, whether it survived.

python check.py [DB]  ->  results.json and the printed tables.

Leak rule (the fourth family's, made robust to the fifth's Unicode tricks): text is compared after NFKC, digits of
every script mapped to ASCII and format characters (zero-width joiners/spaces, soft hyphens, bidi marks) removed.
  * "id": any 6 consecutive letters/digits of the value (or of one of its alts, e.g. what a number cell becomes)
    survive, with up to 3 non-word characters between them; a value shorter than 6 must survive whole; an e-mail
    is judged by its local part.
  * "name": any word of it (3+ letters, particles aside) survives as a word, case-insensitively (case-sensitively
    for a plant marked cs: the same word is an everyday word in that note, "Luz llamó porque la luz …").
  * "cjk": the whole name or its given name (last 2 characters) survives.
Where: the record's own columns the value was put in; every other table and column of the DuckDB file; the
rejected-rows files beside the inputs; everything the commands printed; API answers and the Log page's messages.
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
    "van der den de la le al el bin bint ibn ben von ten mac mc st jr da di du del dos das ní ó ap y e".split()
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


def clean_form(s: str) -> str:
    """NFKC, digits of any script -> ASCII, format characters removed; case kept."""
    s = unicodedata.normalize("NFKC", s)
    s = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in s)
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


def norm(s: str) -> str:
    return clean_form(s).casefold()


def alnum(s: str) -> str:
    return regex.sub(r"[\W_]+", "", norm(s))


def deep_str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " | ".join(deep_str(v) for v in value)
    if isinstance(value, dict):  # values only: a key such as "Kundenname" is not the value it labels
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


_EMAIL_SEP = ("@", "%40", "&#64;", "&#x40;", "[@]", "＠")


def id_match(value: str, hay: str) -> regex.Match | None:
    """The first place in norm(hay) where the value (its identifying part) survives, else None."""
    low = norm(value)
    h = norm(hay)
    for sep in _EMAIL_SEP:
        if sep in low and alnum(low.split(sep)[0]):
            value = low.split(sep)[0]
            break
    v = alnum(value)
    if len(v) < 6:
        return regex.search(regex.escape(norm(value)), h)
    for i in range(len(v) - 5):
        m = regex.search(r"[\W_]{0,3}".join(regex.escape(ch) for ch in v[i : i + 6]), h)
        if m:
            return m
    return None


def name_words(value: str) -> list[str]:
    return [
        w for w in regex.split(r"[\s,_\-'’.+/]+", clean_form(value)) if len(w) >= 3 and w.casefold() not in PARTICLES
    ]


def name_match(p: dict, hay: str) -> regex.Match | None:
    h = clean_form(hay)
    if p["kind"] == "cjk":
        v = p["value"]
        for part in (v, v[-2:]):
            m = regex.search(regex.escape(part), h)
            if m:
                return m
        return None
    flags = 0 if p.get("cs") else regex.IGNORECASE
    for w in name_words(p["value"]):
        m = regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(w)}(?![\p{{L}}\p{{M}}])", h, flags)
        if m:
            return m
    return None


def strict_hit(p: dict, hay: str) -> bool:
    """The whole value survives (ids: all its letters/digits in a row; names: every word)."""
    if p.get("tokens"):
        return match(p, hay) is not None
    if p["kind"] == "id":
        h = alnum(hay)
        for v in [p["value"], *p.get("alts", [])]:
            low = norm(v)
            for sep in _EMAIL_SEP:
                if sep in low:
                    low = low.split(sep)[0]
                    break
            if (len(alnum(low)) >= 6 and alnum(low) in h) or (len(alnum(low)) < 6 and norm(low) in norm(hay)):
                return True
        return False
    if p["kind"] == "cjk":
        return p["value"] in clean_form(hay)
    words = name_words(p["value"])
    return bool(words) and all(
        regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(w)}(?![\p{{L}}\p{{M}}])", clean_form(hay), regex.IGNORECASE)
        for w in words
    )


def without_names(hay: str, names: list[dict]) -> str:
    """hay with the same record's planted names blanked where they stand as words, not inside an e-mail or handle
    (an e-mail plant is judged by its own letters: "Hartmut Bergmann" beside <EMAIL> is the name's leak)."""
    out = clean_form(hay)
    for n in names:
        for w in name_words(n["value"]):
            out = regex.sub(
                rf"(?<![\p{{L}}\p{{M}}\d.@_%\-]){regex.escape(w)}(?![\p{{L}}\p{{M}}\d.@_%\-])",
                " " * len(w),
                out,
                flags=regex.IGNORECASE,
            )
    return out


def match(p: dict, hay: str, names: list[dict] | None = None) -> tuple[str, str] | None:
    """(what matched, the text around it) when the plant survives in hay."""
    if not hay:
        return None
    if names and p["category"] == "EMAIL":
        hay = without_names(hay, names)
    if p.get("tokens"):  # a number spelled in words: how many of its digits survive as words
        h = clean_form(hay)
        found, first = 0, None
        for tok in {t for t, _ in p["tokens"]}:
            weight = next(d for t, d in p["tokens"] if t == tok)
            want = sum(1 for t, _ in p["tokens"] if t == tok)
            hits = list(
                regex.finditer(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(tok)}(?![\p{{L}}\p{{M}}-])", h, regex.IGNORECASE)
            )
            found += min(len(hits), want) * weight
            if hits and (first is None or hits[0].start() < first.start()):
                first = hits[0]
        if found >= 6 and first is not None:
            return f"{found} digits as words", h[max(0, first.start() - 70) : first.end() + 90]
        return None
    if p["kind"] == "id":
        for v in [p["value"], *p.get("alts", [])]:
            m = id_match(v, hay)
            if m:
                h = norm(hay)
                return m.group(0), h[max(0, m.start() - 70) : m.end() + 70]
        return None
    m = name_match(p, hay)
    if m:
        h = clean_form(hay)
        return m.group(0), h[max(0, m.start() - 70) : m.end() + 70]
    return None


# ------------------------------------------------------------------ everything stored, table by table
SKIP_COLS = {"vector", "centroid", "embedding"}
other_cells: list[tuple[str, str]] = []  # (table.column, text) outside the notes table
for _db, schema, name, cols, types, _tmp in con.execute("SHOW ALL TABLES").fetchall():
    for r in con.execute(f'SELECT * FROM "{schema}"."{name}"').fetchall():
        for c, t, v in zip(cols, types, r, strict=False):
            # text columns only (a timestamp's digits are not a phone); the notes table's own fields are judged
            # per record below, its other columns (redactions, dedupe_key) here
            if v is None or c in SKIP_COLS or not ("VARCHAR" in str(t) or "JSON" in str(t)):
                continue
            if name == "notes" and c in TEXT_COLS:
                continue
            other_cells.append((f"{name}.{c}", deep_str(v)))

records = []
by_ext: dict[str, dict] = {}
by_agent: dict[str, dict] = {}
for r in con.execute(f"SELECT id, {', '.join(TEXT_COLS)} FROM notes").fetchall():
    rec = {"id": r[0], **{c: deep_str(v) for c, v in zip(TEXT_COLS, r[1:], strict=False)}, "raw_extra": str(r[-1])}
    records.append(rec)
    by_ext[rec["external_id"]] = rec
    by_agent.setdefault(rec["agent_id"], rec)


def columns_for(field: str) -> list[str]:
    mapping = {
        "text": ["text"],
        "team": ["team"],
        "product": ["product"],
        "customer_segment": ["customer_segment"],
        "tags": ["tags"],
        "text+tags": ["text", "tags"],
        "kind": ["kind"],
        "channel": ["channel"],
    }
    return mapping.get(field, ["extra"])


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


side: dict[str, str] = {}
for f in sorted((HERE / "inputs").glob("*.rejected.csv")):
    side[f"file {f.name}"] = f.read_text(encoding="utf-8", errors="replace")
for f in ["cli_stdout.json", "cli_stderr.txt", "api_stdout.txt", "api_stderr.txt", "quicklog_out.txt"]:
    if (HERE / f).exists():
        side[f] = (HERE / f).read_text(encoding="utf-8", errors="replace")
api = json.loads((HERE / "plants_api.json").read_text(encoding="utf-8"))
side["API responses"] = "\n".join(e["body"] for e in api["log"])
ql = json.loads((HERE / "plants_log.json").read_text(encoding="utf-8"))
side["Log page messages"] = json.dumps(ql["results"], ensure_ascii=False)
files = json.loads((HERE / "plants_files.json").read_text(encoding="utf-8"))
plants = files["plants"] + api["plants"] + ql["plants"]
clean = files["clean"] + api["clean"] + ql["clean"]

CLI_CARRIERS = ("main.csv", "export_", "nested.jsonl", "cells.xlsx", "file name")


def entry_point(carrier: str) -> str:
    if carrier.startswith(CLI_CARRIERS):
        return "CLI import"
    if carrier.startswith("API"):
        return "notes API"
    if carrier.startswith("zendesk"):
        return "Zendesk webhook"
    if carrier.startswith("intercom"):
        return "Intercom webhook"
    return "Log page"


def side_relevant(carrier: str, loc: str) -> bool:
    ep = entry_point(carrier)
    if ep == "CLI import":
        return loc.startswith(("cli_", "file "))
    if ep == "Log page":
        return loc in ("Log page messages", "quicklog_out.txt")
    return loc in ("API responses", "api_stdout.txt", "api_stderr.txt")


def record_key(p: dict):
    return p.get("agent") or p.get("ext") or p["carrier"]


names_of: dict = defaultdict(list)
for p in plants:
    if p["kind"] == "name":
        names_of[record_key(p)].append(p)

results = []
for p in plants:
    rec = find(p)
    where: list[tuple[str, str, str]] = []  # (location, matched, context)
    names = names_of.get(record_key(p), [])
    if rec is not None:
        for c in columns_for(p["field"]):
            m = match(p, rec[c], names)
            if m:
                where.append((f"notes.{c}", *m))
    # Outside the note (other tables, rejected-rows files, what was printed): a plant whose note was stored
    # counts there only when it survives whole (so another plant's shared digits are not taken for it); a plant
    # with no note (rejected rows, file names, refused API fields) by the normal rule.
    for loc, text in [*other_cells, *((k, v) for k, v in side.items() if side_relevant(p["carrier"], k))]:
        if rec is not None and not strict_hit(p, text):
            continue
        m = match(p, text, names)
        if m and not any(w[0] == loc for w in where):
            where.append((loc, *m))
    results.append(
        {
            **p,
            "entry_point": entry_point(p["carrier"]),
            "found_note": rec is not None,
            "leaked": bool(where),
            "where": where,
            "stored": {c: rec[c] for c in ("text", "team", "product", "customer_segment", "tags", "extra") if rec[c]}
            if rec
            else None,
        }
    )

# ------------------------------------------------------------------------------------------ clean notes
_SPACES = regex.compile(r"[^\S\n\t]+")
changed = []
for c in clean:
    rec = by_agent.get(c["agent"]) if c.get("agent") else by_ext.get(c["ext"])
    want = unicodedata.normalize("NFKC", _SPACES.sub(" ", c["text"])).strip()
    if rec is None:
        changed.append(dict(ext=c.get("ext") or c.get("agent"), carrier=c["carrier"], text=c["text"], stored=None))
    elif rec["text"] != want:
        changed.append(
            dict(ext=c.get("ext") or c.get("agent"), carrier=c["carrier"], text=c["text"], stored=rec["text"])
        )


# ------------------------------------------------------------------------------------------ report
def table(title: str, key) -> None:
    agg = defaultdict(lambda: [0, 0])
    for r in results:
        agg[key(r)][0] += 1
        agg[key(r)][1] += r["leaked"]
    print(f"{title:28} planted leaked")
    for k, (n, leaks) in sorted(agg.items(), key=lambda kv: (-kv[1][1], kv[0])):
        print(f"  {k:26} {n:7} {leaks:6}  {100 * leaks / n:5.1f}%")
    print()


n_leak = sum(r["leaked"] for r in results)
print(f"FIFTH FAMILY: {len(results)} planted, {n_leak} leaked ({100 * n_leak / len(results):.1f}%)\n")
table("category", lambda r: r["category"])
table("entry point", lambda r: r["entry_point"])
table("carrier", lambda r: r["carrier"])
table("trick (family; detail in results.json)", lambda r: r["trick"].split(":")[0])
table("language", lambda r: r.get("lang", ""))
print(f"clean notes changed: {len(changed)} of {len(clean)}")
for c in changed:
    print(f"   [{c['carrier']}] {c['text']!r}\n      -> {c['stored']!r}")
print(
    "\nnot stored (no note found):",
    [(r["carrier"], r["value"]) for r in results if not r["found_note"] and (r.get("ext") or r.get("agent"))],
)
print("\nLEAKS by category:")
for cat in sorted({r["category"] for r in results}):
    leaks = [r for r in results if r["category"] == cat and r["leaked"]]
    if not leaks:
        continue
    print(f"== {cat} ({len(leaks)})")
    for r in leaks:
        loc, matched, ctx = r["where"][0]
        more = f" (+{len(r['where']) - 1} more)" if len(r["where"]) > 1 else ""
        print(f"  [{r['trick']}/{r['carrier']}] {r['value']!r} @ {loc}{more}: …{ctx.replace(chr(10), ' ⏎ ')}…")
(HERE / "results.json").write_text(
    json.dumps({"results": results, "clean_changed": changed}, ensure_ascii=False, indent=1), encoding="utf-8"
)
