"""Composed candidate names: what a group's notes *do*, abstracted over many notes as a PM would.

A phrase cut from one note keeps that note's words ("Alarms set", "Order takeaway"); a PM reading twenty
notes writes what they share: "Set alarm", "Cancel order", "Check balance". Here each of a group's
central notes is dependency-parsed (spaCy's packaged English pipeline, offline) and reduced to short
lemmatised pieces:

* **verb + object** — a verb with its direct object's head noun and that noun's compounds ("Can you
  set an alarm for 7am" → "set alarm"; "I'd like to top up my card" → "top up card"; "it" read as the
  noun it stands for: "would keep the subscription if they could pause it" → "pause subscription"), or,
  without an object, with the noun of its first preposition ("move to eSIM");
* **subject + state** — a noun subject with its verb when the verb states a fault, said as a name says it
  ("my card does not work" → "card not working", "why did my transfer fail" → "transfer failed",
  :func:`insight.topics.inflect.state_form`);
* **quality** — a subject with a predicate adjective ("the engineer was brilliant" → "brilliant engineer");
* **noun compounds and "X of Y"** — a compound noun ("exchange rate"), and "Y X" for "the X of Y"
  ("balance of my savings account" → "savings account balance");
* **what a question asks about** — when most of a group's central notes ask about a state rather than
  for a task (:func:`is_asking`: "What alarms do I have", "Tell me if Olive Garden does takeaway", "Cust
  wants to know…", but not "How do I activate my card" or "Can you set an alarm"), "Questions about
  <the noun they ask about>": what a PM calls a topic of people asking, and what tells it from its twin of
  people doing the thing.

Words of how agents write ("FYI", "escalate", "customer") and verbs that only frame a request ("want",
"need", "tell") make no piece. Each piece counts once per note; a group's pieces are scored like its
phrases (support × distinctiveness against all other groups, :func:`insight.topics.naming.rank_candidates`),
so a piece that fits the sibling topic as well ("alarm" in both asking about and setting alarms) does not
tell them apart. English only, like the phrase tagger.
"""

from __future__ import annotations

from collections.abc import Iterable

from insight.topics.inflect import state_form
from insight.topics.phrases import PLACEHOLDER, Phrase, agent_sentence, cannot, common_surface, done_by_agent

