"""Candidate names from the notes themselves: short noun and verb phrases found by part-of-speech patterns.

A note like "Cust wants to move to eSIM on their new iPhone, we can't offer it yet." yields "move to eSIM",
"eSIM", "new iPhone", "offer"… — never "wants to", "cust", "it yet" or "20 min". The rules, on spaCy's
tags (the packaged English pipeline, see :mod:`insight.nlp`):

* determiners, possessive and personal pronouns and auxiliaries are skipped ("change my PIN" → "change
  PIN", "card has not arrived" → "card not arrived"); negation is kept;
* punctuation, conjunctions, question words, numbers, most adverbs, infinitive "to" and agent-note filler
  ("customer", "wants", "asked", "please") end a phrase;
* a word written with an inner hyphen is one word ("add-on", "top-up", "wi-fi": the tokenizer splits it, so
  "pause streaming add-on" would otherwise end on "add");
* a copula before what it describes is kept ("the chat was the quickest support" → "chat was quickest
  support", not "chat quickest support", which glues a subject to its praise);
* a phrase is 1–6 words; it starts with a noun, adjective or verb and ends with a noun — or with a verb
  whose subject it holds ("transfer failed", said so even when the note's auxiliary left it bare: "my card
  does not work" → "card not working", :mod:`insight.topics.inflect`), or a verb's particle ("top up"); a
  preposition sits only between two words ("pause plan while abroad" is two phrases, "move to eSIM" one)
  and, when the note is parsed, only where it belongs to a word of the phrase ("people about local faults"
  is cut from "told people about local faults": "about" belongs to "told"). A lone verb or adjective is
  never a phrase: that is what "dangling" names like "engineer went" were made of;
* a past-form verb takes no "of" ("delayed of flight" is a noun written as a participle); verbs that only
  say trouble was met ("is facing an internet outage issue") name nothing, nor does a "complaint" followed
  by what it is about ("complaints of losing seats"; "called about an old complaint" keeps it);
* with a parse, what the customer *cannot* do is said so ("is unable to use the app" → "can't use app"):
  without it the phrase names the opposite need.

Each phrase has a key (its lemmas, lower-case), so "cards arrived" and "card arrives" count as one, and
keeps the surface words it was written with, so the name reads as the agents wrote it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from insight.topics.inflect import state_form

MAX_WORDS = 6  # long enough for "refund not showing up on statement"; a phrase must recur to count
# Redaction placeholders are never a name: Earshot's own (<PERSON>, <EMAIL>…) and another system's masks, as
# a public complaints export writes them ("XXXX XXXX client service", "on XX/XX/2023").
PLACEHOLDER = re.compile(r"<[A-Z_]+>|\bX{2,}\b")
PIPELINE = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")  # no parser or NER: tags are enough

_SKIP_POS = {"DET", "PRON", "AUX"}
_NEGATION = {"not", "n't", "never", "no"}
_END_ADVERBS = {"twice", "abroad", "online", "overseas", "back", "again", "late", "early", "offline", "away"}
_CONTENT = {"NOUN", "PROPN"}
# Letters and digits together ("1Gb", "2FA", "S25") — but not a date, a time or a duration ("28th", "5pm", "20min").
_MODEL_CODE = re.compile(
    r"^(?!\d+(?:st|nd|rd|th|am|pm|min|mins|h|hr|hrs|s|d|yr|yrs)$)(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{2,8}$",
    re.IGNORECASE,
)
# A phrase may end on a verb after its subject when it states a fault ("transfer failed", "app crashes");
# "engineer went" or "customer called" are fragments. Negated verbs and passive participles always may.
_STATE_VERBS = {
    "fail", "crash", "freeze", "arrive", "drop", "decline", "bounce", "expire", "work", "load", "disappear",
    "stop", "break", "reject", "lock", "block", "charge", "cancel", "delay", "miss", "disconnect", "hang",
    "loop", "reset", "restart", "reboot", "flash", "lag", "buffer", "show", "increase", "rise", "double",
}  # fmt: skip
_FILLER_LEMMAS = {
    "customer", "cust", "cx", "caller", "client", "agent", "member", "parent", "person", "someone", "somebody",
    "want", "need", "would", "like", "ask", "say", "tell", "advise", "inform", "mention", "explain", "know",
    "please", "help", "thank", "thanks", "hi", "hello", "hey", "ok", "okay", "yes", "yeah", "try", "get",
    "go", "let", "think", "complain", "report", "suggest", "wonder", "seem", "make", "do", "inquire", "enquire",
    "be", "have", "able", "possible", "way", "thing", "something", "anything", "lot", "bit", "today",
    "min", "minute", "am", "pm", "week", "day", "month", "year", "hour", "again", "frustrated", "annoyed",
    "upset", "happy", "elderly", "owner",
    "polite", "sort", "take", "fyi", "escalate", "lead", "team", "product", "see", "look", "find",
    "question", "problem", "issue", "info", "information", "detail", "keep", "can", "will",
}  # fmt: skip
# Who the note is about: words that describe one of them describe the person, not the need ("customer *in store*
# bought a new Galaxy", "caller *from the care home*"): no phrase of the need takes them.
# Not "person", "member" or "agent": a "real person", a "family member", a "travel agent" are what notes are about.
_PERSONAS = {"customer", "cust", "cx", "caller", "client", "parent", "owner"}
_DESCRIBES = {"prep", "pobj", "amod", "compound", "nmod", "poss", "det", "nummod"}
# Verbs that only say the customer met some trouble, as "have" does ("is facing internet outage issue"): what
# they met is the phrase, never the verb ("facing internet"). Verbs only: "bad experience" is a need.
_TROUBLE_VERBS = {"face", "experience", "encounter", "undergo"}
_SAYS_WHAT = {"prep", "acl", "relcl", "ccomp"}  # a complaint followed by what it is about is a frame


@dataclass(frozen=True)
class _Hyphenated:
    """Tokens written as one hyphenated word ("add-on"), read as one token by the phrase rules."""

    text: str
    lemma_: str
    pos_: str
    tag_: str
    is_sent_start: bool
    is_alpha: bool = True


def _joins(doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a word ("add-on"): no space either side, letters either side."""
    token = doc[i]
    return (
        token.text == "-"
        and 0 < i < len(doc) - 1
        and not doc[i - 1].whitespace_
        and not token.whitespace_
        and doc[i - 1].is_alpha
        and doc[i + 1].is_alpha
    )


