"""Readers and column mapping: every whole-file problem is a clear InputError, rows stream with flat memory."""

from __future__ import annotations

import codecs
import gc
import json
import os
import tracemalloc
from datetime import datetime
from pathlib import Path

import pytest
from files import HEADER, sample_rows, write_big_csv, write_csv, write_jsonl, write_xlsx

from ingest.columns import FIELD_ALIASES, header_key, map_columns
from ingest.readers import FORMATS, RowStream, open_rows
from insight.errors import InputError
from insight.records import Problem


def _all(stream: RowStream) -> list[tuple[int, object]]:
    return list(stream.rows)


# --- whole-file problems -------------------------------------------------------------------------


def test_missing_file_says_not_found(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        open_rows(tmp_path / "nope.csv")
    assert info.value.title == "File not found"
    assert "nope.csv" in info.value.message


def test_unsupported_extension_names_the_accepted_ones(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("hello")
    with pytest.raises(InputError) as info:
        open_rows(path)
    assert info.value.title == "Unsupported file type"
    assert ".csv" in info.value.message and ".jsonl" in info.value.message and ".xlsx" in info.value.message


@pytest.mark.parametrize("name", ["empty.csv", "empty.jsonl", "empty.xlsx"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(InputError) as info:
        open_rows(path)
    assert info.value.title == "Empty file"
    assert "is empty" in info.value.message


@pytest.mark.parametrize("content", [b"\r\n\r\n  \n", codecs.BOM_UTF8 + b"\n"])
def test_blank_lines_only_is_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match="is empty"):
        open_rows(path)


def test_header_only_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "header.csv", HEADER, [])
    with pytest.raises(InputError) as info:
        open_rows(path)
    assert info.value.title == "No data rows"
    assert "header row but no data rows" in info.value.message


def test_header_then_blank_lines_is_header_only(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("note,date\n\n\r\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no data rows"):
        open_rows(path)


def test_a_row_of_empty_cells_is_yielded_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text('note,date\n,\n"  ",2025-03-04\n', encoding="utf-8")
    assert _all(open_rows(path)) == [(1, {"note": "", "date": ""}), (2, {"note": "  ", "date": "2025-03-04"})]


def test_header_only_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "header.xlsx", HEADER, [])
    with pytest.raises(InputError, match="no data rows"):
        open_rows(path)


def test_binary_file_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as info:
        open_rows(path)
    assert info.value.title == "Not a text file"
    assert "this does not look like a CSV text file" in info.value.message


def test_workbook_renamed_csv_says_what_it_is(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "notes.xlsx", HEADER, sample_rows(2))
    path = tmp_path / "notes.csv"
    path.write_bytes(xlsx.read_bytes())
    with pytest.raises(InputError, match="Excel workbook"):
        open_rows(path)


def test_text_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("note\nhello there\n")
    with pytest.raises(InputError, match=r"does not look like an Excel workbook"):
        open_rows(path)


def test_no_text_column_names_columns_found_and_accepted(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", ["when", "who"], [["2025-03-04", "ann"]])
    stream = open_rows(path)
    with pytest.raises(InputError) as info:
        map_columns(stream.columns)
    assert info.value.title == "No note text column"
    assert '"when", "who"' in info.value.message
    for alias in ("text", "note", "body", "comment", "description"):
        assert alias in info.value.message


# --- encodings and delimiters --------------------------------------------------------------------


def test_latin1_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "latin.csv", ["note", "agent"], [["Kunde möchte Rückruf, café crème", "zoë"]], encoding="latin-1"
    )
    stream = open_rows(path)
    [(row, raw)] = _all(stream)
    assert row == 1
    assert raw == {"note": "Kunde möchte Rückruf, café crème", "agent": "zoë"}
    assert len(stream.warnings) == 1 and "Windows-1252" in stream.warnings[0]


def test_cp1252_smart_quotes(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes("note\n\u201cquoted\u201d \u20ac5 refund\n".encode("cp1252"))
    [(_, raw)] = _all(open_rows(path))
    assert raw["note"] == "\u201cquoted\u201d \u20ac5 refund"


def test_latin1_byte_late_in_a_big_file_still_switches_codec(tmp_path: Path) -> None:
    # The first 4 KB are pure ASCII; the codec must be decided on the whole file, not the sample.
    rows = [[f"plain ascii note number {i}"] for i in range(400)] + [["caf\u00e9 au lait"]]
    path = write_csv(tmp_path / "late.csv", ["note"], rows, encoding="latin-1")
    stream = open_rows(path)
    assert _all(stream)[-1][1] == {"note": "caf\u00e9 au lait"}
    assert stream.warnings


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_files(tmp_path: Path, encoding: str) -> None:
    path = write_csv(
        tmp_path / "u.csv", ["Note", "Agent"], [["naïve € note ✓", "ann"], ["second one", "bob"]], encoding=encoding
    )
    if encoding in ("utf-16-le", "utf-16-be"):  # the csv helper writes no BOM for these; add one
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        path.write_bytes(bom + path.read_bytes())
    stream = open_rows(path)
    assert stream.columns == ["Note", "Agent"]  # no BOM left in the first header
    assert [raw for _, raw in _all(stream)] == [
        {"Note": "naïve € note ✓", "Agent": "ann"},
        {"Note": "second one", "Agent": "bob"},
    ]
    assert stream.warnings == []


def test_utf16_without_bom_is_detected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.csv", ["note"], [["hello there"]], encoding="utf-16-le")
    assert [raw for _, raw in _all(open_rows(path))] == [{"note": "hello there"}]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    rows = [["Refund, partial; customer upset\tagain", "2025-03-04"]]
    path = write_csv(tmp_path / "d.csv", ["note", "date"], rows, delimiter=delimiter)
    stream = open_rows(path)
    assert stream.columns == ["note", "date"]
    assert _all(stream) == [(1, {"note": rows[0][0], "date": "2025-03-04"})]


# --- rows ----------------------------------------------------------------------------------------


def test_csv_rows_are_numbered_like_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text('\nnote,agent\nfirst,a\n\n"multi\nline",b\nthird,c\n', encoding="utf-8")
    rows = _all(open_rows(path))
    assert [(n, raw["note"]) for n, raw in rows] == [(1, "first"), (3, "multi\nline"), (4, "third")]


def test_ragged_rows_are_problems_but_blank_trailing_cells_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("note,agent\nonly note\nnote,a,oops,more\ntrailing,b,,\n", encoding="utf-8")
    rows = _all(open_rows(path))
    assert isinstance(rows[0][1], Problem) and rows[0][1].row == 1
    assert "1 cell but the header has 2" in rows[0][1].message
    assert isinstance(rows[1][1], Problem) and rows[1][1].row == 2
    assert "4 cells but the header has 2" in rows[1][1].message
    assert rows[2] == (3, {"note": "trailing", "agent": "b"})


def test_duplicate_and_blank_headers_get_unique_names(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dup.csv", ["note", "note", ""], [["a", "b", "c"]])
    stream = open_rows(path)
    assert stream.columns == ["note", "note (2)", "column 3"]
    assert _all(stream) == [(1, {"note": "a", "note (2)": "b", "column 3": "c"})]


def test_a_stray_nul_is_reported_for_its_row_and_control_bytes_are_read(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    filler = b"".join(b"an ordinary note number %d,z\n" % i for i in range(5))
    path.write_bytes(b'note,agent\nhello\x00 there,a\n"quoted\x00",b\nbell\x07 friend,c\n' + filler)
    rows = _all(open_rows(path))
    assert [n for n, raw in rows if isinstance(raw, Problem)] == [1, 2]
    assert "NUL" in rows[0][1].message
    assert rows[2] == (3, {"note": "bell\x07 friend", "agent": "c"})  # cleaned up by validation, not rejected


def test_formula_like_cells_are_plain_strings(tmp_path: Path) -> None:
    cells = ['=HYPERLINK("http://x")', "+44 20 7946 0958", "-5% off", "@channel"]
    path = write_csv(tmp_path / "f.csv", ["note", "agent", "product", "team"], [cells])
    [(_, raw)] = _all(open_rows(path))
    assert list(raw.values()) == cells


def test_malformed_jsonl_lines_are_problems_and_good_lines_continue(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "n.jsonl",
        [
            {"text": "first good note", "agent": "a"},
            '{"text": "broken, "agent": "b"}',
            "",
            [1, 2, 3],
            '"just a string"',
            {"text": "after the bad ones", "channel": "chat"},
            "{not json at all",
        ],
    )
    stream = open_rows(path)
    rows = _all(stream)
    assert [n for n, _ in rows] == [1, 2, 4, 5, 6, 7]
    assert rows[0][1] == {"text": "first good note", "agent": "a"}
    assert rows[4][1] == {"text": "after the bad ones", "channel": "chat"}
    problems = {n: raw for n, raw in rows if isinstance(raw, Problem)}
    assert set(problems) == {2, 4, 5, 7}
    assert problems[2].message.startswith("line 2 is not valid JSON: ")
    assert "broken" not in problems[2].message  # never quote the line: it may hold personal data
    assert "line 4 is a list, not a JSON object" in problems[4].message
    assert "line 5 is a string" in problems[5].message
    assert stream.columns == ["text", "agent", "channel"]


def test_jsonl_columns_grow_when_a_late_line_brings_a_new_key(tmp_path: Path, monkeypatch) -> None:
    import ingest.readers as readers

    monkeypatch.setattr(readers, "JSONL_SCAN_LINES", 2)
    path = write_jsonl(tmp_path / "n.jsonl", [{"text": "a note"}, {"text": "b note"}, {"text": "c", "mood": "ok"}])
    stream = open_rows(path)
    assert stream.columns == ["text"]
    rows = _all(stream)
    assert rows[-1] == (3, {"text": "c", "mood": "ok"})
    assert stream.columns == ["text", "mood"]


def test_jsonl_of_only_garbage_is_rejected_whole(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "n.jsonl", ["nope", "[1]"])
    with pytest.raises(InputError, match="none of the first"):
        open_rows(path)


def test_xlsx_reading(tmp_path: Path) -> None:
    when = datetime(2025, 3, 4, 14, 5)
    path = write_xlsx(
        tmp_path / "n.xlsx",
        ["Note Text", "Created At", "Agent", "Ticket ID", None],
        [
            ["Printer driver crashes on export", when, "ann", 12345, None],
            [None, None, None, None, None],
            ["=B2*2", "2025-03-05", "+44 20 7946 0958", "T-2", None, "stray"],
        ],
        extra_sheet=True,
    )
    stream = open_rows(path)
    assert stream.format == "xlsx"
    assert stream.columns == ["Note Text", "Created At", "Agent", "Ticket ID"]
    rows = _all(stream)
    assert rows[0] == (
        1,
        {"Note Text": "Printer driver crashes on export", "Created At": when, "Agent": "ann", "Ticket ID": 12345},
    )
    # Row 2 is blank (skipped, still counted); the formula stays as typed, never evaluated.
    assert rows[1] == (
        3,
        {
            "Note Text": "=B2*2",
            "Created At": "2025-03-05",
            "Agent": "+44 20 7946 0958",
            "Ticket ID": "T-2",
            "column 6": "stray",
        },
    )
    assert any("only the first, 'Notes'" in w for w in stream.warnings)


def _handles_on(path: Path) -> int:
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc to count open files")
    count = 0
    for fd in fds.iterdir():
        try:
            count += os.readlink(fd) == str(path)
        except OSError:
            continue
    return count


@pytest.mark.parametrize("how", ["with", "dropped", "exhausted"])
def test_xlsx_workbook_is_closed(tmp_path: Path, how: str) -> None:
    path = write_xlsx(tmp_path / "n.xlsx", ["note"], [["hello there"]])
    if how == "with":
        with open_rows(path):
            assert _handles_on(path) == 1
    elif how == "dropped":
        rows = open_rows(path).rows
        del rows
        gc.collect()
    else:
        assert len(_all(open_rows(path))) == 1
    assert _handles_on(path) == 0


def test_csv_holds_no_file_open_until_iterated(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "n.csv", ["note"], [["hello there"]])
    stream = open_rows(path)
    assert _handles_on(path) == 0
    assert len(_all(stream)) == 1
    assert _handles_on(path) == 0


# --- column mapping ------------------------------------------------------------------------------


def test_aliases_match_case_and_separator_insensitively() -> None:
    mapping = map_columns(
        [
            "  NOTES ",
            "Created_At",
            "agent-ID",
            "Customer Segment",
            "Note Type",
            "TICKET id",
            "Labels",
            "Channel",
            "mood",
        ]
    )
    assert mapping.fields == {
        "text": "  NOTES ",
        "created_at": "Created_At",
        "agent_id": "agent-ID",
        "channel": "Channel",
        "customer_segment": "Customer Segment",
        "kind": "Note Type",
        "tags": "Labels",
        "external_id": "TICKET id",
    }
    assert mapping.unknown == ["mood"]


@pytest.mark.parametrize("field", list(FIELD_ALIASES))
def test_every_alias_maps_to_its_field(field: str) -> None:
    for alias in FIELD_ALIASES[field]:
        columns = [alias] if field == "text" else ["text", alias]
        assert map_columns(columns).fields[field] == alias


def test_most_specific_column_wins_and_the_rest_are_unknown() -> None:
    mapping = map_columns(["summary", "id", "Note", "date", "created_at", "note_id", "description"])
    assert mapping.fields["text"] == "Note"
    assert mapping.fields["created_at"] == "created_at"
    assert mapping.fields["external_id"] == "note_id"
    assert mapping.unknown == ["summary", "id", "date", "description"]


def test_aliases_are_unique_across_fields() -> None:
    keys = [header_key(a) for aliases in FIELD_ALIASES.values() for a in aliases]
    assert len(keys) == len(set(keys))


# --- streaming -----------------------------------------------------------------------------------


def test_50mb_csv_streams_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    written = write_big_csv(path, 50 * 1024 * 1024)
    assert path.stat().st_size >= 50 * 1024 * 1024
    tracemalloc.start()
    try:
        stream = open_rows(path)
        count = 0
        for _, raw in stream.rows:
            count += 1
            assert isinstance(raw, dict)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == written
    assert peak < 8 * 1024 * 1024, f"peak Python allocations {peak / 1e6:.1f} MB while streaming 50 MB"


def test_jsonl_streams_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(40000):
            handle.write(json.dumps({"text": f"note {i} " + "x" * 200, "agent": i}) + "\n")
    assert path.stat().st_size > 8 * 1024 * 1024
    tracemalloc.start()
    try:
        count = sum(1 for _ in open_rows(path).rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 40000
    assert peak < 2 * 1024 * 1024


def test_the_uploader_offers_exactly_what_the_readers_read() -> None:
    from ui.importing import UPLOAD_TYPES

    assert "xlsm" in UPLOAD_TYPES and "xlsx" in UPLOAD_TYPES  # a macro workbook reads like any other
    assert "json" not in UPLOAD_TYPES  # no reader reads a JSON array; JSONL is offered instead
    assert {f".{t}" for t in UPLOAD_TYPES} == set(FORMATS)
