"""Re-scrub a database: run the current recognizers over everything already stored, so better recognizers protect
old data too.

Every stored free-text field of every note (text, team, channel, product, segment, kind, source, tags, extra
attribute names and values) passes the privacy gate again; what it now finds is replaced, extra columns whose name
says personal data are dropped, changed notes are re-embedded (the old vector was made from the old text) and get a
new duplicate key. PM topic names and status notes pass the gate too. Generated topic labels, keywords and theme
labels are built from note text, so any that contain a word the re-scrub removed from a note (or that the gate
itself flags) are rebuilt from the topic's remaining keywords.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ingest.dedupe import dedupe_key
from ingest.privacy_gate import ColumnPolicy, gate_drafts, redact_all
from insight.embedder import Embedder
from insight.privacy import CleanText as CleanTextType
from insight.privacy import Redactor
from insight.records import NoteDraft
from insight.settings import Settings
from insight.store import Store
from insight.store import derived_text as derived_sql
from insight.store import notes as notes_sql
from insight.store import profiles as profiles_sql
from insight.store import runs as runs_sql
from insight.store import topics as topics_sql
from insight.store import vectors as vectors_sql

__all__ = ["RescrubReport", "rescrub"]

_PLACEHOLDER = re.compile(r"<([A-Z][A-Z0-9_]*)>")
_WORD = re.compile(r"[a-z0-9]+")
_GONE_WORD = re.compile(r"[A-Za-z]+")
_FIELDS = ("team", "channel", "product", "customer_segment", "kind", "source")


@dataclass
class RescrubReport:
    """What a re-scrub found and changed (counts only, never values)."""

    notes_checked: int = 0
    notes_changed: int = 0
    found: Counter[str] = field(default_factory=Counter)  # placeholder type -> how many new ones
    dropped_columns: dict[str, str] = field(default_factory=dict)
    topic_labels_rebuilt: int = 0
    profiles_changed: int = 0
    derived_changed: dict[str, int] = field(default_factory=dict)  # table -> rows whose text changed
    dry_run: bool = False

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view."""
        return {
            "notes_checked": self.notes_checked,
            "notes_changed": self.notes_changed,
            "found": dict(sorted(self.found.items())),
            "dropped_columns": dict(self.dropped_columns),
            "topic_labels_rebuilt": self.topic_labels_rebuilt,
            "profiles_changed": self.profiles_changed,
            "derived_changed": dict(self.derived_changed),
            "dry_run": self.dry_run,
        }


def _placeholders(values: list[str | None]) -> Counter[str]:
    return Counter(kind for v in values if v for kind in _PLACEHOLDER.findall(v))


def _draft(row: tuple) -> NoteDraft:
    (_, external_id, text, created_at, agent_id, team, channel, product, segment, kind, source, tags, extra, _) = row
    extra_items = tuple((str(k), str(v)) for k, v in (json.loads(extra) if extra else {}).items())
    return NoteDraft(
        text=text, created_at=created_at, agent_id=agent_id, team=team, channel=channel, product=product,
        customer_segment=segment, kind=kind, source=source, tags=tuple(tags or ()), external_id=external_id,
        extra=extra_items,
    )  # fmt: skip


def _values(draft: NoteDraft) -> list[str | None]:
    return [draft.text, *(getattr(draft, f) for f in _FIELDS), *draft.tags, *(x for kv in draft.extra for x in kv)]


def rescrub(
    store: Store,
    *,
    redactor: Redactor,
    embedder: Embedder | None,
    settings: Settings,
    dry_run: bool = False,
    batch_size: int = 256,
    progress: Callable[[int], None] | None = None,
) -> RescrubReport:
    """Re-run the privacy gate over every stored free-text field (see the module docstring).

    Args:
        store: the database (one made by any earlier version).
        redactor: the current redactor.
        embedder: re-embeds changed notes (``None`` leaves their old vectors, which were made from the old text).
        settings: column policy and limits.
        dry_run: count what would change; write nothing.
        batch_size: notes read, redacted and written per transaction.
        progress: called with the number of notes checked so far.

    Returns:
        Counts per placeholder type, notes changed, columns dropped, topic labels rebuilt.
    """
    report = RescrubReport(dry_run=dry_run)
    policy = ColumnPolicy.from_settings(settings)
    removed_words: set[str] = set()  # words a new <PERSON> took out of some note
    present: set[str] = set()  # every word still in some note afterwards
    last_id = 0
    while True:
        with store.read() as con:
            rows = notes_sql.rescrub_batch(con, last_id, batch_size)
        if not rows:
            break
        last_id = rows[-1][0]
        drafts = [_draft(r) for r in rows]
        gated = gate_drafts(drafts, redactor, policy)
        changes, texts, keys = [], [], []
        for row, old, new in zip(rows, drafts, gated, strict=True):
            report.dropped_columns.update(new.dropped)
            before, after = _values(old), _values(new.draft)
            words_after = set(_WORD.findall(" ".join(filter(None, after)).lower()))
            present |= words_after
            if before == after and not new.dropped:
                continue
            found = _placeholders(after) - _placeholders(before)
            report.found.update(found)
            if found["PERSON"]:
                removed_words |= set(_WORD.findall(" ".join(filter(None, before)).lower())) - words_after
            d = new.draft
            fields: dict[str, object] = {f: getattr(d, f) for f in _FIELDS if getattr(d, f) != getattr(old, f)}
            fields.update(text=d.text, tags=list(d.tags), extra=dict(d.extra) or None)
            fields["redactions"] = sorted(set(row[13] or ()) | set(new.kinds))
            changes.append((row[0], fields))
            texts.append(d.text)
            keys.append((row[0], dedupe_key(d)))
        report.notes_checked += len(rows)
        report.notes_changed += len(changes)
        if changes and not dry_run:
            vectors = np.asarray(embedder.embed(texts)) if embedder is not None else None
            with store.transaction() as con:
                notes_sql.update_note_fields(con, changes)
                notes_sql.update_dedupe_keys(con, [k for k in keys if not k[1].startswith("ext:")])
                if vectors is not None and embedder is not None:
                    vectors_sql.insert_embeddings(con, [c[0] for c in changes], vectors, embedder.model_id)
        if progress:
            progress(report.notes_checked)
    # Words that a new <PERSON> removed and that no note holds any more were someone's name: text built from
    # the old notes (labels, summaries, pockets, signals, alerts) must lose them too.
    gone = {w for w in removed_words - present if len(w) > 2 and w.isalpha()}
    _rescrub_topics(store, redactor, gone, report, dry_run)
    _rescrub_derived(store, redactor, gone, report, dry_run)
    return report


