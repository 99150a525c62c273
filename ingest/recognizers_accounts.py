"""Identifiers of a person's accounts and devices: bank account numbers, usernames and handles, device ids, and
e-mail addresses written in an encoded or "defanged" form.

Each is certain only in its own shape or after its own cue word, so a price, an order number or a version never
matches: "sort code 20-00-00 account 55779911", "login jsmith1987", "@jsmith99", "IMEI 490154203237518",
"00:1A:2B:3C:4D:5E", "jane.doe%40gmail.com", "nina[.]patel[@]gmail[.]com". Same rules as :mod:`ingest.recognizers`:
linear patterns, nothing logged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ingest.recognizers import REGEX_TIMEOUT_S, SpanRecognizer, _finditer, count_digits

__all__ = ["AccountRecognizer", "DeviceRecognizer", "EncodedEmailRecognizer", "UsernameRecognizer"]

# Filler a cue may have before its value: "account no. 123", "a/c: 123", "routing number is 021000021".
_FILL = r"(?:[ ]*(?:no\.?|nr\.?|num(?:ber)?|#|:|=|is|-)[ ]*)*[ ]*"


class AccountRecognizer(SpanRecognizer):
    """Bank account numbers, sort codes and routing numbers after their cue word (placeholder ``<ACCOUNT>``):
    "sort code 20-00-00", "a/c 70872490", "routing 021000021", "Kontonummer 532013000", "BSB 062-000",
    "CLABE 002010077777777771". An account *reference* with letters ("account ref ACC-2024") is not one."""

    ENTITY = "ACCOUNT"
    PATTERN = regex.compile(
        r"(?<![\w])(?i:sort[ ]?code|s/c|a/c|acct|account(?:[ ]number)?|bank[ ]account|routing|aba|bsb|clabe"
        r"|kontonummer|konto|blz|bankleitzahl|rib|numéro[ ]de[ ]compte|cuenta|conto)"
        + _FILL
        + r"(?P<value>[0-9]{2,}(?:[ -]?[0-9]{2,}){0,5})(?![\w]|[.,/][0-9])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield account number spans of six digits or more."""
        if count_digits(text) < 6:
            return
        for match in _finditer(self.PATTERN, text):
            if count_digits(match.group("value")) >= 6:
                yield match.span("value")


