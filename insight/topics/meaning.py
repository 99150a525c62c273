"""Choosing among a group's candidate names by what they mean: the name that points at this group, not its neighbour.

A phrase can be frequent and distinctive in a topic's notes and still name the wrong thing: "Card not
arrived" is what the card-arrival notes say, but as a sentence it means about as much "card not working".
So, when the embedder that embedded the notes is at hand, every candidate of a group is embedded and
scored against the centroids of *all* groups:

* **own** — cosine of the candidate to its group's centroid (does it mean what the notes mean?);
* **margin** — ``own`` minus the cosine to the nearest *other* centroid (would a reader pick this group
  from the name, or its sibling?). Siblings are exactly where names fail: "Verify identity" sits between
  "why verify identity" and "verify my identity".

* **rival** — the cosine to the nearest candidate of any *other* group (1.0 when another group has the
  same candidate). Names are read beside other names: "Alarms" could name the topic of setting alarms as
  well as the one of asking about them, "Questions about alarms" only the second. Measured on the three
  benchmark sets this term lifted the worst member (HWU64, top-1 0.61 → 0.65, see benchmarks/RESULTS.md).

``score = own + MARGIN_WEIGHT × margin − RIVAL_WEIGHT × rival``; a one-word candidate pays
``ONE_WORD_PENALTY`` (a single word — "Top", "Life", "Boss" — rarely says what the need is). For themes, a
candidate with a negative margin comes after every candidate with a positive one, whatever its score: it
means another theme more than its own (a theme of service complaints beside a theme of deliveries was
named "Failed delivery"; it is now "Service"). Not for topics: a topic's nearest sibling is often its
near-twin, and on an imported export the rule turned "Update app" into "Ios". The
candidates are the group's best phrases, its composed pieces (:mod:`insight.topics.composed`: "Set alarm",
"Pause subscription", "Questions about alarms"), its
top keywords and its best phrases extended by a keyword — each of these only as its notes wrote it (a
keyword is a bag of words with the stop words taken out: "exchange rate wrong" is named "wrong exchange
rate", and a join nobody wrote is dropped) — and its most central short note, read as a name
(:mod:`insight.topics.note_names`: "How do I activate my card" competes as "activate my card"). That note
is what the topic is *about* (it sits nearest the centroid) and it keeps the verb and object a phrase cut
from it loses, so it competes with every group's phrases, not only with a lone word; it pays
``NOTE_PENALTY`` so that a phrase as good still wins (a name should read as a name, not as a quote).
Cost: one embedding call of up to ~30 short strings per group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from insight.topics.note_names import first_clause
from insight.topics.phrases import name_key

POOL = 24  # phrases per group judged by meaning (the rest keep their phrase order, after these)
KEYWORDS_JOINED = 3  # top keywords tried alone and joined to the best phrases
PHRASES_JOINED = 3
MARGIN_WEIGHT = 0.25
RIVAL_WEIGHT = 0.2
ONE_WORD_PENALTY = 0.15
NOTE_PENALTY = 0.06
MAX_NAME_WORDS = 6
SHORT_WORDS = 8

Embed = Callable[[Sequence[str]], np.ndarray]


def join_keyword(phrase: str, keyword: str) -> str | None:
    """``phrase`` extended by the words of ``keyword`` it lacks, if the keyword continues it; else ``None``.

    The keyword must share a word with the phrase and add at least one ("Set alarm" + "set alarm tomorrow"
    → "set alarm tomorrow"): a keyword about something else would only make a word list.
    """
    have = name_key(phrase)
    words = keyword.split()
    missing = [w for w in words if not name_key(w) <= have]
    if len(words) < 2 or not missing or len(missing) == len(words):
        return None
    return f"{phrase} {' '.join(missing)}"


def candidate_pool(
    options: Sequence[str],
    keywords: Sequence[str] = (),
    short: str | None = None,
    written: Mapping[frozenset[str], str] | None = None,
    extra: Sequence[str] = (),
) -> list[str]:
    """A group's candidates: its best phrases; its top keywords, and its best phrases extended by one, each
    only as a phrase its notes contain (``written``, by :func:`name_key`: "exchange rate wrong" is taken as
    the notes wrote it, "wrong exchange rate", and a join nobody wrote is dropped); and its most central
    short note, as :func:`~insight.topics.note_names.note_as_name` reads it ("Are you a real person" says
    more than "Human"; "Activate my card" as much as "Activate card"), only its first clause when that clause
    holds the best phrase ("Wrong number, transferred" competes as "Wrong number"); and ``extra`` candidates (composed
    pieces, :mod:`insight.topics.composed`), judged like phrases.
    """
    pool = list(dict.fromkeys([*options[:POOL], *extra]))
    if written:
        tops = [k for k in keywords[:KEYWORDS_JOINED] if len(k.split()) >= 2]
        joins = [join_keyword(p, k) for p in options[:PHRASES_JOINED] for k in tops]
        for text in [*tops, *joins]:
            found = written.get(name_key(text)) if text else None
            if found and len(found.split()) <= MAX_NAME_WORDS:
                pool.append(found)
    if short and len(short.split()) <= SHORT_WORDS:
        said = {name_key(c) for c in pool}
        clause = first_clause(short)
        notes = (short, clause)
        if clause and options and name_key(options[0]) <= name_key(clause):
            notes = (clause,)  # the clause holds what the group is about; the rest is a remark ("…, transferred")
        for note in notes:
            if note and name_key(note) not in said:  # a note that says what a phrase says adds nothing
                pool.append(note)
    return list(dict.fromkeys(pool))


def _rival_similarity(
    vectors: np.ndarray, pools: Sequence[Sequence[str]], index: Mapping[str, int]
) -> list[np.ndarray]:
    """Per group, for each of its candidates, the cosine to the nearest candidate of *another* group (1.0 when
    another group has the same candidate)."""
    member = np.zeros((len(pools), len(vectors)), dtype=bool)
    for group, pool in enumerate(pools):
        member[group, [index[c] for c in pool]] = True
    holders = member.sum(axis=0)
    sims = vectors @ vectors.T
    out = []
    for group, pool in enumerate(pools):
        others = (holders - member[group]) > 0  # candidates of some other group
        if not pool or not others.any():
            out.append(np.zeros(len(pool), dtype=np.float32))
            continue
        out.append(sims[np.ix_([index[c] for c in pool], np.flatnonzero(others))].max(axis=1))
    return out


def rank_by_meaning(
    options: Sequence[Sequence[str]],
    centroids: np.ndarray,
    embed: Embed,
    keywords: Sequence[Sequence[str]] | None = None,
    shorts: Sequence[str | None] | None = None,
    written: Sequence[Mapping[frozenset[str], str]] | None = None,
    extra: Sequence[Sequence[str]] | None = None,
    point_home: bool = False,
) -> list[list[str]]:
    """Each group's candidates best first by meaning (see the module notes); unjudged options follow.

    Args:
        options: per group, its phrase options best first (from the phrase scores).
        centroids: per group, its unit centroid in the notes' embedding space.
        embed: the function that embedded the notes (texts → unit vectors).
        keywords: optional, per group its keywords best first (c-TF-IDF), added as candidates.
        shorts: optional, per group its most central short note read as a name (see :func:`candidate_pool`);
            it pays ``NOTE_PENALTY``.
        written: optional, per group the phrases its notes contain (see :func:`candidate_pool`).
        extra: optional, per group more candidates judged like its phrases (composed pieces,
            :mod:`insight.topics.composed`).
        point_home: whether a candidate nearer another group's centroid than its own comes after every one
            that is not (themes; see the module notes).
    """

    def pool_of(g: int, short: str | None) -> list[str]:
        kws = keywords[g] if keywords else ()
        return candidate_pool(options[g], kws, short, written[g] if written else None, extra[g] if extra else ())

    phrase_pools = [pool_of(g, None) for g in range(len(options))]
    pools = [pool_of(g, shorts[g] if shorts else None) for g in range(len(options))]
    notes = [set(pool) - set(phrases) for pool, phrases in zip(pools, phrase_pools, strict=True)]
    flat = list(dict.fromkeys(c for pool in pools for c in pool))
    if not flat:
        return [list(o) for o in options]
    index = {c: i for i, c in enumerate(flat)}
    vectors = np.asarray(embed(flat), dtype=np.float32)
    cents = np.asarray(centroids, dtype=np.float32)
    sims = vectors @ cents.T  # (candidates, groups)
    rival = _rival_similarity(vectors, pools, index)
    out: list[list[str]] = []
    for group, (pool, opts) in enumerate(zip(pools, options, strict=True)):
        if not pool:
            out.append(list(opts))
            continue
        block = sims[[index[c] for c in pool]]
        own = block[:, group]
        rivals = np.delete(block, group, axis=1)
        nearest = rivals.max(axis=1) if rivals.shape[1] else np.zeros(len(pool), dtype=np.float32)
        one_word = np.array([len(c.split()) == 1 for c in pool])
        from_note = np.array([c in notes[group] for c in pool])
        score = (
            own
            + MARGIN_WEIGHT * (own - nearest)
            - RIVAL_WEIGHT * rival[group]
            - ONE_WORD_PENALTY * one_word
            - NOTE_PENALTY * from_note
        )
        # A name nearer another group's centroid than its own names that group ("Failed delivery" for a theme of
        # service complaints, beside a theme of delayed deliveries): it comes after every name that points home.
        away = (own < nearest) if point_home else np.zeros(len(pool), dtype=bool)
        ranked = [pool[i] for i in np.lexsort((-score, away))]
        out.append(ranked + [o for o in opts if o not in ranked])
    return out