PIPELINE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")  # the parser, no NER
_OBJECT_DEPS = {"dobj", "obj", "attr", "oprd"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_NOUNS = {"NOUN", "PROPN"}
# Verbs that only frame a request ("I want to…", "can you help me…"): their object is the request's clause.
_FRAME_VERBS = {
    "want", "need", "like", "love", "have", "be", "do", "help", "let", "try", "thank", "please", "wonder",
    "ask", "say", "tell", "know", "think", "mean", "hope", "wish", "seem", "would", "could", "can",
    "appreciate", "mind", "go", "call", "inform", "advise", "mention", "explain", "complain", "report",
    "face", "experience", "encounter", "undergo",  # "is facing an internet outage": what was met is the need
}  # fmt: skip
_WEAK_NOUNS = {
    "customer", "cust", "caller", "client", "agent", "member", "person", "someone", "something", "anything",
    "thing", "way", "lot", "bit", "time", "today", "tomorrow", "tonight", "minute", "min", "hour", "day",
    "week", "month", "year", "question", "problem", "issue", "info", "information", "help", "please",
    "thanks", "sir", "madam", "hi", "hello", "reason", "one", "kind", "sort", "type", "number", "complaint",
}  # fmt: skip
_STATE_VERBS = {
    "fail", "crash", "freeze", "arrive", "drop", "decline", "bounce", "expire", "work", "load", "disappear",
    "stop", "break", "reject", "lock", "block", "charge", "delay", "miss", "disconnect", "hang", "pend",
    "show", "increase", "rise", "double",
}  # fmt: skip
_NEGATION = {"not", "n't", "never", "no"}
# Words of how agents write notes, never of what the customer needs ("FYI engineer", "escalate to team lead").
FILLER_LEMMAS = {
    "fyi", "escalate", "team", "lead", "take", "agent", "customer", "cust", "cx", "caller", "client",
    "member", "person", "someone", "thank", "please", "okay", "ok", "keep",
}  # fmt: skip


def _ok_noun(token) -> bool:
    lemma = token.lemma_.lower()
    return (
        token.pos_ in _NOUNS
        and token.is_alpha
        and len(lemma) > 1
        and lemma not in _WEAK_NOUNS
        and lemma not in FILLER_LEMMAS
        and not PLACEHOLDER.search(token.text)
    )


def _referent(pronoun):
    """What "it" or "them" stands for: the nearest noun before it that is an object or a subject ("would keep
    the subscription if they could pause it" → "subscription"), else ``None``."""
    if pronoun.lower_ not in ("it", "them"):
        return None
    for token in reversed(pronoun.doc[: pronoun.i]):
        if token.dep_ in (*_OBJECT_DEPS, *_SUBJECT_DEPS, "pobj") and _ok_noun(token):
            return token
    return None


def _word(token) -> str:
    text = token.text
    if any(c.isupper() for c in text[1:]) or (token.pos_ == "PROPN" and text[:1].isupper() and not token.is_sent_start):
        return text  # eSIM, iPhone, PIN, names
    if token.dep_ == "compound":
        return token.lower_  # "savings account", not "saving account"
    return token.lemma_.lower()


def _noun_group(noun) -> list:
    """The noun with its compound modifiers, in order ("exchange rate", "credit card")."""
    parts = [
        c
        for c in noun.children
        if (
            (c.dep_ == "compound" and c.pos_ in _NOUNS and c.lemma_.lower() not in FILLER_LEMMAS)
            or (c.i == noun.i - 2 and _hyphened(c, noun))  # "add" of "add-on", "wi" of "wi-fi"
        )
        and c.is_alpha
        and len(c.text) > 1  # "G" of "2G network", split from its digit: a lone letter says nothing
        and c.i < noun.i
    ]
    return [*sorted(parts, key=lambda t: t.i), noun]


def _hyphened(left, right) -> bool:
    """Whether ``left`` and ``right`` are the two halves of one hyphenated word ("add-on", "top-up")."""
    doc = left.doc
    return (
        right.i == left.i + 2
        and doc[left.i + 1].text == "-"
        and not left.whitespace_
        and not doc[left.i + 1].whitespace_
    )


def _phrase(tokens: Iterable, negated: bool = False) -> Phrase | None:
    words: list[str] = []
    previous = None
    for token in tokens:
        if previous is not None and _hyphened(previous, token):
            words[-1] = f"{words[-1]}-{_word(token)}"  # "streaming add-on", never "streaming add on"
        else:
            words.append(_word(token))
        previous = token
    if negated:
        words.insert(len(words) - 1, "not")
    key = tuple(w.lower() for w in words)
    if len(set(key)) < len(key) or not key:
        return None
    return Phrase(key, tuple(words))


def _thanked(verb, piece: Phrase) -> Phrase:
    """A piece whose verb is what someone was thanked for, said as the thanks ("Thanked us for sorting the
    bill in one chat" → "thanks for sorting bill", not "sort bill": the praise is the point of the note)."""
    prep = verb.head
    if not (verb.dep_ == "pcomp" and prep.lower_ == "for" and prep.head.lemma_.lower() == "thank"):
        return piece
    return Phrase(("thank", "for", *piece.key), ("thanks", "for", verb.lower_, *piece.words[1:]))


def _verb_pieces(verb) -> list[Phrase]:
    lemma = verb.lemma_.lower()
    if lemma in _FRAME_VERBS or lemma in FILLER_LEMMAS or not verb.is_alpha or len(lemma) < 2:
        return []
    if done_by_agent(verb):
        return []
    particle = [c for c in verb.children if c.dep_ == "prt"]
    out: list[Phrase] = []
    for child in verb.children:
        if child.dep_ not in _OBJECT_DEPS:
            continue
        noun = _referent(child) if child.pos_ == "PRON" else child
        if noun is not None and _ok_noun(noun):
            p = _phrase([verb, *particle, *_noun_group(noun)])
            if p:
                out.append(_thanked(verb, p))
    if out:
        return [_unable(verb, p) for p in out]
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and _ok_noun(c)]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = [c for c in prep.children if c.dep_ == "pobj" and _ok_noun(c)]
        if objects:
            words = [
                *(_word(t) for t in (_noun_group(subjects[0]) if subjects else ())),  # "service live at address"
                _word(verb),
                *(_word(t) for t in particle),
                prep.text.lower(),
                *(_word(t) for t in _noun_group(objects[0])),
            ]
            key = tuple(w.lower() for w in words)
            if len(set(key)) == len(key):
                out.append(_unable(verb, Phrase(key, tuple(words))) if not subjects else Phrase(key, tuple(words)))
            break
    return out


