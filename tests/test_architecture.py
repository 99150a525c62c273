"""The layers hold: the core and ingest never pull in Streamlit, and heavy ML libraries load lazily."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CORE_MODULES = [
    "insight.settings",
    "insight.store",
    "insight.store.notes",
    "insight.embedder",
    "insight.cli",
    "ingest.service",
    "ingest.cli",
    "ingest.readers",
    "ingest.validation",
    "ingest.redaction",
    "insight.tokens",
    "insight.delivery",
    "insight.cli.api_cmd",
    "insight.cli.deliver_cmd",
    "ingest.batch",
    "ingest.helpdesk",
    "insight.store.weekly",
    "insight.store.note_views",
    "insight.store.profiles",
    "insight.search",
    "insight.similar",
    "insight.agent_notes",
    "insight.filter_options",
    "insight.topic_map",
    "insight.topic_activity",
    "insight.errors",
    "ingest.timestamps",
    "ingest.cells",
]


def _loaded_after_importing(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout))


def test_core_imports_neither_streamlit_nor_heavy_ml_libraries():
    loaded = _loaded_after_importing(CORE_MODULES)
    for heavy in ("streamlit", "bertopic", "sentence_transformers", "torch", "umap"):
        assert heavy not in loaded, f"importing the core loaded {heavy}"


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is not installed in this environment"
    out = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "KEPT" in out.stdout and "BROKEN" not in out.stdout


def test_core_never_loads_the_http_stack_and_the_api_never_loads_streamlit_or_models():
    core = _loaded_after_importing(CORE_MODULES)
    for edge in ("api", "fastapi", "uvicorn", "apprise"):
        assert edge not in core, f"importing the core loaded {edge}"
    api = _loaded_after_importing(["api.app", "api.server"])
    assert "fastapi" in api  # the probe really imported the API
    for heavy in ("streamlit", "sentence_transformers", "torch", "bertopic"):
        assert heavy not in api, f"importing the API loaded {heavy}"


def test_the_layers_inside_the_core_are_contracts():
    # The store below the services, records and errors below the store, pages away from the SQL: each is a
    # contract lint-imports checks above; this guards against one being dropped from pyproject.toml.
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name in (
        "Records, errors and the clock import nothing else of the core",
        "The store imports only records, errors, the clock and the privacy gate of the core",
        "The core's stages never import the read services the pages call",
        "Pages, the UI and the API never call the store's SQL modules directly",
    ):
        assert f'name = "{name}"' in text
