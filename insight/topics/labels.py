"""Topic keywords from c-TF-IDF keyphrases (names come from :mod:`insight.topics.naming`).

BERTopic's own names look like ``0_card_the_my``. Here:

* The vocabulary is 1–3-word phrases without English stop words, agent-note filler ("customer called",
  "wants to know") and contraction fragments; words that matter in service notes (bill, amount, top,
  call, name, interest…) are taken back out of scikit-learn's stop list.
* BERTopic's c-TF-IDF proposes each topic's top phrases. c-TF-IDF is computed on all of a topic's notes
  joined together, so it also rewards phrases that straddle two notes ("card card") and frequent words;
  the candidates are therefore re-ranked per note: ``coverage × distinctiveness`` — the share of the
  topic's notes that contain the phrase, times the share of all notes containing it that are in the
  topic — with a bonus per extra word. "charged twice" (29 % of its topic, 100 % of its uses there)
  beats "charged" (57 %, but 18 %).
* A phrase counts only inside one clause of a note. c-TF-IDF forms its n-grams after punctuation and stop words
  are gone, so "the code never arrives. Elderly customers can't log in" offers "arrives elderly log"; counted
  clause by clause, such a phrase is found in no note and is never shown. A clause also ends at a conjunction
  that opens a new one ("so", "but", "because") and at the words of the note's frame ("customer", "said"); a
  sentence telling what the agent did ("Agent is asking to move to DM") offers none.
* A phrase counts only as a note writes it: at most ``MAX_GAP`` stop words between two of its words. The
  vocabulary drops stop words before it forms n-grams, so "small business owner called just to say the engineer
  was brilliant" offers "business owner engineer", which no one wrote.
* The keywords are the best phrases, a word already shown inside a phrase left out. They are shown as
  keywords, never as the topic's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from insight.topics.phrases import AGENT_SUBJECTS

KEYWORDS_SHOWN = 8
MAX_LABEL_WORDS = 3
WORD_BONUS = 0.5
SUBCASE_SHARE = 0.5
MAX_GAP = 3  # stop words a keyword phrase may skip between two of its words

_CONTRACTIONS = {
    "aren", "couldn", "didn", "doesn", "don", "hadn", "hasn", "haven", "isn", "ll", "re", "ve", "wasn",
    "weren", "won", "wouldn", "shouldn", "im", "ive", "id", "ill", "dont", "cant", "wont", "doesnt", "didnt",
    "isnt", "wasnt", "wouldnt", "couldnt", "shouldnt", "whats", "hows", "thats", "youre", "theres", "wheres",
    "whos", "lets", "youve", "weve", "theyre",
}  # fmt: skip
# The words of a note's frame — who said what — never part of a keyword, nor bridged by one (WORD_BREAK).
_FRAME_WORDS = {
    "customer", "customers", "cust", "cx", "caller", "client", "said", "says", "asked", "asks", "advised",
    "informed", "mentioned", "explained", "told", "complained", "complains", "complaining", "member",
    # a call summary's report verb as its notes spell it ("Customer enquires cancellation tickets", "Customer
    # complaints about delay flight"); "complaint" stays, a need of its own ("file a complaint")
    "enquire", "enquires", "enquired", "enquiring", "inquires", "inquired", "inquiring", "complaints",
}  # fmt: skip
_FILLER = {
    "hi", "hello", "hey", "thanks", "thank", "please", "pls", "help", "want", "wanted", "wants", "wanting",
    "need", "needs", "needed", "know", "like", "just", "ok", "okay", "yes", "yeah", "does", "did", "doing",
    "able", "way", "going", "got", "get", "gets", "getting", "tell", "let", "really", "sure", "think",
    "trying", "tried", "try", "say", "asking", "ask", "possible", "today", "currently", "instead", "would",
    "could", "should", "also", "one", "something", "reports", "suggests", "suggested", "frustrated", "polite",
    "called", "calling",
} | _FRAME_WORDS  # fmt: skip
_CONTENT_WORDS = {
    "amount", "back", "bill", "bottom", "call", "detail", "empty", "fire", "front", "full", "interest", "move",
    "name", "system", "top",
}  # fmt: skip
STOP_WORDS = frozenset((ENGLISH_STOP_WORDS - _CONTENT_WORDS) | _CONTRACTIONS | _FILLER)
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"  # words of two or more letters (numbers and ids are not topics)
# Where a clause ends: a phrase never runs across one ("arrives. Elderly", "took 20 min, log in").
CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]{}\"\n\t\u2026\u2013\u2014]+|\s-+\s")
# Words a phrase never runs across either, though no punctuation marks them: a conjunction that opens a new
# clause, and the words of the note's frame (who said what). Without them "code never arrives so elderly
# customer can't log in" offers "arrives elderly log" — a word of each clause and the persona between.
_CONJUNCTIONS = ("so", "but", "because", "since", "although", "though", "while", "whereas", "until", "unless")
WORD_BREAK = re.compile(r"\b(?:" + "|".join(sorted({*_CONJUNCTIONS, *_FRAME_WORDS})) + r")\b", re.IGNORECASE)
# A sentence that tells what the agent did ("Agent is asking to move to DM and look into it", as call summaries
# end) is the response, not the need: its phrases are no keyword ("dm full name", "relevant department
# investigation"). The names' rule, by the parse, is ``insight.topics.phrases.agent_sentence``; keywords read
# every note, so here it is the sentence's opening word.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
AGENT_OPENING = re.compile(
    r"^\W*(?:(?:the|an?|our|this)\s+)?(?:" + "|".join(sorted(AGENT_SUBJECTS)) + r")s?\b", re.IGNORECASE
)


def make_vectorizer(ngram_range: tuple[int, int] = (1, 3), **kwargs) -> CountVectorizer:
    """The phrase vocabulary shared by c-TF-IDF and the per-note re-ranking."""
    return CountVectorizer(
        ngram_range=ngram_range, stop_words=sorted(STOP_WORDS), token_pattern=TOKEN_PATTERN, **kwargs
    )


def _stem(word: str) -> str:
    """A crude stem so "card arrived" and "cards arrive" count as the same label."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def readable(phrase: str) -> bool:
    """At most three words, none repeated ("card card" straddles two notes; it is not a phrase)."""
    words = phrase.split()
    return 0 < len(words) <= MAX_LABEL_WORDS and len({_stem(w) for w in words}) == len(words)


