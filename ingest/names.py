"""Person names that no cue word announces: spaCy's English NER model, guarded against products and companies.

The packaged ``en_core_web_sm`` model (see :mod:`insight.nlp`) finds most names, but on call notes it also calls
products people ("Galaxy S24 Ultra", "Vodaline Max 5", "Pixel"), calls people organisations ("Siobhan O'Connor",
"Oluwaseun Adeyemi") and misses names at the start of a sentence ("Priya Raghunathan asked…"). So its entities are
only candidates, judged here with what the notes themselves say:

* **Products and companies survive.** A candidate with a digit, an all-capitals word, a known product or company
  word (the demo's brands, common brands, the ``redact_keep_terms`` setting), or a model word after it ("Max",
  "Pro", "5G") is not a name. Words Earshot knows are not names (``NOT_NAMES``: "Customer Service", "Windows").
* **People the model mislabels are still people.** A capitalised pair the model called an organisation or a place is
  a name when its first word is a known given name (:mod:`ingest.name_lexicon`) or a person-verb follows ("…
  asked", "… rang"); a capitalised pair at the start of a clause followed by such a verb is a name even when the
  model found nothing.
* **Lower-case names after a cue** ("customer jane doe called", "spoke with john smith"): a known given name right
  after a role or contact word, plus the surname after it when that is not an everyday word.

Texts go through ``nlp.pipe`` in batches. Nothing here logs or raises with the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import regex

from ingest.name_cues import HONORIFIC_BRANDS, NAME_PARTICLES, NOT_NAMES, PersonRecognizer
from ingest.name_lexicon import COMMON_WORDS, GIVEN_NAMES, WORD_LIKE_NAMES
from ingest.name_view import case_view, english_word, foreign_note, given_name, name_like, warm_up
from ingest.name_words import MODEL_WORDS, ORGANISATION_WORDS, PERSON_VERBS, PLACE_WORDS, PRODUCT_TERMS, ROLE_WORDS
from ingest.recognizers import REGEX_TIMEOUT_S

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

__all__ = ["PRODUCT_TERMS", "NameFinder"]

# Words that address a person: after them a lone word no dictionary holds is a name ("asked Amara to …").
_ADDRESSED = frozenset("asked told thanked thanks thank dear hi hello cc emailed texted".split())
_ANGLE = regex.compile(r"[<>]")
# A journey's ends: "from A to B", "arrive at B", "flights to B", "depart from A".
_ROUTE_BEFORE = regex.compile(
    r"(?i:\bfrom[ ]+\S+(?:[ ]+\S+)?[ ]+to|\b(?:arriv\w*|depart\w*|land\w*|fl(?:y|ies|ying|ights?)|trains?|travel\w*"
    r"|via|station)[ ]+(?:at|from|to|in|into)?)[ ]*$"
)
_ROUTE_AFTER = regex.compile(r"[ ]+to[ ]+\p{Lu}|[ ]+(?:station|airport|terminal)\b")
_ADDRESSED_WORD = regex.compile(
    r"(?:(?<![\w])(?i:asked|told|thanked|thanks|thank|dear|hi|hello|cc|emailed|texted)[ ]*,?[ ]+|(?:^|[.;!?\n][ ]*))"
    r"(?P<name>\p{Lu}\p{Ll}{2,})(?![\w'’-])"
)
# Words right before a lone name: "asked Priya to", "thanks Priya", "with Priya".
_BEFORE_LONE_NAME = frozenset(
    "with to for from by and asked told thanked thanks thank cc per called named emailed texted dear hi hello".split()
)

_CAPITALISED = r"(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+|['’](?!s\b)\p{Lu}?\p{Ll}+)?"
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES)) + r")(?:[ ]|-)"
# Two or three capitalised words (particles allowed between them) just before a person-verb.
_PAIR_BEFORE_VERB = regex.compile(
    rf"(?<![\w'’-])(?P<name>{_CAPITALISED}(?:[ ](?:{_PARTICLE})?{_CAPITALISED}){{0,2}})"
    r"(?=[ ]+(?P<verb>\p{Ll}+)\b)"
)
# A known given name and one or two capitalised words after it, anywhere: "Care for Jane Doe".
_GIVEN_AND_SURNAME = regex.compile(
    rf"(?<![\w'’-])(?P<first>{_CAPITALISED})(?:[ ](?:{_PARTICLE})?{_CAPITALISED}){{1,2}}(?![\w-]|['’](?!s\b))"
)
# Exactly two capitalised words after "from", "for", "by", "with": "Complaint from Chiamaka Okonkwo about …".
_PAIR_AFTER_PREPOSITION = regex.compile(
    rf"(?<![\w])(?i:from|for|by|with|to)[ ]+(?P<name>{_CAPITALISED}[ ]{_CAPITALISED})(?![\w-]|['’](?!s\b)|[ ]\p{{Lu}})"
)
_TOKEN = regex.compile(r"\S+")
_NAME_LABEL = regex.compile(r"(?i:(?:full[ ]+|first[ ]+|last[ ]+)?name(?:[ ]+is|[ ]*[:=])|named|goes[ ]+by)$")
_CUE_BEFORE = regex.compile(
    r"(?i:customer|cust|cx|caller|client|holder|tenant|member|contact|owner|mr|mrs|ms|mx|dr|spoke[ ]+(?:to|with)"
    r"|with|for|from|by|named|called|behalf[ ]+of|husband|wife|son|daughter|partner|colleague|she[ ]+is|he[ ]+is"
    r"|asked|cc|per)\.?[ ]*:?[ ]+$"
)


def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - NAME_PARTICLES - WORD_LIKE_NAMES


# English function words in lower case ("in", "to", "see"): a name written as a value holds none but its particles
# and the function words that are given names too ("will hope", "may lin").
_FUNCTION_WORDS = _function_words()


def _request_word(word: str) -> bool:
    """A content word as written, in lower case, an English word and no given name ("dial", "spell", "friend")."""
    if not word.islower() or word in NAME_PARTICLES or word in _FUNCTION_WORDS:
        return False  # "de Valencia", "van Dijk": a particle is the name's, and a function word no request
    return english_word(word) and not given_name(word)


def _dictionary_words(tokens: Sequence[tuple[int, int, str]]) -> bool:
    """Two or more capitalised dictionary words and no given name among them: "Boot Camp", "Manchester
    Piccadilly" name things, not people (a lone "Smith said" is left to the other rules)."""
    words = [t[2] for t in tokens if t[2].lower() not in NAME_PARTICLES]
    return len(words) >= 2 and all(english_word(w) and w.lower() not in GIVEN_NAMES for w in words)