def words_of(doc) -> list:
    """The doc's tokens, each hyphenated word ("add-on", "top-up") as one :class:`_Hyphenated` token: a noun
    when its last part is one ("add-on", "wi-fi"), else a modifier ("top-up card", "log-in screen")."""
    out: list = []
    i = 0
    while i < len(doc):
        j = i
        while j + 1 < len(doc) and _joins(doc, j + 1):
            j += 2
        if j == i:
            out.append(doc[i])
        else:
            parts = list(doc[i : j + 1])
            pos = "NOUN" if parts[-1].pos_ in _CONTENT or parts[-1].tag_.startswith("NN") else "ADJ"
            out.append(
                _Hyphenated(
                    doc[i : j + 1].text,
                    "-".join([*(t.lower_ for t in parts[:-1:2]), parts[-1].lemma_.lower()]),
                    pos,
                    "NN" if pos == "NOUN" else "JJ",
                    doc[i].is_sent_start,
                )
            )
        i = j + 1
    return out


def _copula(tokens: Sequence, i: int) -> bool:
    """Whether ``tokens[i]`` is "be" linking a subject to what it is ("chat was the quickest support"),
    not an auxiliary of a verb ("card has not arrived", "was charged")."""
    token = tokens[i]
    if token.pos_ != "AUX" or token.lemma_.lower() != "be" or i == 0 or tokens[i - 1].pos_ not in _CONTENT:
        return False
    for nxt in tokens[i + 1 :]:
        if nxt.pos_ != "DET":
            return nxt.pos_ in ("ADJ", "NOUN", "PROPN") and nxt.tag_ not in ("VBN", "VBG")
    return False