def rank_phrases(
    texts: Sequence[str], groups: np.ndarray, candidates: Sequence[Sequence[str]]
) -> list[list[tuple[str, float]]]:
    """Re-rank each group's candidate phrases by coverage × distinctiveness over individual notes.

    Args:
        texts: one text per note, punctuation kept (a phrase is counted within one clause of it).
        groups: group (topic or theme) index per note, -1 for none.
        candidates: for each group ``0..g-1``, its candidate phrases (e.g. c-TF-IDF's top terms).

    Returns:
        For each group, ``(phrase, score)`` best first; unreadable phrases, and phrases found in only one
        of the group's notes (unless nothing else is left), are dropped.
    """
    vocabulary = sorted({c for cands in candidates for c in cands if readable(c)})
    g = len(candidates)
    if not vocabulary or g == 0:
        return [[] for _ in range(g)]
    index = {term: i for i, term in enumerate(vocabulary)}
    words = written_phrases

    def clause_phrases(text: str) -> list[str]:
        said = " ".join(s for s in SENTENCE_END.split(text) if not AGENT_OPENING.match(s))
        clauses = (part for clause in CLAUSE_BREAK.split(said) for part in WORD_BREAK.split(clause))
        return [p for clause in clauses for p in words(vocabulary_text(clause))]

    counter = CountVectorizer(vocabulary=vocabulary, analyzer=clause_phrases, binary=True, dtype=np.float32)
    counts = counter.transform(texts)
    placed = np.flatnonzero(groups >= 0)
    indicator = sparse.csr_matrix((np.ones(len(placed)), (groups[placed], placed)), shape=(g, len(texts)))
    in_group = np.asarray((indicator @ counts).todense())
    overall = np.maximum(np.asarray(counts.sum(axis=0)).ravel(), 1.0)
    sizes = np.maximum(np.bincount(groups[placed], minlength=g), 1)
    bonus = np.array([1.0 + WORD_BONUS * term.count(" ") for term in vocabulary])
    ranked: list[list[tuple[str, float]]] = []
    for group, cands in enumerate(candidates):
        cols = np.array([index[c] for c in dict.fromkeys(cands) if c in index], dtype=np.int64)
        if len(cols) == 0:
            ranked.append([])
            continue
        df = in_group[group, cols]
        score = (df / sizes[group]) * (df / overall[cols]) * bonus[cols]
        order = np.argsort(-score, kind="stable")
        least = 2 if (df >= 2).any() else 1  # tiny topics: a phrase in one note is better than no label
        ranked.append([(vocabulary[cols[i]], float(score[i])) for i in order if df[i] >= least])
    return ranked


def written_phrases(text: str, max_gap: int = MAX_GAP) -> list[str]:
    """The vocabulary's 1–3-word phrases of one clause, as a note writes them: stop words may sit between a
    phrase's words, but at most ``max_gap`` of them ("engineer [was] brilliant" is one; "business owner [called
    just to say the] engineer" joins two thoughts and is none). scikit-learn's analyzer drops the stop words
    before it forms n-grams, so it would offer both.

    Args:
        text: one clause, as :func:`vocabulary_text` leaves it.
    """
    tokens = re.findall(TOKEN_PATTERN, text.lower())
    content = [(i, token) for i, token in enumerate(tokens) if token not in STOP_WORDS]
    phrases: list[str] = []
    for start in range(len(content)):
        phrases.append(content[start][1])
        for end in range(start + 1, min(start + MAX_LABEL_WORDS, len(content))):
            if content[end][0] - content[end - 1][0] - 1 > max_gap:
                break
            phrases.append(" ".join(token for _, token in content[start : end + 1]))
    return phrases


def keywords(
    ranked: Sequence[tuple[str, float]], limit: int = KEYWORDS_SHOWN, subcase_share: float = SUBCASE_SHARE
) -> tuple[str, ...]:
    """Top phrases, skipping a word already shown inside a phrase ("card" once "card arrive" is listed).

    A longer phrase takes the place of a shown one it contains ("card" → "card arrive") only when it scores
    at least ``subcase_share`` of it; below that it says the same of a few of its notes ("parent engineer
    brilliant" beside "engineer brilliant": the persona of one note in seven) and is left out. With 0 the
    longer phrase always wins, as the namer wants it: a specific phrase is a candidate name ("available
    lists" beside "lists") even when few notes say it.
    """
    shown: list[tuple[str, float]] = []
    for term, score in ranked:
        words = set(term.split())
        if any(words <= set(s.split()) for s, _ in shown):
            continue
        inside = [(s, v) for s, v in shown if set(s.split()) <= words]
        if any(score < subcase_share * v for _, v in inside):
            continue
        shown = [(s, v) for s, v in shown if (s, v) not in inside]
        shown.append((term, score))
        if len(shown) >= limit:
            break
    return tuple(s for s, _ in shown)


def vocabulary_text(text: str) -> str:
    """What the vocabulary sees: BERTopic's English preprocessing (letters, digits, spaces), lower-cased."""
    return re.sub(r"[^A-Za-z0-9 ]+", "", text.replace("\n", " ").replace("\t", " ")).lower()
