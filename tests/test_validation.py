"""Row and note validation: every problem in a row is reported, in plain words, never quoting the note."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from files import write_csv, write_jsonl
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ingest.cells import clean_text
from ingest.columns import map_columns
from ingest.readers import open_rows
from ingest.timestamps import parse_created_at
from ingest.validation import (
    CHANNEL_VARIANTS,
    KIND_VARIANTS,
    format_tags,
    parse_tags,
    validate_note,
    validate_row,
)
from insight.records import CHANNELS, KINDS, NoteDraft, Problem
from insight.settings import Settings

NOW = datetime(2025, 3, 10, 12, 0)
SETTINGS = Settings()
NOTE = "Customer wants invoices exported to their accounting tool."
SECRET = "Jane Doe jane@example.com"


def _row(raw: dict[str, object], row: int = 7) -> NoteDraft | list[Problem]:
    return validate_row(raw, row, map_columns(list(raw)), SETTINGS, NOW, "import")


def _problems(result: NoteDraft | list[Problem]) -> dict[str, str]:
    assert isinstance(result, list), f"expected problems, got {result!r}"
    return {p.field or "": p.message for p in result}


# --- text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\t\n \r\n", None, "\x00\x01 \u200b"])
def test_blank_or_whitespace_only_note(text: object) -> None:
    problems = _problems(_row({"note": text, "agent": "a1"}))
    assert problems == {"text": "is empty; every note needs some text"}


def test_over_long_note_says_how_long_and_what_to_do() -> None:
    problems = _problems(_row({"note": "word " * 1086 + "xx"}))  # 5,432 characters once trimmed
    assert problems["text"] == "is 5,432 characters; the limit is 5,000 — split it or trim it"


def test_too_short_note() -> None:
    assert "the minimum is 3" in _problems(_row({"note": " ok "}))["text"]


def test_limits_come_from_settings() -> None:
    strict = SETTINGS.replace(note_min_chars=10, note_max_chars=20)
    result = validate_note({"text": "a" * 21}, strict, NOW)
    assert "the limit is 20" in _problems(result)["text"]
    assert isinstance(validate_note({"text": "a" * 20}, strict, NOW), NoteDraft)


def test_nul_bytes_and_control_characters_are_cleaned_not_rejected() -> None:
    raw = "Line\x00 one\x07\x1b[31m  with\u00a0 gaps\r\nline\ttwo\x85\x9f\r\n\r\n\r\n\r\nCafe\u0301 \ufeffend  "
    draft = _row({"note": raw, "agent": "a\x00 1"})
    assert isinstance(draft, NoteDraft)
    assert draft.text == "Line one[31m with gaps\nline\ttwo\n\nCafé end"
    assert draft.agent_id == "a 1"


def test_lone_surrogates_from_json_are_dropped() -> None:
    assert clean_text(json.loads('"bad \\ud800 surrogate"')) == "bad surrogate"


def test_every_problem_in_a_row_is_reported_and_no_message_quotes_the_note() -> None:
    result = _row(
        {
            "note": SECRET + " " + "x" * 5000,
            "date": "not a date",
            "channel": "pigeon",
            "type": "rant",
            "agent": "a" * 300,
        }
    )
    problems = _problems(result)
    assert set(problems) == {"text", "created_at", "channel", "kind", "agent_id"}
    assert all(p.row == 7 for p in result)
    for message in problems.values():
        assert "Jane" not in message and "jane@" not in message


def test_a_json_object_as_text_is_a_problem() -> None:
    assert "must be plain text" in _problems(_row({"text": {"a": 1}}))["text"]


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-04", datetime(2025, 3, 4)),
        ("2025-03-04 14:05", datetime(2025, 3, 4, 14, 5)),
        ("2025-03-04T14:05:00+01:00", datetime(2025, 3, 4, 13, 5)),
        ("2025-03-04T14:05:00Z", datetime(2025, 3, 4, 14, 5)),
        ("03/04/2025", datetime(2025, 3, 4)),
        ("13/04/2025", datetime(2025, 4, 13)),
        ("04.03.2025 14:05", datetime(2025, 3, 4, 14, 5)),
        ("4 Mar 2025", datetime(2025, 3, 4)),
        ("04-Mar-2025", datetime(2025, 3, 4)),
        ("Mar 4, 2025 2:05 PM", datetime(2025, 3, 4, 14, 5)),
        ("Tue, 04 Mar 2025 14:05:00 +0100", datetime(2025, 3, 4, 13, 5)),
        ("03/04/2025 14:05 UTC", datetime(2025, 3, 4, 14, 5)),
        ("1741097100", datetime(2025, 3, 4, 14, 5)),
        ("1741097100000", datetime(2025, 3, 4, 14, 5)),
        (1741097100, datetime(2025, 3, 4, 14, 5)),
        (1741097100.5, datetime(2025, 3, 4, 14, 5, 0, 500000)),
        (datetime(2025, 3, 4, 14, 5, tzinfo=timezone(timedelta(hours=-5))), datetime(2025, 3, 4, 19, 5)),
        (datetime(2025, 3, 4, 14, 5), datetime(2025, 3, 4, 14, 5)),
        (date(2025, 3, 4), datetime(2025, 3, 4)),
    ],
)
def test_dates_are_read_as_naive_utc(value: object, expected: datetime) -> None:
    assert parse_created_at(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_missing_date_defaults_to_now(value: object) -> None:
    assert parse_created_at(value) is None
    draft = _row({"note": NOTE, "date": value})
    assert isinstance(draft, NoteDraft) and draft.created_at == NOW


@pytest.mark.parametrize("value", ["yesterday-ish", "31/31/2025", "2025-02-30", "12", 45720, "x" * 100])
def test_unparseable_date_is_quoted_and_cut_to_40_characters(value: object) -> None:
    message = _problems(_row({"note": NOTE, "date": value}))["created_at"]
    quoted = message.split('"')[1]
    assert len(quoted) <= 40
    assert quoted == str(value)[:39] + "…" if len(str(value)) > 40 else quoted == str(value)


def test_far_future_date_is_rejected_but_clock_skew_is_allowed() -> None:
    soon = (NOW + timedelta(hours=23)).isoformat()
    assert isinstance(_row({"note": NOTE, "date": soon}), NoteDraft)
    later = (NOW + timedelta(days=2)).isoformat()
    assert "more than 24 hours in the future" in _problems(_row({"note": NOTE, "date": later}))["created_at"]


def test_aware_now_is_accepted() -> None:
    draft = validate_note({"text": NOTE}, SETTINGS, NOW.replace(tzinfo=UTC))
    assert isinstance(draft, NoteDraft) and draft.created_at == NOW and draft.created_at.tzinfo is None


_datelike = st.from_regex(
    r"\d{1,4}[/.\- ]\w{1,4}[/.\- ]\d{1,4}"  # a date of sorts
    r"( \d{1,2}(:\d{2}){0,2}(\.\d+)?( ?[AaPp]\.?[Mm]\.?)?)?"  # a time
    r"( ?(Z|UTC|[+-]\d{2}:?\d{2}))?",  # a zone
    fullmatch=True,
)


@given(st.one_of(st.text(max_size=80), _datelike, st.integers(), st.floats()))
@hsettings(max_examples=500, deadline=None)
def test_date_parser_never_raises(value: object) -> None:
    result = parse_created_at(value, row=3)
    assert result is None or isinstance(result, (datetime, Problem))
    if isinstance(result, datetime):
        assert result.tzinfo is None
    if isinstance(result, Problem):
        assert result.row == 3 and result.field == "created_at"
        assert len(result.message.split('"')[1]) <= 40


# --- channel, kind, tags, other fields -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Phone call", "phone"),
        ("voice", "phone"),
        ("PHONE", "phone"),
        ("Live Chat", "chat"),
        ("e-mail", "email"),
        ("E_Mail", "email"),
        ("in person", "in-person"),
        ("Walk-in", "in-person"),
        ("twitter", "social"),
        ("Facebook", "social"),
        ("other", "other"),
        ("", None),
        (None, None),
    ],
)
def test_channel_variants(value: object, expected: str | None) -> None:
    draft = _row({"note": NOTE, "channel": value})
    assert isinstance(draft, NoteDraft) and draft.channel == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Feature Request", "idea"),
        ("churn", "churn-risk"),
        ("cancel risk", "churn-risk"),
        ("bug", "complaint"),
        ("Complaint", "complaint"),
        ("kudos", "praise"),
        ("up-sell", "upsell"),
        ("NEED", "need"),
    ],
)
def test_kind_variants(value: str, expected: str) -> None:
    draft = _row({"note": NOTE, "type": value})
    assert isinstance(draft, NoteDraft) and draft.kind == expected


def test_unknown_channel_and_kind_name_the_allowed_values() -> None:
    problems = _problems(_row({"note": NOTE, "channel": "Carrier pigeon", "kind": "rant"}))
    assert problems["channel"] == (
        '"Carrier pigeon" is not a channel Earshot knows; use one of: phone, chat, email, social, in-person, other'
    )
    assert "need, complaint, idea, praise, churn-risk, upsell, other" in problems["kind"]


def test_variant_tables_cover_exactly_the_allowed_values() -> None:
    assert set(CHANNEL_VARIANTS) == set(CHANNELS)
    assert set(KIND_VARIANTS) == set(KINDS)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("billing; urgent", ("billing", "urgent")),
        ("Billing,URGENT , billing", ("billing", "urgent")),
        ('["Billing", " urgent "]', ("billing", "urgent")),
        (["Billing", "Two  Words"], ("billing", "two words")),
        ("billing | export\nvip", ("billing", "export", "vip")),
        ("[not json", ("[not json",)),
        ("", ()),
        (None, ()),
        (42, ("42",)),
    ],
)
def test_tags(value: object, expected: tuple[str, ...]) -> None:
    assert parse_tags(value) == expected


_tag = st.text(st.characters(codec="utf-8", exclude_characters=",;|\n"), min_size=1, max_size=12)


@given(st.lists(_tag, max_size=8))
def test_tag_parsing_round_trips(tags: list[str]) -> None:
    parsed = parse_tags(tags)
    assert parse_tags(format_tags(parsed)) == parsed
    assert parse_tags(json.dumps(list(parsed))) == parsed
    assert all(t == t.strip().lower() and t for t in parsed)


@given(st.text(max_size=60))
def test_tag_parsing_is_idempotent_on_any_cell(cell: str) -> None:
    parsed = parse_tags(cell)
    assert parse_tags(format_tags(parsed)) == parsed


def test_formula_like_cells_are_kept_verbatim() -> None:
    draft = _row(
        {
            "note": '=HYPERLINK("http://x") wants export',
            "agent": "+44 20 7946 0958",
            "product": "-5% off",
            "team": "@support",
            "id": "=1+1",
        }
    )
    assert isinstance(draft, NoteDraft)
    assert draft.text == '=HYPERLINK("http://x") wants export'
    assert (draft.agent_id, draft.product, draft.team, draft.external_id) == (
        "+44 20 7946 0958",
        "-5% off",
        "@support",
        "=1+1",
    )


def test_unknown_columns_are_kept_as_extra_strings_and_empty_ones_dropped() -> None:
    draft = _row({"Note": NOTE, "Priority": "high", "Score": 4.0, "Empty": "  ", "Missing": None, "summary": "s"})
    assert isinstance(draft, NoteDraft)
    assert draft.extra == (("Priority", "high"), ("Score", "4"), ("summary", "s"))
    assert draft.source == "import" and draft.row == 7


def test_spreadsheet_numbers_become_clean_ids() -> None:
    draft = _row({"note": NOTE, "ticket id": 12345.0, "agent": 7})
    assert isinstance(draft, NoteDraft) and (draft.external_id, draft.agent_id) == ("12345", "7")


def test_source_column_wins_over_default() -> None:
    draft = _row({"note": NOTE, "source": " Zendesk "})
    assert isinstance(draft, NoteDraft) and draft.source == "Zendesk"


# --- the form / API path -------------------------------------------------------------------------


def test_validate_note_builds_a_full_draft() -> None:
    draft = validate_note(
        {
            "text": NOTE,
            "created_at": "2025-03-04 14:05",
            "agent_id": "a1",
            "team": "Billing",
            "channel": "Phone",
            "product": "Invoices",
            "customer_segment": "SMB",
            "kind": "feature request",
            "tags": "export; accounting",
            "external_id": "T-9",
            "extra": {"priority": "high"},
        },
        SETTINGS,
        NOW,
    )
    assert draft == NoteDraft(
        text=NOTE,
        created_at=datetime(2025, 3, 4, 14, 5),
        agent_id="a1",
        team="Billing",
        channel="phone",
        product="Invoices",
        customer_segment="SMB",
        kind="idea",
        source="app",
        tags=("export", "accounting"),
        external_id="T-9",
        extra=(("priority", "high"),),
        row=None,
    )


def test_validate_note_reports_unknown_fields_with_the_others() -> None:
    problems = _problems(validate_note({"text": "", "chanel": "phone", "extra": "x"}, SETTINGS, NOW))
    assert set(problems) == {"chanel", "extra", "text"}
    assert "is not a note field" in problems["chanel"]


# --- end to end and properties -------------------------------------------------------------------


def test_file_rows_validate_end_to_end(tmp_path: Path) -> None:
    csv_path = write_csv(
        tmp_path / "n.csv",
        ["Notes", "Created", "Agent ID", "Labels", "Mood"],
        [[NOTE, "2025-03-04", "a1", "billing;urgent", "calm"], ["", "nope", "a2", "", ""]],
    )
    jsonl_path = write_jsonl(tmp_path / "n.jsonl", [{"body": NOTE, "tags": ["Billing"], "meta": {"k": 1}}])
    results = {}
    for path in (csv_path, jsonl_path):
        stream = open_rows(path)
        mapping = map_columns(stream.columns)
        results[path.suffix] = [validate_row(raw, n, mapping, SETTINGS, NOW, "import") for n, raw in stream.rows]
    good, bad = results[".csv"]
    assert isinstance(good, NoteDraft) and good.tags == ("billing", "urgent") and good.extra == (("Mood", "calm"),)
    assert {p.field for p in bad} == {"text", "created_at"} and {p.row for p in bad} == {2}
    [note] = results[".jsonl"]
    assert note.tags == ("billing",) and note.extra == (("meta", '{"k": 1}'),)


_cell = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.datetimes(),
    st.dates(),
)
# Known aliases (so every field gets exercised) mixed with arbitrary column names.
_KNOWN = ["text", "note", "date", "created_at", "channel", "type", "tags", "id", "agent", "team", "segment", "source"]
_columns = st.one_of(st.sampled_from(_KNOWN), st.text(max_size=12))


@given(st.dictionaries(_columns, _cell, max_size=10))
@hsettings(max_examples=300, deadline=None)
def test_validate_row_never_raises(raw: dict[str, object]) -> None:
    raw = {"text": "a valid enough note", **raw}
    result = validate_row(raw, 1, map_columns(list(raw)), SETTINGS, NOW, "import")
    assert isinstance(result, NoteDraft) or (result and all(isinstance(p, Problem) for p in result))
    if isinstance(result, NoteDraft):
        assert result.created_at.tzinfo is None
        assert SETTINGS.note_min_chars <= len(result.text) <= SETTINGS.note_max_chars
