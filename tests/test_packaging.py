"""Earshot is one installable distribution with an ``earshot`` console script."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("earshot-*.whl")
    return path


def test_wheel_holds_every_package_the_migrations_and_the_console_script(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    packages = {f"{p}/__init__.py" for p in ("insight", "ingest", "api", "ui", "app_pages")}
    assert packages <= set(names)
    migrations = sorted(p.name for p in (ROOT / "insight/store/migrations").glob("*.sql"))
    assert [n.rsplit("/", 1)[1] for n in names if n.endswith(".sql")] == migrations
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "earshot = ingest.console:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_installed_console_script_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "EARSHOT_EMBEDDING_MODEL": "hashing"}
    # Run from an empty folder: the checkout is not on the path, so only the installed copy can answer.
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    help_text = subprocess.run(
        [sys.executable, str(site / "bin" / "earshot"), "--help"], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert help_text.returncode == 0, help_text.stderr
    assert "refit" in help_text.stdout and "ingest" in help_text.stdout
    imported = subprocess.run(
        [sys.executable, "-c", "import insight; print(insight.__file__)"], cwd=cwd, env=env, capture_output=True,
        text=True,
    )  # fmt: skip
    assert imported.stdout.strip().startswith(str(site))
    notes = cwd / "notes.csv"
    notes.write_text("note,created_at\nCustomer asks how to pause the plan while abroad,2026-11-02\n", encoding="utf-8")
    ingest = subprocess.run(
        [sys.executable, str(site / "bin" / "earshot"), "ingest", str(notes), "--db", str(cwd / "e.duckdb"),
         "--no-progress"],
        cwd=cwd, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr
    assert (cwd / "e.duckdb").exists()
