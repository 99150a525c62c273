"""Rewrite the settings table in README.md from ``insight.settings`` (run after adding a setting)."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from insight.settings import ENV_PREFIX, PROJECT_ROOT, Settings  # noqa: E402

START, END = "<!-- SETTINGS-TABLE -->", "<!-- /SETTINGS-TABLE -->"


def table() -> str:
    """The settings as a Markdown table: variable, default, what it does."""
    lines = ["| variable | default | what it does |", "|---|---|---|"]
    for f in dataclasses.fields(Settings):
        default = f.default
        if isinstance(default, Path):
            default = default.relative_to(PROJECT_ROOT) if default.is_relative_to(PROJECT_ROOT) else default
        lines.append(f"| `{ENV_PREFIX}{f.name.upper()}` | `{default}` | {f.metadata['help']} |")
    return "\n".join(lines)


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{table()}\n{END}"
    if END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.replace(START, block)
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
