"""Normalise text before looking for personal data in it, so what was checked is exactly what is stored.

Two steps:

* :func:`normalise` makes the text that is stored: Unicode NFKC (full-width ``ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ`` becomes
  ``jane@gmail.com``), invisible format characters removed (zero-width spaces and joiners, the word joiner, soft
  hyphens, bidi overrides such as U+202E that make text display reversed, byte-order marks), other control
  characters but tab and newline removed, every decimal digit of any script mapped to ASCII (Arabic-Indic ``٠٧٧``
  → ``077``), and combining marks that cannot attach to the ASCII character before them dropped.
* :func:`detection_view` maps that text character for character (same length, so offsets carry over) onto a form
  the recognizers read: every dash-like character becomes ``-`` (a non-breaking hyphen inside a phone number),
  look-alike Cyrillic and Greek letters inside otherwise Latin words become Latin (``jаne@gmail.com`` with a
  Cyrillic ``а``), and the ideographic full stop becomes ``.``. The view is only read, never stored, so an en dash
  in "Mon–Fri" stays in the note.
"""

from __future__ import annotations

import functools
import sys
import unicodedata

import regex

__all__ = ["detection_view", "normalise"]

# Characters NFKC leaves in place that render as nothing (Hangul fillers, the combining grapheme joiner, the
# Mongolian vowel separator and braille blank look like spaces or nothing at all).
_INVISIBLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x2800, 0x3164, 0xFFA0}
_KEEP_CONTROLS = {"\t", "\n"}


def _build_tables() -> tuple[dict[int, str | None], dict[int, str]]:
    """(normalise table, view table) over the whole Unicode range, built once at import."""
    drop_or_digit: dict[int, str | None] = {}
    view: dict[int, str] = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cf" or code in _INVISIBLE:
            drop_or_digit[code] = None
        elif category == "Cc" and char not in _KEEP_CONTROLS:
            drop_or_digit[code] = " " if char in "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85" else None
        elif category == "Nd" and not char.isascii():
            drop_or_digit[code] = str(unicodedata.digit(char))
        elif category == "Zl" or category == "Zp":
            drop_or_digit[code] = "\n"
        elif category == "Pd" or code in (0x2212, 0x2043):
            view[code] = "-"
    view.update({0x3002: ".", 0xFF61: "."})
    drop_or_digit[ord("\r")] = None  # "\r\n" becomes "\n"; a lone "\r" is rare enough to lose
    return drop_or_digit, view


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str | None], dict[int, str]]:
    return _build_tables()


# Latin look-alikes among Cyrillic and Greek letters (the ones that render identically in common fonts).
_CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеорсхуіјѕԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧαορνκιτ",
    "ABESIJKMHOPCTXYaeopcxyijsdhqwABEZHIKMNOPTYXaopvkit",
)
_MIXED_WORD = regex.compile(r"[\p{L}\p{N}._%+@-]*[A-Za-z][\p{L}\p{N}._%+@-]*")
_STRAY_MARK = regex.compile(r"(?<=[\x21-\x7e])\p{Mn}+")


def normalise(text: str) -> str:
    """Return the form of ``text`` that is checked and stored (see the module docstring).

    Args:
        text: any string.

    Returns:
        NFKC-normalised text without invisible or bidi control characters, with ASCII digits.
    """
    normalise_table, _ = _tables()
    text = unicodedata.normalize("NFKC", text)
    if text.isascii() and text.isprintable():
        return text
    # Removing characters can leave a new composable pair ("e" + ZWJ + U+0301): compose once more, then drop the
    # marks that still cannot attach.
    text = unicodedata.normalize("NFKC", text.translate(normalise_table))
    return _STRAY_MARK.sub("", text) if not text.isascii() else text


def detection_view(text: str) -> str:
    """Return ``text`` with dashes, look-alike letters and odd full stops folded; same length, same offsets.

    Args:
        text: already :func:`normalise`-d text.
    """
    if text.isascii():
        return text
    view = text.translate(_tables()[1])
    if any(ord(c) > 0x36F for c in view):
        view = _MIXED_WORD.sub(lambda m: m.group().translate(_CONFUSABLES), view)
    return view