def _unable(verb, piece: Phrase) -> Phrase:
    """A piece of what the customer cannot do, said so ("is unable to use the app" → "can't use app")."""
    return Phrase(("can", "not", *piece.key), ("can't", *piece.words)) if cannot(verb) else piece


def _state_pieces(verb) -> list[Phrase]:
    if verb.lemma_.lower() not in _STATE_VERBS and verb.tag_ != "VBN":
        return []
    negated = any(c.dep_ == "neg" or c.lower_ in _NEGATION for c in verb.children)
    out = []
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and _ok_noun(child):
            p = _phrase([*_noun_group(child), verb], negated)
            if p:  # "card not working", "transfer failed": the state said as a name says it, not the lemma
                said = state_form(verb.lemma_.lower(), verb.tag_, verb.text, negated)
                out.append(Phrase(p.key, (*p.words[:-1], said)))
    return out


def _noun_pieces(noun) -> list[Phrase]:
    out = []
    group = _noun_group(noun)
    if len(group) > 1:
        p = _phrase(group)
        if p:
            out.append(p)
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and _ok_noun(c)):
            p = _phrase([*_noun_group(obj), noun])
            if p:
                out.append(p)
    return out


def is_question(doc) -> bool:
    """Whether a note asks rather than requests: a question mark, a question word, or an inverted auxiliary."""
    text = doc.text.strip()
    if text.endswith("?"):
        return True
    first = next((t for t in doc if not t.is_punct), None)
    if first is None:
        return False
    if first.tag_ in ("WDT", "WP", "WP$", "WRB"):
        return True
    return first.pos_ == "AUX" and first.lower_ not in ("please",) and any(t.dep_ in _SUBJECT_DEPS for t in doc)


def _quality_pieces(aux) -> list[Phrase]:
    """A noun subject described by a predicate adjective ("the engineer was brilliant" → "brilliant engineer")."""
    adjectives = [c for c in aux.children if c.dep_ == "acomp" and c.pos_ == "ADJ" and c.is_alpha]
    subjects = [c for c in aux.children if c.dep_ == "nsubj" and _ok_noun(c)]
    if not adjectives or not subjects or any(c.dep_ == "neg" for c in aux.children):
        return []
    adjective = adjectives[0]
    if adjective.lemma_.lower() in FILLER_LEMMAS:
        return []
    p = _phrase([adjective, *_noun_group(subjects[0])])
    return [p] if p else []


def pieces_in(doc) -> list[Phrase]:
    """Every composed piece of one parsed note, each key once (none from a sentence about the agent's doing)."""
    found: dict[tuple[str, ...], Phrase] = {}
    handling = {t.i for sentence in doc.sents if agent_sentence(sentence) for t in sentence}
    for token in doc:
        if token.i in handling:
            continue
        pieces: list[Phrase] = []
        if token.pos_ == "VERB":
            pieces = _verb_pieces(token) + _state_pieces(token)
        elif token.pos_ == "AUX" and token.lemma_ == "be":
            pieces = _quality_pieces(token)
        elif _ok_noun(token):
            pieces = _noun_pieces(token)
        for piece in pieces:
            found.setdefault(piece.key, piece)
    return list(found.values())


_REQUEST = ("how do", "how can", "how to", "how would", "how should")
_ASK_VERBS = {"check", "see", "know", "confirm", "find", "look"}  # asking whatever their object
_TELL_VERBS = {"tell", "show", "read", "display", "list", "give", "let"}  # asking only about a clause: "tell me if…"
_ASK_FRAMES = ("want", "need", "like", "ask", "wonder")