@dataclass(frozen=True)
class Phrase:
    """One candidate phrase: ``key`` (lemmas, lower-case) identifies it; ``words`` is how it was written."""

    key: tuple[str, ...]
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        """The phrase as written (skipped words left out)."""
        return " ".join(self.words)


def _surface(token) -> str:
    text = token.text
    if text.lower() in ("n't",):
        return "not"
    if any(c.isupper() for c in text[1:]) or (token.pos_ == "PROPN" and not token.is_sent_start and text[:1].isupper()):
        return text  # eSIM, iPhone, PIN, names written mid-sentence
    return text.lower()


def _role(token) -> str | None:
    """What a token can be inside a phrase: a word class, ``"skip"``, or ``None`` (it ends the phrase)."""
    lower = token.text.lower()
    lemma = token.lemma_.lower()
    if lower in _NEGATION or lemma in _NEGATION:
        return "NEG"
    if isinstance(token, _Hyphenated):
        return token.pos_
    if token.tag_ == "RP":
        return "PRT"
    if token.pos_ in _SKIP_POS and token.tag_ not in ("WP", "WP$", "WDT"):
        return "skip"
    if _MODEL_CODE.match(token.text):
        return "NOUN"  # "1Gb", "2FA", "S25": a plan, a code or a model says what the note is about
    if not token.is_alpha or len(lower) < 2 or lemma in _FILLER_LEMMAS or _describes_a_person(token):
        return None
    if token.pos_ == "VERB" and lemma in _TROUBLE_VERBS:
        return None
    if lemma == "complaint" and any(c.dep_ in _SAYS_WHAT for c in getattr(token, "children", ())):
        return None  # "complaints about the staff": that the customer complains, not what about; "old complaint" stays
    if token.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        return token.pos_
    if (token.pos_ == "ADP" and token.tag_ == "IN") or (token.tag_ == "TO" and token.pos_ == "ADP"):
        return "ADP"
    if token.pos_ == "ADV" and lower in _END_ADVERBS:
        return "ADV"
    return None


def _describes_a_person(token) -> bool:
    """Whether the parse hangs this token on a persona word through modifiers only ("store" in "customer in
    store", "business" in "small business owner"); without a parse, never."""
    head = token
    for _ in range(4):
        if getattr(head, "dep_", "") not in _DESCRIBES or head.head is head:
            return False
        head = head.head
        if head.lemma_.lower() in _PERSONAS and head.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def _verb_can_end(token, negated: bool) -> bool:
    """Whether a phrase may end on this verb (see ``_STATE_VERBS``)."""
    return negated or token.tag_ in ("VBN", "VBG") or token.lemma_.lower() in _STATE_VERBS


def _well_formed(roles: Sequence[str]) -> bool:
    """Whether a run of word classes reads as a phrase (see the module notes)."""
    n = len(roles)
    first, last = roles[0], roles[-1]
    if first not in ("NOUN", "PROPN", "ADJ", "VERB"):
        return False
    if n == 1:
        return first in _CONTENT
    if roles.count("ADP") > 1 or roles.count("NEG") > 1 or roles.count("COP") > 1:
        return False
    for i, role in enumerate(roles):
        nxt = roles[i + 1] if i + 1 < n else None
        if role == "ADP" and nxt not in ("NOUN", "PROPN", "ADJ"):
            return False
        if role == "NEG" and nxt != "VERB":
            return False
        if role == "COP" and (roles[i - 1] not in _CONTENT or nxt not in ("ADJ", "NOUN", "PROPN")):
            return False
        if role == "PRT" and i > 0 and roles[i - 1] != "VERB" and roles[i - 1] != "PRT":
            return False
    if last in _CONTENT:
        return True
    if last == "VERB":  # "transfer failed": a verb ends a phrase only after its subject…
        # …and a phrase opening on a verb has its object there, not a subject: "change flight booked" (from
        # "change flight booked date") ends on a participle of nothing
        return first != "VERB" and any(r in _CONTENT for r in roles[:-1]) and "ADP" not in roles
    if last in ("PRT", "ADV"):
        return n >= 2 and roles[-2] in ("VERB", "PRT")
    return False


