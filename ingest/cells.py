"""Tidying raw cells: free text cleaned the one way every note is, a cell read as text, a value quoted."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import datetime

# NUL and every C0/C1 control character except tab and newline; lone surrogates (JSON can carry
# them, the database cannot store them); zero-width space and BOM left in the middle of a text.
JUNK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b\ufeff]")
_SPACES = re.compile(r"[^\S\n\t]+")  # any run of whitespace but newline and tab (NBSP and friends too)
_TRAILING = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: str) -> str:
    """Tidy free text: NFC, CR/LF to LF, control characters and NUL removed, spaces collapsed, trimmed.

    Newlines and tabs stay; runs of spaces become one, at most one blank line is kept between
    paragraphs, so the same note pasted twice with different spacing dedupes and embeds the same.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _SPACES.sub(" ", JUNK.sub("", text))
    text = _BLANK_LINES.sub("\n\n", _TRAILING.sub("\n", text))
    return unicodedata.normalize("NFC", text).strip()


def as_text(value: object) -> str | None:
    """A raw cell as a string, or ``None`` for an empty cell (None, NaN, blank)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # a spreadsheet id 12345 arrives as 12345.0
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def one_line(value: object) -> str | None:
    """A raw cell as one tidy line, or ``None`` when it holds no text."""
    text = as_text(value)
    if text is None:
        return None
    return " ".join(clean_text(text).split()) or None


def quote_value(value: object, limit: int = 40) -> str:
    """A value as a problem message quotes it: control characters dropped, one line, cut to ``limit``."""
    text = " ".join(JUNK.sub("", str(value)).split())
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'