def _without(text: str, gone: set[str]) -> str:
    if not gone:
        return text
    return _GONE_WORD.sub(lambda m: "<PERSON>" if m.group().lower() in gone else m.group(), text)


def _rescrub_derived(store: Store, redactor: Redactor, gone: set[str], report: RescrubReport, dry_run: bool) -> None:
    """Summaries, pockets, stored signals, alerts and the import ledger: each string through the gate again."""
    for table in derived_sql.TEXT_COLUMNS:
        with store.read() as con:
            columns, rows = derived_sql.text_rows(con, table)
        report.derived_changed[table] = 0
        if not rows:
            continue
        kinds = derived_sql.TEXT_COLUMNS[table][1]
        n_keys = len(derived_sql.TEXT_COLUMNS[table][0])
        strings = sorted({s for row in rows for c, v in zip(columns, row[n_keys:], strict=True)
                          for s in _strings_of(kinds[c], v)})  # fmt: skip
        clean = dict(zip(strings, (r.text for r in redact_all(redactor, [_without(s, gone) for s in strings])),
                         strict=True))  # fmt: skip
        changed = []
        for row in rows:
            new = [_apply(kinds[c], v, clean) for c, v in zip(columns, row[n_keys:], strict=True)]
            if any(_raw(kinds[c], v) != _raw(kinds[c], n) for c, v, n in zip(columns, row[n_keys:], new, strict=True)):
                changed.append((*row[:n_keys], *new))
        report.derived_changed[table] = len(changed)
        if changed and not dry_run:
            with store.transaction() as con:
                derived_sql.update_text_rows(con, table, columns, changed)


def _strings_of(kind: str, value: object) -> list[str]:
    if value is None:
        return []
    if kind == "list":
        return [str(v) for v in value]  # type: ignore[attr-defined]
    if kind == "json":
        return _json_strings(json.loads(value) if isinstance(value, str) else value)
    return [str(value)]


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _json_apply(value: object, clean: dict[str, CleanTextType]) -> object:
    if isinstance(value, str):
        return clean[value]
    if isinstance(value, dict):
        return {k: _json_apply(v, clean) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_apply(v, clean) for v in value]
    return value


def _apply(kind: str, value: object, clean: dict[str, CleanTextType]) -> object:
    if value is None:
        return None
    if kind == "list":
        return [clean[str(v)] for v in value]  # type: ignore[attr-defined]
    if kind == "json":
        return _json_apply(json.loads(value) if isinstance(value, str) else value, clean)
    return clean[str(value)]


def _raw(kind: str, value: object) -> object:
    """A comparable plain form (JSON parsed, lists as lists of str)."""
    if value is None:
        return None
    if kind == "json":
        return json.loads(value) if isinstance(value, str) else value
    if kind == "list":
        return [str(v) for v in value]  # type: ignore[attr-defined]
    return str(value)


def _tainted(text: str | None, clean: str | None, removed: set[str]) -> bool:
    if text is None:
        return False
    return clean != text or bool(set(_WORD.findall(text.lower())) & removed)


def _rescrub_topics(store: Store, redactor: Redactor, removed: set[str], report: RescrubReport, dry_run: bool) -> None:
    """Rebuild generated labels that quote removed words; pass PM names and status notes through the gate."""
    with store.read() as con:
        topics = topics_sql.topic_texts(con)
        profiles = profiles_sql.profile_texts(con)
    strings = [s for _, _, label, words, theme in topics for s in (label, *(words or ()), theme) if s]
    strings += [s for _, name, note in profiles for s in (name, note) if s]
    clean = dict(zip(strings, (r.text for r in redact_all(redactor, strings)), strict=True))
    rows = []
    for run_id, topic_id, label, words, theme in topics:
        kept = [clean[w] for w in (words or ()) if not _tainted(w, clean[w], removed)]
        new_label, new_theme = clean[label], clean[theme] if theme else None
        if _tainted(label, clean[label], removed):
            new_label = kept[0] if kept else redactor.redact(f"topic {topic_id}").text
        if _tainted(theme, clean.get(theme or ""), removed):
            new_theme = redactor.redact(f"theme of topic {topic_id}").text
        if new_label != label or new_theme != theme or len(kept) != len(words or ()):
            rows.append((run_id, topic_id, new_label, kept, new_theme))
    report.topic_labels_rebuilt = len(rows)
    profile_changes = [
        (tid, {"name": clean[name] if name else None, "status_note": clean[note] if note else None})
        for tid, name, note in profiles
        if (name and clean[name] != name) or (note and clean[note] != note)
    ]
    report.profiles_changed = len(profile_changes)
    if dry_run or not (rows or profile_changes):
        return
    with store.transaction() as con:
        topics_sql.update_topic_text(con, rows)
        for tid, fields in profile_changes:
            profiles_sql.update_profile(con, tid, **fields)
        runs_sql.bump_revision(con)
