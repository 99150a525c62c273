"""A case-restored copy of a note for the NER model, and the name lists that back it.

spaCy's small English model finds names by their capital letters: "customer samira mansour wants…" and
"Refund approved for YUKI KANG" have none it can use. So the model reads a *view* of the note of exactly the same
length, in which lower-case and all-capitals words that may be names are title-cased ("customer Samira Mansour
wants…", "Refund approved for Yuki Kang") and all-capitals everyday words are lower-cased. A word may be a name when
it is in a name list, or when it is not an English word at all; everyday words keep their case, so "customer
wants a refund" reads as it did.

The lists come from installed packages, loaded once: English words from ``english-words`` (Webster's 2nd, lower-case
entries only: its capitalised entries are proper nouns), US census first names and surnames from ``names``
(public-domain census data; the package ships them), and Earshot's own given names (:mod:`ingest.name_lexicon`).
A word found this way is never redacted *because* of the lists: the model still has to call it a person, and
:mod:`ingest.names` still guards products and companies.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

import regex

from ingest.name_lexicon import GIVEN_NAMES, WORD_LIKE_NAMES

__all__ = ["case_view", "english_word", "foreign_note", "given_name", "name_like", "surname"]

# Letters and inner apostrophes/hyphens; "_", "@", "." and digits next to a word make it part of a handle or code.
# Apostrophes end a word here: "they've" must not become "They'Ve" (a lower-case "o'connor" is lost, rarely).
# "<" and ">": a placeholder ("<IBAN>") is never recased.
_WORD = regex.compile(r"(?<![\p{L}\p{N}_@./\\'’<-])\p{L}[\p{L}-]*+(?![\p{N}_@'’>]|\.\p{L})")


@functools.lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from english_words import get_english_words_set

    # Webster's 2nd writes proper nouns capitalised ("Aaron", "Kang"); only its lower-case entries are words.
    return frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True) if w.islower())


def _census(file: str) -> frozenset[str]:
    text = resources.files("names").joinpath(file).read_text(encoding="ascii")
    return frozenset(line.split(" ", 1)[0].lower() for line in text.splitlines() if line.strip())


@functools.lru_cache(maxsize=1)
def _census_first() -> frozenset[str]:
    return _census("dist.male.first") | _census("dist.female.first")


@functools.lru_cache(maxsize=1)
def _census_last() -> frozenset[str]:
    return _census("dist.all.last")


# Words of the trade newer than the dictionary.
_MODERN = frozenset(
    """app apps email emails online offline wifi internet website websites login logins ok okay smartphone laptop
    laptops broadband router routers modem modems esim sim sims bluetooth voicemail upload download reboot
    username password passwords inbox spam chatbot dm dms tv tvs pc pcs ebook""".split()
)
# Inflections and British spellings, tried in order on a word the dictionary does not hold as written.
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""),
             ("er", ""), ("ers", ""), ("r", ""), ("rs", ""), ("ly", ""), ("'s", ""), ("’s", ""))  # fmt: skip
_BRITISH = (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"), ("our", "or"),
            ("tre", "ter"), ("lled", "led"), ("lling", "ling"), ("yse", "yze"), ("ogue", "og"))  # fmt: skip


def english_word(word: str) -> bool:
    """Whether ``word`` (any case) is an English dictionary word or a simple inflection of one (proper nouns and
    names are not words here)."""
    lower = word.lower()
    words = _english_words()
    if lower in words or lower in _MODERN:
        return True
    for old, new in _BRITISH:
        if old in lower and lower.replace(old, new) in words:
            return True
    for suffix, repl in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)] + repl
            if stem in words or stem in _MODERN:
                return True
            if stem[-1:] == stem[-2:-1] and stem[:-1] in words:  # "dropped" -> "dropp" -> "drop"
                return True
            if any(old in stem and stem.replace(old, new) in words for old, new in _BRITISH):
                return True
    return False


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def given_name(word: str) -> bool:
    """Whether ``word`` (any case, accents ignored) is a known given name (Earshot's list or the US census)."""
    lower = _unaccented(word.lower())
    return lower in GIVEN_NAMES or lower in _census_first()


def surname(word: str) -> bool:
    """Whether ``word`` (any case, accents ignored) is a surname of the US census list (88,799 names)."""
    return _unaccented(word.lower()) in _census_last()


def name_like(word: str) -> bool:
    """Whether ``word`` may be a name: a known given name or surname, or not an English word at all."""
    lower = word.lower().strip("'’-")
    if len(lower) < 2:
        return False
    parts = [p for p in regex.split(r"[-'’]", lower) if p]
    return given_name(lower) or surname(lower) or not all(english_word(p) for p in parts)


def warm_up() -> None:
    """Load the lists now (about 0.3 s) rather than in the first note."""
    _english_words()
    _census_first()
    _census_last()


# Words after which an unknown word is probably a name: "customer nurlan", "spoke with milena", "regards, tariq".
CUE_WORDS = frozenset(
    """customer cust cx caller client member subscriber holder cardholder tenant guest passenger patient mr mrs ms
    miss dr mx named name called spoke speak speaking talked with for from by regards thanks cheers dear hi
    hello hey contact son daughter husband wife partner mother father mum mom dad brother sister colleague
    behalf cc""".split()
)
# The same in the languages agents abroad write in: "hablé con javier morales", "müşteri burak aydın".
FOREIGN_CUE_WORDS = frozenset(
    """con avec met mit com sr sra srta señor señora senhor senhora don doña dona sig signor signora signorina
    cliente clienta kunde kundin kunden klant klient klientka klienta müşteri musteri sayın pan pani panem panią
    herr herrn frau mme madame monsieur mevrouw meneer dhr mw""".split()
)
# "XXXX", "xxx": a mask, not a word.
_MASK = regex.compile(r"(?i)^(\p{L})\1+$")


def case_view(text: str, everyday: frozenset[str], verbs: frozenset[str] = frozenset()) -> str:
    """Return ``text`` with possible names title-cased and all-capitals everyday words lower-cased.

    A known given name is title-cased anywhere; a word that is no English word only next to a cue ("customer
    nurlan", "zhiwei rang"), next to another possible name ("miroslav kuznetsova"), or in a value of a few words
    (an extra field); an English word never. The result has exactly the length of ``text`` (each character is
    mapped on its own), so the model's spans are spans of the original.

    Args:
        text: one normalised note or field value.
        everyday: lower-case words that are never names here (stop words, role words, product terms).
        verbs: lower-case words that say a person did something ("rang", "asked"): "zhiwei rang" is a name.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    kinds = [_kind(word, everyday) for _, _, word in words]
    short = len(words) <= 4 and not any(c.isdigit() for c in text)  # a field value, not "DOB: 21.09.1979 laut …"
    foreign = _foreign(words, everyday)
    out: list[str] | None = None
    chained = False  # in a foreign note: the word before was cased after a cue ("con javier morales díaz")
    run = 0
    for i, (start, end, word) in enumerate(words):
        kind = kinds[i]
        if foreign and kind in ("given", "unknown", "surname") and word.islower():
            # In a note in another language most words are "no English word": next to each other they say nothing
            # ("w kolorze granatowym", "livraison prévue"), and many are given names elsewhere ("deniz", "luz").
            same = i and _same_clause(text, words[i - 1][1], start)
            before = words[i - 1][2].lower() if same else ""
            named_short = short and "given" in kinds  # "w kolorze granatowym" is no name, "katarzyna dąbrowska" is
            # After a cue the first word must be a known given name: "Kundin fragt", "client veut" are verbs.
            cued = (before in CUE_WORDS or before in FOREIGN_CUE_WORDS) and kind == "given"
            if not (named_short or cued or (chained and same and run < 3)):
                chained = False
                continue
            run = 1 if cued else run + 1  # a name is one to three words: "con javier morales díaz, …"
            chained = True
            new = _title(word)
        elif kind == "english" and word.isupper():
            new = word.lower()
        elif kind == "given":
            new = _title(word)
        elif kind in ("unknown", "surname"):
            before = words[i - 1][2].lower() if i and _same_clause(text, words[i - 1][1], start) else ""
            neighbours = [kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
            after = words[i + 1][2].lower() if i + 1 < len(words) and _same_clause(text, end, words[i + 1][0]) else ""
            if kind == "surname":  # "wei lim", "YUKI KANG"; not "loan servicer"
                named = "given" in neighbours or (word.isupper() and "unknown" in neighbours)
            else:  # "FOLASADE BANDA": an unknown word beside a surname is a name too
                named = (
                    short
                    or before in CUE_WORDS
                    or after in verbs
                    or not {"given", "unknown", "surname"}.isdisjoint(neighbours)
                )
            if named:
                new = _title(word)
            else:
                continue
        else:
            chained = False
            continue
        chained = chained and foreign
        if new != word:
            if out is None:
                out = list(text)
            out[start:end] = list(new)
    return text if out is None else "".join(out)


FOREIGN_MIN_WORDS = 3  # words of three letters or more that are no English word…
FOREIGN_SHARE = 0.5  # …and their share of such words, at which a note is read as written in another language


def foreign_note(text: str, everyday: frozenset[str]) -> bool:
    """Whether ``text`` reads as written in another language than English (see :func:`case_view`)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    return _foreign(words, everyday)


def _foreign(words: list[tuple[int, int, str]], everyday: frozenset[str]) -> bool:
    """Whether most words of a note of more than four words are no English word ("Zamówienie nr … dotarło
    uszkodzone do Krakowa"); a field value of a few words is never read so ("nurlan abenova")."""
    if len(words) <= 4:
        return False
    lengthy = [word for _, _, word in words if len(word) >= 3 and not word.isupper()]
    foreign = sum(1 for word in lengthy if word.lower() not in everyday and not english_word(word))
    return foreign >= FOREIGN_MIN_WORDS and foreign >= FOREIGN_SHARE * len(lengthy)


def _same_clause(text: str, end: int, start: int) -> bool:
    return not regex.search(r"[.;!?()\n]", text[end:start])


def _kind(word: str, everyday: frozenset[str]) -> str:
    """ "cased" (written with its own capitals), "everyday", "acronym", "given", "surname", "unknown" or "english"."""
    lower = word.lower()
    if len(word) < 2 or (not word.islower() and not word.isupper()) or _MASK.match(word):
        return "cased"
    if lower in everyday:
        return "english"
    if word.isupper() and len(word) <= 3:
        return "acronym"  # SKU, VPN, MIA (an airport before it is a Mia); "YAW" and "LI" are lost
    if given_name(lower) and lower not in WORD_LIKE_NAMES and (word.isupper() or _maybe_name(lower)):
        return "given"
    if _maybe_name(lower):
        return "unknown"
    if surname(lower):
        return "surname"  # "YUKI KANG", "wei lim": a surname that is also a word, a name only beside a name
    return "english"


def _maybe_name(lower: str) -> bool:
    # An English word is title-cased only when Earshot's own list knows it as a name ("rose", not "mark" or
    # "will"): the census lists hold "young", "price" and "king", and a note full of capitals would fool the model.
    parts = [p for p in regex.split(r"[-'’]", lower) if p]
    if not all(english_word(p) for p in parts):
        # "customer seervice": a word one slip from an English word is a typo, unless the lists know it as a name
        return not (_slip_of_a_word(lower) and not given_name(lower) and not surname(lower))
    return lower in GIVEN_NAMES and lower not in WORD_LIKE_NAMES


def _slip_of_a_word(lower: str) -> bool:
    """Whether a word of five letters or more is a typing slip of an English word: a letter doubled
    ("seervice") or two neighbours swapped ("sevrice"). Any dropped letter would be too loose: "amara" and
    "mutua" are a letter away from words too, and are names."""
    if len(lower) < 5 or not lower.isalpha():
        return False
    undoubled = (lower[:i] + lower[i + 1 :] for i in range(1, len(lower)) if lower[i] == lower[i - 1])
    swapped = (lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :] for i in range(len(lower) - 1))
    return any(english_word(w) for w in (*undoubled, *swapped) if w != lower)


def _title(word: str) -> str:
    """Title-case ``word`` character by character (length kept: "ß".upper() would be two characters)."""
    chars, upper_next = [], True
    for ch in word:
        mapped = ch.upper() if upper_next else ch.lower()
        chars.append(mapped if len(mapped) == 1 else ch)
        upper_next = ch == "-"
    return "".join(chars)