def is_asking(doc) -> bool:
    """Whether a note asks about a state ("What alarms do I have", "Tell me if Olive Garden does takeaway",
    "Cust wants to know when the card arrives") rather than asks for a task ("How do I activate my card",
    "Can you set an alarm", "Tell me a joke"), which names the task."""
    lower = doc.text.strip().lower()
    if lower.startswith(_REQUEST):
        return False
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    lemma = root.lemma_.lower()
    clause = any(c.dep_ in ("ccomp", "advcl") for c in root.children)
    if lemma in _ASK_VERBS or (lemma in _TELL_VERBS and clause):
        return True
    if lemma in _ASK_FRAMES and any(c.lemma_.lower() in _ASK_VERBS for c in root.children if c.dep_ == "xcomp"):
        return True  # "wants to know", "would like to check"
    if lemma == "ask" and any(c.lower_ in ("if", "whether") for c in root.subtree):
        return True  # "asked if it works"; never "asked about a family bundle": that is interest in a product
    if not is_question(doc):
        return False
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.lower_ in ("can", "could", "would", "will") and root.pos_ == "VERB":
        return lemma in _ASK_VERBS or (lemma in _TELL_VERBS and clause)  # "Can you set an alarm" is a task
    return True


def _question_surface(tokens) -> Phrase | None:
    words = [t.text if any(c.isupper() for c in t.text[1:]) else t.lower_ for t in tokens]
    key = tuple(t.lemma_.lower() for t in tokens)
    return Phrase(key, tuple(words)) if len(set(key)) == len(key) else None


def asked_nouns(doc) -> list[Phrase]:
    """The nouns a question asks about (with their compounds), as written."""
    if not is_asking(doc):
        return []
    out: dict[tuple[str, ...], Phrase] = {}
    for token in doc:
        if _ok_noun(token) and token.dep_ != "compound":
            p = _question_surface(_noun_group(token))
            if p:
                out.setdefault(p.key, p)
    return list(out.values())


def parse_notes(texts: Iterable[str], batch_size: int = 256) -> list:
    """Tagged and parsed notes (spaCy ``Doc``), a placeholder ("<PERSON>") read as a comma: it ends a phrase."""
    from insight.nlp import english_pipeline

    nlp = english_pipeline(PIPELINE)
    cleaned = (PLACEHOLDER.sub(" , ", t[:1000]) for t in texts)
    return list(nlp.pipe(cleaned, batch_size=batch_size))


def _ranked(rows, pieces, groups, sizes, min_support: int) -> list[list[tuple[str, ...]]]:
    from insight.topics.naming import PhraseSample, rank_candidates

    sample = PhraseSample(rows, pieces, ("",) * len(pieces))
    return [[key for key, _, count in r if count >= min_support] for r in rank_candidates(sample, groups, sizes)]


def composed_options(sample, groups, sizes, limit: int = 12, min_support: int = 2) -> list[list[str]]:
    """Per group, its composed pieces best first (support × distinctiveness, as phrases are scored)."""
    if not sample.pieces:
        return [[] for _ in sizes]
    surface = common_surface(p for ps in sample.pieces for p in ps)
    return [
        [surface[k] for k in keys][:limit] for keys in _ranked(sample.rows, sample.pieces, groups, sizes, min_support)
    ]


QUESTION_SHARE = 0.5


def question_options(sample, groups, sizes, limit: int = 3, min_support: int = 2) -> list[list[str]]:
    """Per group whose central notes mostly ask about something, "Questions about <what they ask about>"."""
    import numpy as np

    if not sample.asked:
        return [[] for _ in sizes]
    asking = np.zeros(len(sizes))
    count = np.bincount(groups[groups >= 0], minlength=len(sizes))
    for g, nouns in zip(groups.tolist(), sample.asked, strict=True):
        if g >= 0 and nouns:
            asking[g] += 1
    share = asking / np.maximum(count, 1)
    surface = common_surface(p for ps in sample.asked for p in ps)
    ranked = _ranked(sample.rows, sample.asked, groups, sizes, min_support)
    return [
        [f"Questions about {surface[k]}" for k in keys][:limit] if share[g] >= QUESTION_SHARE else []
        for g, keys in enumerate(ranked)
    ]
