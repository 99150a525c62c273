"""Names in sentence case, each word as the notes write it: "Live TV", "Debt collection", "iOS update".

A name is made from the notes' words in whatever case one note had ("Complaint about watching only live tv"
gave "Live tv"; a narrative that wrote "Debt Collection" gave "Debt Collection"). Here every word of a name
is read where case is a choice — not at the start of a note or a sentence, where every word is
capitalised. Writers in a hurry drop capitals but seldom add one mid-sentence, so a word keeps a capital
when at least ``CAPITALISED_SHARE`` of its mid-sentence uses have one, in its most common capitalised form:
on TweetSumm "TV" (12 of 23), "iOS", "DM", "Spotify" (17 of 39), "Apple" (11 of 26); on CFPB narratives
"PayPal", "CFPB", while "credit" (23 % capitalised, in "Fair Credit Reporting Act"), "bank" (37 %, in
bank names) and "collection" (14 %) are lower-case. A word the notes never write mid-sentence
keeps the form it has. The name's first letter is then upper-case, unless its first word is written with
inner capitals ("iPhone", "eSIM"). The embedding model reads lower-case text, so this changes what a PM
reads, not what a name means to the namer or to the label benchmark.

A chat's spellings are written out ("List ur available payment modalities" → "List your available payment
modalities"): a customer may write "ur" and "pls", a name a PM reads in a brief should not. Only lower-case
whole words that are nothing else in a note (not "U" of "U.S.", not "im" inside a word).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

CAPITALISED_SHARE = 0.4
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[a-z]+)?")
# What comes before a word whose case is not a choice: a note's or a sentence's start, and a clause an agent
# opens after a colon or a dash ("3rd this week: Engineer went…", "Another one - Engineer went…").
_SENTENCE_END = re.compile(r"(?:[.!?:;\u2013\u2014]|\s-+)\s*$|^\s*$")
# A note that opens with a capitalised aside ("FYI", "NB", "PS") starts its sentence at the next word.
_LEAD_IN = re.compile(r"\s*[A-Z]{2,4}[.:,]?\s+")
_CHAT_SPELLINGS = {
    "u": "you",
    "ur": "your",
    "urs": "yours",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "cuz": "because",
}
_CHAT_WORD = re.compile(r"(?<![\w'.])(" + "|".join(_CHAT_SPELLINGS) + r")(?![\w'.])", re.IGNORECASE)


def _spelled_out(match: re.Match[str]) -> str:
    word = match.group(1)
    if word != word.lower() and (match.start() > 0 or word[1:] != word[1:].lower()):
        return word  # a capital mid-name ("U"), or all capitals, is something else
    return _CHAT_SPELLINGS[word.lower()]


def written_forms(texts: Iterable[str]) -> dict[str, Counter[str]]:
    """Per word (lower-case), how often each written form occurs where case is a choice (mid-sentence)."""
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.5 * len(letters):
            continue  # a note written in capitals says nothing about any word's case
        for match in _WORD.finditer(text):
            before = text[: match.start()]
            if _SENTENCE_END.search(before[-4:]) or _LEAD_IN.fullmatch(before):
                continue  # the first word of a note or a sentence is capitalised whatever it is
            word = match.group(0)
            forms.setdefault(word.lower(), Counter())[word] += 1
    return forms


def _usual(word: str, forms: Mapping[str, Counter[str]]) -> str:
    counts = forms.get(word.lower())
    if not counts:
        return word
    capitalised = Counter({form: n for form, n in counts.items() if form != form.lower()})
    if sum(capitalised.values()) >= CAPITALISED_SHARE * sum(counts.values()):
        return max(capitalised.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return word.lower()


def as_written(name: str, forms: Mapping[str, Counter[str]]) -> str:
    """``name`` in sentence case with each word in its usual written form (see the module notes)."""
    if not name:
        return name
    name = _CHAT_WORD.sub(_spelled_out, name)
    cased = _WORD.sub(lambda m: _usual(m.group(0), forms), name)
    first = _WORD.search(cased)
    if first is None:
        return cased
    word = first.group(0)
    if any(c.isupper() for c in word[1:]):  # "iPhone", "eSIM", "TV": written that way on purpose
        return cased
    return cased[: first.start()] + word[0].upper() + word[1:] + cased[first.end() :]
