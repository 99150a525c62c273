"""``python -m insight refit | topics | export`` on a temp DuckDB file (in-process, plus one real subprocess)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from topics_corpus import embedded_corpus, store_corpus

from insight.cli import main
from insight.records import NoteDraft
from insight.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture
def corpus(real_embedder) -> dict:
    """The synthetic corpus with real embeddings (computed once per session)."""
    return embedded_corpus(real_embedder)


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def filled_db(tmp_path, corpus) -> Path:
    """A database with the corpus and one note whose text a spreadsheet would run as a formula."""
    path = tmp_path / "cli.duckdb"
    store = Store(path)
    trap = NoteDraft(text="=HYPERLINK(evil) customer pasted this", created_at=datetime(2025, 3, 3), source="t",
                     external_id="trap", channel="chat", tags=("vip", "eu"))  # fmt: skip
    drafts = [*corpus["drafts"], trap]
    vectors = np.vstack([corpus["vectors"], corpus["vectors"][:1]])
    store_corpus(store, drafts, vectors, corpus["model_id"])
    store.release()
    return path


def test_refit_topics_and_export(filled_db, tmp_path, capsysbinary, monkeypatch):
    def out() -> str:
        return capsysbinary.readouterr().out.decode("utf-8-sig")

    assert main(["refit", "--db", str(filled_db), "--no-progress"]) == 0
    assert "Run 1:" in out()
    assert main(["refit", "--db", str(filled_db), "--no-progress"]) == 0
    assert "Nothing changed" in out()

    monkeypatch.setenv("EARSHOT_DB", str(filled_db))  # honoured without --db
    assert main(["topics", "--json"]) == 0
    topics = json.loads(out())
    assert {"topic_id", "label", "size", "keywords", "theme_label"} <= set(topics[0])
    assert sum(t["size"] for t in topics) == 241
    assert main(["topics"]) == 0
    table = out()
    assert topics[0]["label"][:32] in table and "keywords" in table.splitlines()[0]
    theme_cells = [line[54:74].strip() for line in table.splitlines()[1:] if not line.split()[0].startswith("-")]
    expected = [(t["theme_label"] or "Other topics")[:20] for t in topics if t["topic_id"] >= 0]
    assert theme_cells == expected and all(theme_cells)  # a topic outside any theme says so, never a blank cell

    xlsx = tmp_path / "notes.xlsx"
    assert main(["export", "-o", str(xlsx)]) == 0
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:2] == ("note_id", "created_at") and header[-2:] == ("topic_id", "topic_label")
    assert {"agent_id", "team", "channel", "product", "customer_segment", "kind", "source", "tags"} <= set(header)
    assert len(body) == 241 and all(r[-1] for r in body)
    trap = next(r for r in body if r[0] == "trap")
    assert trap[header.index("text")] == "'=HYPERLINK(evil) customer pasted this"
    assert trap[header.index("tags")] == "vip; eu"

    assert main(["export", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(out()))
    assert len(frame) == 241 and frame["topic_label"].notna().all()
    assert main(["export", "--format", "json", "-o", str(tmp_path / "n.json")]) == 0
    records = json.loads((tmp_path / "n.json").read_text())
    assert next(r for r in records if r["note_id"] == "trap")["text"].startswith("=HYPERLINK")


def test_errors_are_one_plain_line(tmp_path, corpus, capsys):
    assert main(["topics", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert capsys.readouterr().err.startswith("error: No database")
    few = tmp_path / "few.duckdb"
    store = Store(few)
    store_corpus(store, corpus["drafts"][:10], corpus["vectors"][:10], corpus["model_id"])
    store.release()
    assert main(["refit", "--db", str(few), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "Not enough notes yet" in err and "40 more are needed" in err and "Traceback" not in err


def test_help_explains_each_command():
    for command in ("refit", "topics", "export"):
        out = subprocess.run(
            [sys.executable, "-m", "insight", command, "--help"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        assert "--db" in out and len(out.splitlines()) > 5


def test_topic_services_load_no_heavy_library_until_a_fit():
    code = (
        "import json, sys, insight.topics.refitting, insight.topics.manage, insight.topics.assign, insight.export\n"
        "import insight.cli.topics_cmd\n"
        "print(json.dumps(sorted(m for m in ('bertopic', 'umap', 'torch', 'sentence_transformers', 'numba') "
        "if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