def _cuts_a_name(segment: Sequence[tuple], start: int, end: int) -> bool:
    """Whether ``segment[start:end]`` starts or ends inside a multi-word name ("Home" of "SkyNet Home")."""
    proper = [t.pos_ == "PROPN" for t, _ in segment]
    return (start > 0 and proper[start - 1] and proper[start]) or (
        end < len(segment) and proper[end - 1] and proper[end]
    )


def _loose_preposition(span: Sequence[tuple]) -> bool:
    """Whether a preposition in ``span`` belongs to a word outside it: in "told people about local faults"
    "about" hangs on "told", so "people about local faults" is no phrase (needs a parsed doc)."""
    inside = {t.i for t, _ in span if not isinstance(t, _Hyphenated)}
    return any(r == "ADP" and t.head.i not in inside for t, r in span)


def _participle_of(span: Sequence[tuple]) -> bool:
    """Whether a past-form verb is followed by "of" ("delayed of flight"): a noun written as a participle.
    English gives a participle an "of" only in a few fixed verbs ("made of", "accused of"), and as a name
    the noun reads right ("delay of flight", which the composed pieces give, or "flight delay")."""
    return any(
        r == "VERB" and getattr(t, "tag_", "") in ("VBN", "VBD") and nxt.text.lower() == "of"
        for (t, r), (nxt, _) in pairwise(span)
    )


def cannot(verb) -> bool:
    """Whether a parsed verb is what the customer *cannot* do ("is unable to use the app", "can't play songs",
    "is not able to log in"): said without it, "use app" names the opposite need (needs a dependency parse)."""
    if isinstance(verb, _Hyphenated) or not hasattr(verb, "head"):
        return False
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() == "unable":
        return True
    if verb.dep_ == "xcomp" and head.lemma_.lower() == "able":  # "is not able to", "am I not able to"
        return any(c.dep_ == "neg" for c in (*head.children, *head.head.children))
    modal = any(c.dep_ == "aux" and c.lower_ in ("can", "ca", "could", "cannot") for c in verb.children)
    return modal and any(c.dep_ == "neg" or c.lower_ == "cannot" for c in verb.children)


