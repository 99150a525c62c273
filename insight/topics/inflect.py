"""Verb forms a name needs: a state said the way a PM writes it, not the way the note's grammar left it.

A note says "my card does not work" or "why did my transfer fail"; cut from the note, the phrase keeps the
bare verb the auxiliary took ("Card not work", "Transfer fail"), and a parsed piece keeps the verb's lemma
("card not arrive"). A name says the state: a negated one with the present participle ("Card not working",
"Refund not appearing", "Cash deposit not showing up"), an affirmed one with the past participle ("Transfer
failed", "Card declined"). English only, like the tagger; regular endings plus the irregular verbs that state
faults in support notes (a verb missing from the table gets the regular ending: "Card not bended" is as wrong
as before, never worse than the bare "Card not bend").
"""

from __future__ import annotations

_PAST_PARTICIPLE = {
    "be": "been", "begin": "begun", "break": "broken", "bring": "brought", "buy": "bought", "come": "come",
    "cut": "cut", "do": "done", "draw": "drawn", "eat": "eaten", "fall": "fallen", "feel": "felt", "find": "found",
    "forget": "forgotten", "freeze": "frozen", "get": "got", "give": "given", "go": "gone", "hang": "hung",
    "have": "had", "hide": "hidden", "hold": "held", "keep": "kept", "know": "known", "leave": "left",
    "lose": "lost", "make": "made", "pay": "paid", "put": "put", "quit": "quit", "read": "read", "ride": "ridden",
    "rise": "risen", "run": "run", "say": "said", "see": "seen", "sell": "sold", "send": "sent", "set": "set",
    "shake": "shaken", "show": "shown", "shut": "shut", "speak": "spoken", "spend": "spent", "steal": "stolen",
    "stick": "stuck", "swallow": "swallowed", "take": "taken", "tell": "told", "think": "thought", "wake": "woken",
    "wear": "worn", "win": "won", "write": "written",
}  # fmt: skip
_PRESENT_PARTICIPLE = {"be": "being", "quit": "quitting", "see": "seeing"}
_VOWELS = set("aeiou")


def _doubles(verb: str) -> bool:
    """Whether the last consonant doubles before an ending: one short vowel between single consonants, in a
    one-syllable verb ("stop" → "stopped", "drop", "log"; not "open", "load", "show", "fix")."""
    if len(verb) < 3 or verb[-1] in "wxy" or verb[-1] in _VOWELS:
        return False
    syllables = sum(1 for i, c in enumerate(verb) if c in _VOWELS and (i == 0 or verb[i - 1] not in _VOWELS))
    return syllables == 1 and verb[-2] in _VOWELS and verb[-3] not in _VOWELS


def past_participle(verb: str) -> str:
    """The past participle of a verb's lemma: "fail" → "failed", "decline" → "declined", "freeze" → "frozen"."""
    verb = verb.lower()
    if verb in _PAST_PARTICIPLE:
        return _PAST_PARTICIPLE[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if _doubles(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def present_participle(verb: str) -> str:
    """The present participle of a verb's lemma: "work" → "working", "arrive" → "arriving", "stop" → "stopping"."""
    verb = verb.lower()
    if verb in _PRESENT_PARTICIPLE:
        return _PRESENT_PARTICIPLE[verb]
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "oe", "ye")) and len(verb) > 2:
        return verb[:-1] + "ing"
    if _doubles(verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


BARE_TAGS = ("VB", "VBP", "VBD")  # the forms an auxiliary or the past leaves: "does not work", "did fail", "failed"


def state_form(lemma: str, tag: str, written: str, negated: bool) -> str:
    """How a state verb after its subject is said in a name: negated, the present participle ("does not work" →
    "not working"), affirmed, the past participle ("did my transfer fail" → "transfer failed") — when the note
    left it bare or in the past (``BARE_TAGS``); else as written ("card not arrived", "app crashes")."""
    if tag not in BARE_TAGS:
        return written.lower()
    return present_participle(lemma) if negated else past_participle(lemma)