def _on_route(text: str, start: int, end: int) -> bool:
    """Places on a journey, not people: "from London Euston to Manchester Piccadilly", "arrive at Exeter"."""
    return bool(_ROUTE_BEFORE.search(text, max(0, start - 60), start) or _ROUTE_AFTER.match(text, end))


def _cue_before(text: str, start: int) -> bool:
    return bool(_CUE_BEFORE.search(text[max(0, start - 25) : start]))


_WORDS = regex.compile(r"\p{L}[\p{L}'’-]*")
_SIGN_OFF = regex.compile(r"(?i:thanks|thank[ ]+you|regards|cheers|best|sincerely|dear|hi|hello)[ ]*,?[ ]*\n?[ ]*$")
# Verbs only a person does: a word-like given name before one of them is a person ("Bill rang", "Hope said").
_SPEAKING_VERBS = frozenset(
    "said says asked asks called calls rang rings phoned phones emailed texted wrote complained explained mentioned "
    "told messaged replied".split()
)
_BEFORE_PLACEHOLDER = regex.compile(r"(?<![\w'’-])(?P<word>\p{Lu}[\p{L}'’-]+)[ ]+(?=<PERSON>)")
_AFTER_PLACEHOLDER = regex.compile(r"(?<=<PERSON>[ ]+)(?P<word>\p{Lu}\p{Ll}+)(?=[ ]*(?:[,.;:!?)\n]|$))")
# "Herrn <PERSON>, Ferdinand" (surname, given name) and "name=<PERSON>+Fernandez" (a link's query string).
_JOINED_TO_PLACEHOLDER = regex.compile(
    r"(?<=<PERSON>,[ ])(?P<given>\p{Lu}\p{Ll}+)(?![\p{L}])|(?<=<PERSON>[+_])(?P<word>\p{L}+)(?![\p{L}])"
)
# Words joined by "_", "-" or "+" in a file name, a link or a handle: "DNI_Alejandro_Navarro_anverso.jpg",
# "calendly.com/tomasz-kaczmarek-serwis", "xing.com/profile/Wolfgang_Petersen3".
_JOINED = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[_+\-][\p{L}\p{N}]+)+")
_JOIN_PART = regex.compile(r"\p{L}+")
_DASH_SIGN_OFF = regex.compile(r"(?:^|\n)[ ]*(?:--|—|–)[ ]*(?P<name>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?)[ ]*$")
_AFTER_RELATION = regex.compile(
    r"(?<![\w])(?i:partner|wife|husband|son|daughter|mum|mom|mother|dad|father|brother|sister|girlfriend|boyfriend"
    r"|fiancée?|grandson|granddaughter|carer)[ ]+(?P<name>\p{Lu}\p{Ll}+)(?![\w'’-])"
)
# A person cue and then a name written in another script. Cyrillic and Greek write names with a capital, so after a
# cue in any language the capitalised words are the name ("Клиент Иван Петров", not "Клиент хочет тариф"); scripts
# without case (Arabic, Hebrew, Devanagari, Thai, Hangul, Han) can only be told after an English cue, where the
# rest of the note is English: "customer محمد الحسن", "customer 김민준", "customer 田中太郎".
_ENGLISH_CUE = r"(?i:customer|cust|caller|client|spoke[ ]+(?:to|with)|mr|mrs|ms)"
_CASED_CUE = r"(?i:клиент|клиентка|клиента|позвонил[аи]?|звонил[аи]?|πελάτης|πελάτισσα|πελάτη)"
_CASED_WORD = r"[\p{Cyrillic}\p{Greek}]*\p{Lu}[\p{Cyrillic}\p{Greek}]*"
_UNCASED_WORD = r"[\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Thai}\p{Hangul}]+"
_OTHER_SCRIPT_NAME = regex.compile(
    rf"(?<![\w])(?:{_ENGLISH_CUE}|{_CASED_CUE})[ ]+(?P<name>{_CASED_WORD}(?:[ ]{_CASED_WORD})?)(?![\w])"
    rf"|(?<![\w]){_ENGLISH_CUE}[ ]+(?P<name>{_UNCASED_WORD}(?:[ ]{_UNCASED_WORD})?|\p{{Han}}{{2,4}})(?![\w])"
)
# …and after a person word in the note's own script: "العميل محمد العتيبي", "הלקוח יוסי כהן", "ग्राहक राहुल शर्मा",
# "مشتری علیرضا حسینی", "고객 이서연", "客户王小明", "คุณสมชาย ใจดี" (Thai writes no space after its honorific).
_OWN_SCRIPT_NAME = regex.compile(
    r"(?<![\w])(?:العميلة|العميل|عميل|السيدة|السيد|الأستاذة|الأستاذ|الاستاذ|مشتری|آقای|خانم)[ ]+"
    r"(?P<name>\p{Arabic}+(?:[ ]\p{Arabic}+)?)"
    r"|(?<![\w])(?:הלקוחה|הלקוח|לקוחה|לקוח|מר|גברת|גב['׳])[ ]+(?P<name>\p{Hebrew}+(?:[ ]\p{Hebrew}+)?)"
    r"|(?<![\w])(?:ग्राहक|श्रीमती|श्री|सुश्री)[ ]+(?P<name>\p{Devanagari}+(?:[ ]\p{Devanagari}+)?)"
    r"|(?<![\w])고객[ ]+(?P<name>\p{Hangul}{2,4})"
    r"|(?:客户|顾客|客戶|顧客|用户)[ ]?(?P<name>\p{Han}{2,4}?)"
    r"(?=先生|女士|小姐|太太|[，,。 ]|来电|來電|反映|表示|投诉|$)"
    r"|(?<![\p{Thai}])(?:คุณ|ลูกค้า|นางสาว|นาย|นาง)[ ]?(?P<name>\p{Thai}+(?:[ ]\p{Thai}+)?)"
)
# Korean and Chinese names before their honorific: "김민준 고객님", "이서연 님", "王小明先生".
_HONORIFIC_AFTER = regex.compile(
    r"(?<![\p{Hangul}])(?P<name>(?!고객)\p{Hangul}{2,4})[ ]?(?=고객님|님|씨)"
    r"|(?P<name>\p{Han}{2,3})(?=先生|女士|小姐|太太)"
)
# Japanese names before their honorific: "佐藤花子さん", "田中様".
_HONORIFIC_NAME = regex.compile(r"(?P<name>\p{Han}{2,4})(?=さん|様|さま|氏)")
# Latin-script names after a person word in another European language: "Kundin Sabine Schröder", "Müşteri Ayşe
# Kaya", "Khách hàng Trần Văn Nam".
_LOCAL_CUE_NAME = regex.compile(
    r"(?<![\w])(?i:kunde|kundin|cliente|klant|klient|asiakas|müşteri|khách[ ]hàng|pelanggan|kupac|zákazník)[ ]+"
    r"(?P<name>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2})"
)