# Who handles the call: what they did ("Agent requested to DM", "the advisor updated the booking") is the
# handling, not the customer's need, and never names a topic.
AGENT_SUBJECTS = {"agent", "advisor", "adviser", "rep", "representative", "staff", "operator"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def done_by_agent(verb) -> bool:
    """Whether ``verb``'s subject — or that of the verb it is joined to ("apologised and asked…") — is the agent
    (needs a dependency parse)."""
    while verb is not None:
        if any(c.dep_ in _SUBJECT_DEPS and c.lemma_.lower() in AGENT_SUBJECTS for c in verb.children):
            return True
        verb = verb.head if verb.dep_ == "conj" and verb.head is not verb else None
    return False


def agent_sentence(sentence) -> bool:
    """Whether a parsed sentence tells what the agent did ("Agent requested the booking reference", "Agent
    request to DM"): its main verb's subject is the agent, or, with no verb, its head noun is the agent's."""
    root = sentence.root
    if root.pos_ in ("VERB", "AUX") and done_by_agent(root):
        return True
    # "Agent requests to DM…" is often parsed with "Agent" as a compound of the verb: read the opening word
    opening = next((t for t in sentence if t.pos_ not in ("DET", "PUNCT", "SPACE")), None)
    return (
        opening is not None
        and opening.lemma_.lower() in AGENT_SUBJECTS
        and opening.dep_ in ("nsubj", "nsubjpass", "compound", "ROOT")
    )


def phrases_in(doc) -> list[Phrase]:
    """Every well-formed phrase of one tagged note (spaCy ``Doc``), each key once, first occurrence kept.

    With a dependency parse, a sentence about what the agent did gives none (:func:`agent_sentence`)."""
    parsed = doc.has_annotation("DEP")
    found: dict[tuple[str, ...], Phrase] = {}
    for part in [s for s in doc.sents if not agent_sentence(s)] if parsed else [doc]:
        _collect_phrases(part, parsed, found)
    return list(found.values())


def _collect_phrases(doc, parsed: bool, found: dict[tuple[str, ...], Phrase]) -> None:
    """Add the well-formed phrases of ``doc`` (a ``Doc`` or a sentence ``Span``) to ``found``."""
    segments: list[list] = [[]]
    tokens = words_of(doc)
    for i, token in enumerate(tokens):
        role = "COP" if _copula(tokens, i) else _role(token)
        if role is None:
            if segments[-1]:
                segments.append([])
        elif role != "skip":
            segments[-1].append((token, role))
    for segment in segments:
        for start in range(len(segment)):
            for end in range(start + 1, min(start + MAX_WORDS, len(segment)) + 1):
                span = segment[start:end]
                if _cuts_a_name(segment, start, end):
                    continue
                roles = [r for _, r in span]
                if not _well_formed(roles):
                    continue
                if roles[-1] == "VERB" and not _verb_can_end(span[-1][0], "NEG" in roles):
                    continue
                if _participle_of(span):
                    continue
                if parsed and _loose_preposition(span):
                    continue
                key = tuple("not" if r == "NEG" else t.lemma_.lower() for t, r in span)
                if len(set(key)) < len(key):
                    continue
                words = _stated(span)
                if key == ("complaint",):
                    continue  # alone, it says only that someone complained ("Complaints"); "old complaint" says which
                if parsed and roles[0] == "VERB" and cannot(span[0][0]):
                    key, words = ("can", "not", *key), ("can't", *words)
                if key not in found:
                    found[key] = Phrase(key, words)


def _stated(span: Sequence[tuple]) -> tuple[str, ...]:
    """The span's words as written, but a bare verb ending it after its subject said as a state ("card does not
    work" → "card not working", "did my transfer fail" → "transfer failed"; a particle may follow: "deposit
    did not show up" → "deposit not showing up"), see :func:`insight.topics.inflect.state_form`."""
    words = [_surface(t) for t, _ in span]
    roles = [r for _, r in span]
    end = len(roles) - 1
    while end > 0 and roles[end] == "PRT":
        end -= 1
    token = span[end][0]
    if roles[end] == "VERB" and end > 0 and not isinstance(token, _Hyphenated):
        negated = roles[end - 1] == "NEG"
        subject = roles[end - 2] if negated and end > 1 else roles[end - 1]
        if subject in _CONTENT:
            words[end] = state_form(token.lemma_.lower(), token.tag_, token.text, negated)
    return tuple(words)


def extract_phrases(texts: Iterable[str], batch_size: int = 256) -> list[list[Phrase]]:
    """The candidate phrases of each text, in order (spaCy's English tagger; loaded once per process)."""
    from insight.nlp import english_pipeline

    nlp = english_pipeline(PIPELINE)
    cleaned = (PLACEHOLDER.sub(" , ", t[:1000]) for t in texts)  # a placeholder ends a phrase, never joins one
    return [phrases_in(doc) for doc in nlp.pipe(cleaned, batch_size=batch_size)]


def has_code(text: str) -> bool:
    """Whether ``text`` holds a plan, code or model word ("Upgrading to 2Gb", "Galaxy S25")."""
    return any(_MODEL_CODE.match(word) for word in re.findall(r"[A-Za-z0-9]+", text))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def name_key(name: str) -> frozenset[str]:
    """What makes two names the same: their words up to plural/tense endings, in any order."""
    return frozenset(_stem(w) for w in re.findall(r"[a-z0-9]+", name.lower()))


def common_surface(phrases: Iterable[Phrase]) -> dict[tuple[str, ...], str]:
    """For each key, the way it was most often written (ties: the first seen)."""
    counts: dict[tuple[str, ...], Counter[str]] = {}
    for phrase in phrases:
        counts.setdefault(phrase.key, Counter())[phrase.text] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}