class DeviceRecognizer(SpanRecognizer):
    """A device's own identifiers (placeholder ``<DEVICE>``): MAC addresses in any of their layouts, and IMEI,
    MEID or ICCID numbers after their cue word. A SIM's or a phone's id points at the person who carries it."""

    ENTITY = "DEVICE"
    MAC = regex.compile(
        r"(?<![\w:.-])(?:[0-9A-Fa-f]{2}(?P<s>[:-])(?:[0-9A-Fa-f]{2}(?P=s)){4}[0-9A-Fa-f]{2}"
        r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:.-])"
    )
    CUED = regex.compile(
        r"(?<![\w])(?i:imei|meid|iccid|sim[ ]?(?:card[ ])?(?:id|serial))"
        + _FILL
        + r"(?P<value>[0-9A-Fa-f][0-9A-Fa-f -]{12,24}[0-9A-Fa-f])(?![\w])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield MAC addresses (with at least one digit) and cued device numbers of 14 digits or more."""
        if ":" in text or "-" in text or "." in text:
            for match in _finditer(self.MAC, text):
                if any(c.isdigit() for c in match.group()):
                    yield match.span()
        if count_digits(text) >= 14:
            for match in _finditer(self.CUED, text):
                if count_digits(match.group("value")) >= 14:
                    yield match.span("value")


_SOCIAL = r"(?:facebook|fb|instagram|twitter|x|linkedin|tiktok|youtube|reddit|github|threads\.net|t\.me|wa\.me)"


class UsernameRecognizer(SpanRecognizer):
    """Usernames and social handles (placeholder ``<USERNAME>``): "@jsmith99", "u/throwaway_jsmith",
    "facebook.com/will.hope.5", and after a cue word ("login", "username", "gamertag", "skype", "discord", "user")
    a value only a username looks like — with a digit, "_", "." or "#" inside, not a word of the note ("login page",
    "user can't")."""

    ENTITY = "USERNAME"
    HANDLE = regex.compile(r"(?<![\w@.&/-])@(?P<value>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@-])")
    PROFILE = regex.compile(
        r"(?<![\w])(?i:(?:www\.|m\.)?" + _SOCIAL + r"(?:\.com)?/(?:in/|u/|user/|@)?)(?P<value>[\w.\-]{2,60}[\w])"
        r"|(?<![\w/])(?i:u/)(?P<value>[\w-]{3,40})"
    )
    CUED = regex.compile(
        r"(?<![\w])(?i:log[ -]?in|user[ ]?name|user[ ]?id|user|handle|gamertag|gamer[ ]tag|psn|xbox[ ]live|skype"
        r"|discord|telegram|snapchat|snap|twitter|instagram|insta|ig|tiktok|account|gmail|hotmail|yahoo|outlook"
        r"|icloud)"
        r"(?:[ ]*(?::|=|is|name|id)[ ]*)*[ ]+(?P<value>(?:live:)?[\w][\w.#-]{2,38}[\w])(?![\w@])"
    )
    _SHAPE = regex.compile(r"[0-9_#]|[\p{L}][.][\p{L}]|live:")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield handle, profile and cued username spans."""
        if "@" in text:
            for match in _finditer(self.HANDLE, text):
                value = match.group("value")
                if sum(c.isalpha() for c in value) >= 2 and not value.replace(".", "").isdigit():
                    yield match.span()
        if "/" in text:
            for match in _finditer(self.PROFILE, text):
                yield match.span("value")
        # overlapped: in "account login chris.w.1990" the first cue's "value" is the second cue
        for match in self.CUED.finditer(text, overlapped=True, timeout=REGEX_TIMEOUT_S):
            value = match.group("value")
            # a username has letters and a character a word does not: "jsmith1987", "mary_o_neill", "k.okafor"
            if (
                sum(c.isalpha() for c in value) >= 3
                and self._SHAPE.search(value)
                and not _VERSION.fullmatch(value)
                and not _sentences_joined(value)
            ):
                yield match.span("value")


_JOINED = regex.compile(r"(?P<end>\p{Ll}+)\.(?P<next>\p{Lu}\p{Ll}+)")


def _sentences_joined(value: str) -> bool:
    """Two sentences with the space after the full stop left out ("my account yet.What could be…"): a word
    ending one and a capitalised word opening the next, both English words and no given name."""
    from ingest.name_view import english_word, given_name

    match = _JOINED.fullmatch(value)
    return bool(match) and all(english_word(w) and not given_name(w) for w in (match["end"], match["next"]))


_VERSION = regex.compile(r"(?i:v?[0-9]+(?:\.[0-9]+)*[a-z]?|[a-z]+[0-9.]*(?:\.[0-9]+)+)")

_PROVIDERS = (
    r"gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|aol|protonmail|proton|gmx|yandex|web|t-online"
    r"|libero|wanadoo|orange|free|laposte|btinternet|sky|virginmedia|comcast|zoho|fastmail|mail|qq|163|naver"
)


class EncodedEmailRecognizer(SpanRecognizer):
    """E-mail addresses written so that a plain pattern misses them (placeholder ``<EMAIL>``): URL-, HTML- or
    quoted-printable-encoded ("jane.doe%40gmail.com", "lisa&#64;gmail.com", "jane=40gmail.com"), defanged
    ("nina[.]patel[@]gmail[.]com", "klaus(at)web(punkt)de"), an address at a mail provider without its ending
    ("anna@gmx", "sarah.k at gmail", "rob dot evans at gmail"), and an address inside an id
    ("CUST-jane.roe@gmail.com-01")."""

    ENTITY = "EMAIL"
    _AT = r"(?:%40|=40|&#0*64;|&#x0*40;|&commat;|\[@\]|\(@\)|\{@\}|\s*\[\s*at\s*\]\s*|\s*\(\s*at\s*\)\s*)"
    _DOT = r"(?:\.|%2[Ee]|&#0*46;|&#x0*2[Ee];|&period;|\[\.\]|\(\.\)|\s*\[\s*(?:dot|punkt|point)\s*\]\s*"
    _DOT += r"|\s*\(\s*(?:dot|punkt|point)\s*\)\s*)"
    _PART = r"[\p{L}\p{N}_+-]+"
    ENCODED = regex.compile(
        r"(?<![\p{L}\p{N}._%+-])(?i:"
        + _PART
        + r"(?:"
        + _DOT
        + _PART
        + r")*"
        + _AT
        + _PART
        + r"(?:"
        + _DOT
        + _PART
        + r")+)(?![\p{L}\p{N}_-])"
    )
    BARE_PROVIDER = regex.compile(
        r"(?<![\p{L}\p{N}._%+-])(?i:(?P<local>[\p{L}\p{N}][\p{L}\p{N}._+-]*(?:\s+dot\s+[\p{L}\p{N}_+-]+)*)"
        r"(?:@|\s+at\s+)(?:" + _PROVIDERS + r"))(?![\p{L}\p{N}@.-]|\.[\p{L}])"
    )
    IN_ID = regex.compile(
        r"(?<![\p{L}\p{N}])(?:[A-Za-z0-9]+[-_])?(?P<value>[\p{L}\p{N}._+]+@(?:[\p{L}\p{N}-]+\.)+[A-Za-z]{2,})"
        r"(?=[-_][A-Za-z0-9]+(?![\p{L}\p{N}]))"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield encoded, defanged, ending-less and embedded address spans."""
        lowered = text.lower()
        if any(mark in lowered for mark in ("%40", "=40", "&#", "&commat;", "@]", "@)", "@}", "at]", "at)")):
            for match in _finditer(self.ENCODED, text):
                yield match.span()
        if "@" in text or " at " in lowered:
            for match in _finditer(self.BARE_PROVIDER, text):
                local = match.group("local")
                # "bought it at amazon" has no address; an address's local part has a digit, "." or "dot" in it
                if "@" in match.group() or regex.search(r"[0-9._]|\sdot\s", local):
                    yield match.span()
        if "@" in text:
            for match in _finditer(self.IN_ID, text):
                yield match.span("value")