NOT_NAMES_LOWER = frozenset(word.lower() for word in NOT_NAMES)


def _name_part(word: str) -> bool:
    return not english_word(word) and word.lower() not in NOT_NAMES_LOWER and not word.isupper()


def _joined_pair(first: str, second: str) -> bool:
    """Whether two joined words are a name: neither an English word, and a known given name among them or both
    capitalised ("Heike_Vogel", "selin_ozdemir"; not "recto_verso", "check-in")."""
    if not (_name_part(first) and _name_part(second)):
        return False
    return given_name(first) or given_name(second) or (first[:1].isupper() and second[:1].isupper())


def _other_scripts(text: str) -> Iterator[tuple[int, int]]:
    """Names the English model cannot read: in another script after a person cue, before a Japanese honorific, or
    after a person word of another language."""
    if text.isascii():
        return
    for pattern in (_OTHER_SCRIPT_NAME, _OWN_SCRIPT_NAME, _HONORIFIC_AFTER, _HONORIFIC_NAME, _LOCAL_CUE_NAME):
        for match in pattern.finditer(text, timeout=REGEX_TIMEOUT_S):
            yield match.span("name")


_WEAK_CUES = frozenset(
    "for with from and to by named rang phoned emailed texted called cc per including plus or husband wife son "
    "daughter mother father partner mum mom dad brother sister".split()
)
_STRONG_LOWER_CUE = regex.compile(
    r"(?<![\w])(?i:customer|cust|cx|caller|client|member|subscriber|account[ ]holder|cardholder|tenant|guest|passenger"
    r"|patient|mr|mrs|ms|miss|dr|spoke[ ]+(?:to|with)|speaking[ ]+(?:to|with)|talked[ ]+(?:to|with)|chatted[ ]+with"
    r"|name[ ]+is|named|on[ ]+behalf[ ]+of)\.?$"
)


def _everyday_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | PERSON_VERBS | COMMON_WORDS | {w.lower() for w in NOT_NAMES} | PRODUCT_TERMS | {
        "about", "re", "regarding", "again", "today", "yesterday", "back", "twice", "earlier", "later", "asking",
        "calling", "saying", "wanting", "needing", "complaining", "who", "re:", "and", "but", "because",
        "upset", "angry", "happy", "unhappy", "satisfied", "confused", "rude", "polite", "elderly", "new",
        "existing", "still", "already", "now", "then", "very", "really", "also", "said", "reports", "waiting",
    }  # fmt: skip


class NameFinder:
    """Finds person names in batches of texts with the packaged spaCy NER model and the guards above."""

    def __init__(self, nlp: Language | None = None, keep_terms: Iterable[str] = ()) -> None:
        """Load the model (once per process; see :func:`insight.nlp.english_pipeline`).

        Args:
            nlp: a spaCy pipeline with an ``ner`` component (default: the packaged English one, NER only).
            keep_terms: product or company names that must never be taken for a person (any case).
        """
        if nlp is None:
            from insight.nlp import english_pipeline

            nlp = english_pipeline(("ner",))
        self._nlp = nlp
        # "Dr. Martens", "Mr. Clean": brands written with an honorific are products, not people.
        brands = {w.lower() for w in HONORIFIC_BRANDS}
        self._keep = PRODUCT_TERMS | brands | {w.lower() for term in keep_terms for w in term.split()}
        self._everyday = _everyday_words()
        self._cued = PersonRecognizer()
        warm_up()

    def find_many(self, texts: Sequence[str], batch_size: int = 64) -> list[list[tuple[int, int]]]:
        """Return, for each text, the ``(start, end)`` spans of person names."""
        out: list[list[tuple[int, int]]] = []
        # The model reads a case-restored view ("customer samira mansour" -> "customer Samira Mansour", same
        # length); it only ever finds capitalised names, so views without a capital skip it.
        views = [case_view(str(text), self._everyday, PERSON_VERBS) for text in texts]
        modelled = [i for i, view in enumerate(views) if view.lower() != view]
        parsed = self._nlp.pipe([views[i] for i in modelled], batch_size=batch_size)
        docs = dict(zip(modelled, parsed, strict=True))
        for index, text in enumerate(texts):
            doc, view = docs.get(index), views[index]
            spans = (
                [span for ent in doc.ents if (span := self._from_entity(view, ent, text))] if doc is not None else []
            )
            spans += self._before_verbs(text)
            spans += self._lower_after_cue(text)
            if view != text:
                # The cue and verb rules ("customer …", "regards, …", "… asked") read capitals too: give them the view.
                recased = [*self._cued.spans(view), *self._before_verbs(view)]
                spans += [span for span in recased if view[span[0] : span[1]] != text[span[0] : span[1]]]
            spans += self._field_value(text, view)
            spans += self._beside_placeholder(text)
            spans += self._signed_off(text)
            spans += self._after_relation(text)
            spans += _other_scripts(text)
            spans += self._joined_names(text)
            spans += self._addressed_words(view)
            # A final initial's full stop may end the sentence: leave it outside the placeholder ("John S.").
            # A name never holds "<" or ">": a span reaching into a placeholder would break it ("<<PERSON>").
            spans = [(start, end) for start, end in spans if not _ANGLE.search(text, start, end)]
            out.append([(start, end - 1 if text[end - 1] == "." else end) for start, end in spans])
        return out

    @staticmethod
    def _field_value(text: str, view: str) -> list[tuple[int, int]]:
        """A value of one to three words that is only a name, as an extra field holds it ("Crystal Minh",
        "bhattacharya, nirmala"): a known given name and words that may be names, nothing else."""
        words = list(_WORDS.finditer(view))
        if not 1 <= len(words) <= 3 or regex.search(r"[^\p{L}'’,. -]", view.strip()):
            return []
        if len(words) == 1 and (english_word(words[0].group()) or words[0].group().lower() in WORD_LIKE_NAMES):
            return []  # one word alone is a name only when it is a given name and no English word ("Lucía")
        if not any(given_name(m.group()) for m in words) or not all(name_like(m.group()) for m in words):
            return []
        if any(m.group().lower() in PRODUCT_TERMS or m.group().title() in NOT_NAMES for m in words):
            return []
        if any(m.group() in _FUNCTION_WORDS for m in words):
            return []  # "sunny in oslo", "tune to pandora", "see ya": a short note, not a value that is a name
        # "dial sarah", "spell aaron": a short note's request word before a given name is no part of the name.
        while len(words) >= 2 and _request_word(text[words[0].start() : words[0].end()]):
            if not given_name(words[1].group()):
                break
            words.pop(0)
        return [(words[0].start(), words[-1].end())]

    # -- model entities ---------------------------------------------------------------------------------------
    def _from_entity(self, text: str, ent: object, original: str) -> tuple[int, int] | None:
        """Judge one model entity; ``text`` is the case-restored view the model read, ``original`` the note."""
        label = ent.label_  # type: ignore[attr-defined]
        if label not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"):
            return None
        tokens = [(m.start() + ent.start_char, m.end() + ent.start_char, m.group()) for m in _TOKEN.finditer(ent.text)]
        if tokens and tokens[-1][2].endswith(("'s", "’s")):  # "Jane Doe's": the name, not the possessive
            last = tokens[-1]
            tokens[-1] = (last[0], last[1] - 2, last[2][:-2])  # type: ignore[attr-defined]
        # The model often takes the cue in ("Customer Jane Doe", "customer jane"): trim role and cue words at the
        # front. Any other word that cannot be part of a name (a product, a digit) rejects the whole entity, so
        # "Galaxy S24 Ultra" does not lose its "Ultra".
        while tokens and (tokens[0][2].title() in NOT_NAMES or tokens[0][2].lower() in self._everyday | ROLE_WORDS):
            tokens.pop(0)
        while tokens and tokens[-1][2].lower() in NAME_PARTICLES:
            tokens.pop()
        # A word the view title-cased in front of a given name is the request, not the name: "dial sarah",
        # "spell aaron" — the model reads "Dial Sarah" as one person, which would leave no word of the note.
        request = False
        while len(tokens) >= 2 and _request_word(original[tokens[0][0] : tokens[0][1]]) and given_name(tokens[1][2]):
            tokens.pop(0)
            request = True  # the model read the request and the name as one person: the name is its own evidence
        if not tokens or not all(self._name_word(t[2]) or t[2].lower() in NAME_PARTICLES for t in tokens):
            return None
        if not all(t[2][:1].isupper() or t[2].lower() in NAME_PARTICLES or "-" in t[2] for t in tokens):
            return None  # lower-case words are names only after a cue (see _lower_after_cue)
        start, end = tokens[0][0], tokens[-1][1]
        if self._product_follows(text, end):
            return None
        if original[start:end] != text[start:end] and not self._recased_person(text, tokens, label):
            return None
        lone = len(tokens) == 1 and not request
        if lone and not self._lone_name(text, tokens[0], original[start:end] != text[start:end]):
            return None  # the model calls lone capitalised words people too often ("Meter", "Mbps", "Currys")
        if self._product_precedes(text, start) or any(t[2].lower() in PLACE_WORDS | ORGANISATION_WORDS for t in tokens):
            return None  # "Victoria Station", "OneMain Financial"
        if _on_route(text, start, end) or _dictionary_words(tokens):
            return None
        if len(tokens) == 2 and self._noun_follows(text, end) and not _cue_before(text, start):
            return None
        if label != "PERSON":
            # An organisation or place is a person only with more evidence: a given name first, or a person-verb.
            first = tokens[0][2].lower()
            foreign = len(tokens) >= 2 and not any(english_word(t[2]) for t in tokens)
            if not (
                (len(tokens) >= 2 and first in GIVEN_NAMES)
                or self._verb_follows(text, end)
                or (foreign and _cue_before(text, start))  # "Policy holder: Thabo Achebe", "for Aarav Jayawardena"
                or (len(tokens) == 1 and self._addressed(text, tokens[0]))
            ):
                return None
        return start, end

    def _recased_person(self, text: str, tokens: list[tuple[int, int, str]], label: str) -> bool:
        """A name the view title-cased needs evidence besides the model's word ("eustonn bham" became "Eustonn
        Bham", not a person): every word a given name or no English word, and a given name on the lists, a cue
        before it, a person-verb after it, a sign-off before it, a short value (an extra field), or two or more
        words the model calls a person."""
        if label not in ("PERSON", "ORG") or not all(name_like(t[2]) for t in tokens):
            return False
        start, end = tokens[0][0], tokens[-1][1]
        short = len(_WORDS.findall(text)) <= 4 and not any(c.isdigit() for c in text)
        if any(given_name(t[2]) for t in tokens):
            return True  # a known given name
        # In a note in another language every word is "no English word": two of them side by side ("keer
        # afgeschreven", "dotarło uszkodzone") say nothing, nor does a short value ("w kolorze granatowym").
        if not foreign_note(text, self._everyday):
            if short:
                return True  # a value of a few words (an extra field: "contact: nurlan abenova")
            if label == "PERSON" and len(tokens) >= 2:
                return True
        return _cue_before(text, start) or self._verb_follows(text, end) or bool(_SIGN_OFF.search(text, 0, start))

    def _lone_name(self, text: str, token: tuple[int, int, str], recased: bool = False) -> bool:
        """One capitalised word is a name before a person-verb ("Jordan said"), or when it is a known given name
        after a cue-ish word or at the end of a phrase ("thanks Priya.", "with Priya,"), not before a noun
        ("Austin data centre", "Mark as resolved")."""
        start, end, word = token
        if self._verb_follows(text, end):
            return True
        # Earshot's own list; a word the view title-cased may also be a census given name ("cheers hamza").
        known = word.lower() in GIVEN_NAMES or (recased and given_name(word))
        before = regex.findall(r"[\w']+", text[max(0, start - 20) : start].lower())
        if self._addressed(text, token):
            return True
        if not known or word.lower() in WORD_LIKE_NAMES:
            return False
        after = text[end : end + 2]
        return bool(before and before[-1] in _BEFORE_LONE_NAME) or not after.strip() or after[:1] in ",.;:!?)"

    def _addressed_words(self, text: str) -> list[tuple[int, int]]:
        """Lone words the model left out that are spoken to ("asked Venkatesh to") or that open a clause before
        "from the" ("Sipho from the Leeds store called"), and that no dictionary holds."""
        if text.lower() == text:
            return []
        return [
            match.span("name")
            for match in _ADDRESSED_WORD.finditer(text, timeout=REGEX_TIMEOUT_S)
            if self._addressed(text, (*match.span("name"), match.group("name")))
        ]

    def _addressed(self, text: str, token: tuple[int, int, str]) -> bool:
        """A lone word no dictionary holds, spoken to or sent by a person: "asked Amara to", "thanks Sipho",
        "Deepika from the Leeds store"."""
        start, end, word = token
        if english_word(word) or word.lower() in self._keep or word.title() in NOT_NAMES:
            return False
        before = regex.findall(r"[\w']+", text[max(0, start - 20) : start].lower())
        return bool(before and before[-1] in _ADDRESSED) or bool(regex.match(r"[ ]+from[ ]+the[ ]", text[end:]))

    def _noun_follows(self, text: str, end: int) -> bool:
        """A lower-case content word right after a capitalised pair makes it a modifier, as brands and rooms are:
        "Harvey Norman price match", "Jack Daniels gift set", "Grace Hopper room"."""
        if text[end : end + 2] in ("'s", "’s"):
            return False  # a possessive is a person's: "Jane Doe's laptop"
        following = regex.match(r"[ ]+(\p{Ll}+)\b", text[end : end + 30])
        if not following:
            return False
        word = following.group(1)
        return not (word in self._everyday or word.endswith(("ed", "es")) or word in _BEFORE_LONE_NAME)

    def _product_precedes(self, text: str, start: int) -> bool:
        previous = regex.search(r"([\w-]+)[ ]+$", text[max(0, start - 30) : start])
        return bool(previous) and previous.group(1).lower() in self._keep

    def _name_word(self, word: str) -> bool:
        bare = word.strip(".,;:!?()\"'’")
        if not bare or any(c.isdigit() for c in bare) or not any(c.isalpha() for c in bare):
            return False
        if len(bare) >= 2 and bare.isupper():
            return False  # an acronym: SIM, ETA, BT
        parts = regex.split(r"[-'’]", bare.lower())
        if any(part in self._keep for part in parts) or bare.lower() in self._keep:
            return False
        return (
            bare not in NOT_NAMES
            and bare.title() not in NOT_NAMES
            and bare.lower() not in ROLE_WORDS
            and bare.lower() not in MODEL_WORDS
        )

    def _product_follows(self, text: str, end: int) -> bool:
        following = regex.match(r"[ ]+([\w-]+)", text[end : end + 30])
        if not following:
            return False
        word = following.group(1)
        return word.lower() in MODEL_WORDS or any(c.isdigit() for c in word)

    @staticmethod
    def _verb_follows(text: str, end: int) -> bool:
        following = regex.match(r"[ ]+(\p{Ll}+)", text[end : end + 30])
        return bool(following) and following.group(1) in PERSON_VERBS

    # -- capitalised pairs the model missed -------------------------------------------------------------------
    def _before_verbs(self, text: str) -> Iterator[tuple[int, int]]:
        if text.lower() == text:
            return
        for match in _PAIR_BEFORE_VERB.finditer(text, timeout=REGEX_TIMEOUT_S):
            if match.group("verb") not in PERSON_VERBS:
                continue
            words = match.group("name").split(" ")
            if len(words) == 1 and not self._lone_speaker(text, match):
                continue  # one capitalised word before "said" is a name only if it is a given name
            if all(self._name_word(w) or w.lower() in NAME_PARTICLES for w in words) and not any(
                w.lower() in ORGANISATION_WORDS for w in words
            ):
                yield match.span("name")
        for match in _GIVEN_AND_SURNAME.finditer(text, timeout=REGEX_TIMEOUT_S):
            first = match.group("first").lower()
            if first not in GIVEN_NAMES or first in WORD_LIKE_NAMES or self._product_follows(text, match.end()):
                continue
            if self._noun_follows(text, match.end()):
                continue
            words = match.group().split(" ")
            if (
                all(self._name_word(w) or w.lower() in NAME_PARTICLES for w in words)
                and not any(w.lower() in ORGANISATION_WORDS | PLACE_WORDS for w in words)
                and not self._product_precedes(text, match.start())
            ):
                yield match.span()
        for match in _PAIR_AFTER_PREPOSITION.finditer(text, timeout=REGEX_TIMEOUT_S):
            words = match.group("name").split(" ")
            if (
                all(self._name_word(w) for w in words)
                and not any(w.lower() in ORGANISATION_WORDS | PLACE_WORDS for w in words)
                and not self._product_follows(text, match.end("name"))
                and not _on_route(text, *match.span("name"))
                and not _dictionary_words([(0, 0, w) for w in words])
            ):
                yield match.span("name")

    @staticmethod
    def _lone_speaker(text: str, match: regex.Match[str]) -> bool:
        """One capitalised word before a person-verb: a given name; a name that is also a word ("Bill", "Hope",
        "Will") only when it opens a clause and speaks or calls ("Bill rang twice", "Will called back") — a bill
        or a hope never rings — not before "needs", "shows", "was"."""
        word = match.group("name").lower()
        if word not in GIVEN_NAMES | WORD_LIKE_NAMES:
            return False
        if word not in WORD_LIKE_NAMES:
            return True
        opens_clause = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1] in ".;:!?\n"
        return opens_clause and match.group("verb") in _SPEAKING_VERBS

    def _beside_placeholder(self, text: str) -> Iterator[tuple[int, int]]:
        """The rest of a name a placeholder took part of: a given name written just before it ("Customer HOPE
        <PERSON> called") and a capitalised word just after it that ends the phrase ("spoke with <PERSON> Lane,")."""
        if "<PERSON>" not in text:
            return
        for match in _BEFORE_PLACEHOLDER.finditer(text, timeout=REGEX_TIMEOUT_S):
            word = match.group("word").lower()
            if word in GIVEN_NAMES | WORD_LIKE_NAMES and word.title() not in NOT_NAMES:
                yield match.span("word")
        for match in _AFTER_PLACEHOLDER.finditer(text, timeout=REGEX_TIMEOUT_S):
            word = match.group("word").lower()
            # a street after a name ("<PERSON> Lane") goes too: it was part of the name or of an address
            if word not in ORGANISATION_WORDS | ROLE_WORDS | MODEL_WORDS | self._keep:
                yield match.span("word")
        for match in _JOINED_TO_PLACEHOLDER.finditer(text, timeout=REGEX_TIMEOUT_S):
            if match.group("given") is not None:
                if given_name(match.group("given")) and match.group("given") not in NOT_NAMES:
                    yield match.span("given")
            elif not english_word(match.group("word")):
                yield match.span("word")

    @staticmethod
    def _joined_names(text: str) -> Iterator[tuple[int, int]]:
        """A name written into a file name, a link or a handle, its words joined by "_", "-" or "+": two
        neighbouring parts that are no English words, one of them a known given name or both capitalised
        ("Alejandro_Navarro", "tomasz-kaczmarek", "Lewandowski_Grzegorz"), with a third that may follow."""
        if not any(c in text for c in "_-+"):
            return
        for token in _JOINED.finditer(text, timeout=REGEX_TIMEOUT_S):
            parts = [m for m in _JOIN_PART.finditer(token.group()) if len(m.group()) >= 2]
            before, after = text[token.start() - 1 : token.start()], text[token.end() : token.end() + 2]
            linked = before in ("/", "=") or regex.match(r"\.\p{L}", after) is not None
            if len(parts) < 3 and not linked:
                continue  # two joined words alone are a brand or a tag ("calvin_klein boots"), not a file or a link
            i = 0
            while i < len(parts) - 1:
                first, second = parts[i].group(), parts[i + 1].group()
                joint = token.group()[parts[i].end() : parts[i + 1].start()]
                # Two words and a hyphen are a brand or a double-barrelled word ("Mercedes-Benz", "Coca-Cola");
                # a slug of three or more is a file name or a link ("tomasz-kaczmarek-serwis").
                adjacent = joint in ("_", "+") or (joint == "-" and len(parts) >= 3)
                if adjacent and _joined_pair(first, second):
                    end = i + 1
                    third = parts[end + 1].group() if end + 1 < len(parts) else ""
                    if third and _name_part(third) and third[:1].isupper():
                        end += 1
                    yield token.start() + parts[i].start(), token.start() + parts[end].end()
                    i = end + 1
                else:
                    i += 1

    @staticmethod
    def _after_relation(text: str) -> Iterator[tuple[int, int]]:
        """A given name right after a family word — "his partner Rose", "her son Will" — even one that is a word."""
        for match in _AFTER_RELATION.finditer(text, timeout=REGEX_TIMEOUT_S):
            if match.group("name").lower() in GIVEN_NAMES | WORD_LIKE_NAMES:
                yield match.span("name")

    @staticmethod
    def _signed_off(text: str) -> Iterator[tuple[int, int]]:
        """A name that signs a note off on a line of its own after a dash ("-- Frank"), given name first."""
        match = _DASH_SIGN_OFF.search(text, timeout=REGEX_TIMEOUT_S)
        if match and match.group("name").split(" ")[0].lower() in GIVEN_NAMES | WORD_LIKE_NAMES:
            yield match.span("name")

    # -- lower-case names after a cue -------------------------------------------------------------------------
    def _lower_after_cue(self, text: str) -> Iterator[tuple[int, int]]:
        """Lower-case names: a known given name, then up to two surname-like words.

        After a strong cue ("customer", "spoke with", "name is") the given name alone is enough; after a weak one
        ("for", "from", "and") or before a person-verb ("john smith booked") a surname must follow. After an
        explicit name label ("name: aleksander wojcik") the words are taken whether the list knows them or not.
        """
        lowered = text.lower()
        labelled = "name" in lowered or "goes by" in lowered
        if not labelled and GIVEN_NAMES.isdisjoint(regex.split(r"[^\p{Ll}]+", lowered)):
            return  # no given name at all: the common case, decided at C speed
        tokens = [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(text, timeout=REGEX_TIMEOUT_S)]
        for i, (start, _, word) in enumerate(tokens):
            if word[:1].isupper():
                continue  # capitalised names are the model's and the capitalised rules' job
            first = word.lower()
            before = text[max(0, start - 40) : start].rstrip()
            parts = self._surname_parts(text, tokens, i)
            if first not in GIVEN_NAMES:
                label = _NAME_LABEL.search(before) if labelled else None
                # "name: wojcik" is enough; "name is misspelled" is not: after "is" two name-like words are needed.
                enough = label is not None and (label.group().endswith((":", "=")) or len(parts) > 1)
                if enough and self._surname_like(first) and not first.endswith(("ed", "ing", "ly")):
                    yield start, parts[-1][1]
                continue
            word_like = first in WORD_LIKE_NAMES or first in self._everyday  # "will", "may", "li", "mark"
            strong = bool(_STRONG_LOWER_CUE.search(before))
            weak = i > 0 and tokens[i - 1][2].lower() in _WEAK_CUES and not text[tokens[i - 1][1] : start].strip()
            after = len(parts) + i
            follows = after < len(tokens) and tokens[after][2].lower() in PERSON_VERBS
            if word_like and not (strong and len(parts) > 1):
                continue  # "customer will call", "spoke with mark"; but "customer li wei"
            if strong or (len(parts) > 1 and (weak or follows)):
                yield start, parts[-1][1]

    def _surname_parts(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> list[tuple[int, int]]:
        """The word at ``i`` and up to two lower-case surname-like words right after it."""
        parts = [tokens[i][:2]]
        for j in (i + 1, i + 2):
            adjacent = j < len(tokens) and text[parts[-1][1] : tokens[j][0]] == " "
            if not (adjacent and tokens[j][2].islower() and self._surname_like(tokens[j][2])):
                break
            parts.append(tokens[j][:2])
        return parts

    def _surname_like(self, word: str) -> bool:
        bare = word.replace("-", "").replace("'", "").replace("’", "")
        return word not in self._everyday and word not in self._keep and len(word) >= 2 and bare.isalpha()
