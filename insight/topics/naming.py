"""Names a product manager would write: the phrase that best says what a group of notes is about.

Used for topics and for themes alike (a theme is a group of topics). For each group, its most central
notes (closest to its centroid) are tagged and their phrases collected (:mod:`insight.topics.phrases`).
A phrase scores ``coverage × distinctiveness × length bonus``:

* **coverage** — the share of the group's central notes that contain it (centrality: only the notes
  nearest the centroid are read, so a phrase from the topic's edge does not name it);
* **distinctiveness** — the share of its (size-weighted) uses that fall in this group rather than in the
  others, neighbouring topics included: "card not arrived" beats "card" in a bank;
* **length bonus** — +``WORD_BONUS`` per extra word, so "change PIN" beats "PIN" when both are as good.

A lone noun gives way to a longer phrase containing it that scores at least ``PROMOTE_RATIO`` as well.
When no phrase is shared by at least two central notes, the name is the most central short note (or short
clause of one) — so a name is never worse than what an agent wrote. Names are unique within a run
(compared by lemmas, so "Card arrival" and "card arrivals" clash), given largest group first, and read in
sentence case.

With an embedder (the one that embedded the notes), the best ``CANDIDATES_KEPT`` phrases of each group —
with its composed pieces (verb + object, subject + state, "Questions about …" for a group that mostly
asks, :mod:`insight.topics.composed`), its keywords and its most central short note read as a name — are
then ranked by what they *mean*, against the centroids of the group and of its nearest sibling and against
the other groups' candidates (:mod:`insight.topics.meaning`): "Name" is a frequent,
distinctive word in notes praising an installer "by name", but "Praise for install" means what they mean.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from insight.topics.composed import asked_nouns, composed_options, parse_notes, pieces_in, question_options
from insight.topics.meaning import rank_by_meaning
from insight.topics.note_names import note_as_name
from insight.topics.phrases import PLACEHOLDER, Phrase, common_surface, has_code, name_key, phrases_in

PER_GROUP = 24  # central notes read per topic
WORD_BONUS = 0.5
BONUS_WORDS = 4  # words past this earn no bonus: a long phrase is rarer, not better
PROMOTE_RATIO = 0.5
MIN_SUPPORT = 2  # a phrase must be in at least this many of a group's central notes
SHORT_NOTE_WORDS = 8
MIN_CLAUSE_WORDS = 3
CLAUSE_ABOUT = 3  # a clause names a group only if it holds one of its best this-many phrases
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[a-z][.!?])(?=[A-Z])")  # "…of flight.So he…" has no space
_CLAUSE = re.compile(r"[.,;:!?()]+\s|\s[-–—]\s|[.!?]+$")  # where a note's clauses end
# A note or clause that tells what the agent did ("Agent asked them to DM", "Advisor updated the booking")
# is the handling, not the customer's need: it never names a topic.
_AGENT_SIDE = re.compile(
    r"^(?:the\s+)?(?:agents?|advisors?|advisers?|reps?|representatives?|support team)\b", re.IGNORECASE
)
CANDIDATES_KEPT = 24
STICKY_CANDIDATES = 6  # a topic keeps last run's name while it is still among this many of its best options
_IDENTIFIER = re.compile(r"#\s?\d+|\d{4,}")  # an order, invoice or account number names one case, not a need
# A clause of a long note in the first person singular is the agent speaking of themselves ("half my calls
# today were…", "I told him…"); the customer's need is said in the third person in an agent's note.
_AGENT_SPEAKS = re.compile(r"\b(?:i|my|me|mine|i'm|i've|i'd)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PhraseSample:
    """The phrases of a fit's most central notes, read once and reused for topics, merges and themes.

    ``rows``: sampled note rows, most central first within each group; ``phrases``: per sampled row its
    phrases; ``texts``: per sampled row its text (for the short-note fallback).
    """

    rows: np.ndarray
    phrases: tuple[tuple[Phrase, ...], ...]
    texts: tuple[str, ...]
    pieces: tuple[tuple[Phrase, ...], ...] = ()  # per sampled row, its composed pieces (insight.topics.composed)
    asked: tuple[tuple[Phrase, ...], ...] = ()  # per sampled row, the nouns it asks about (none unless it asks)

    def surface(self) -> dict[tuple[str, ...], str]:
        """Each phrase key as it was most often written."""
        return common_surface(p for ps in self.phrases for p in ps)


def central_rows(labels: np.ndarray, scores: np.ndarray, per_group: int = PER_GROUP) -> np.ndarray:
    """Up to ``per_group`` rows of each group (label ≥ 0), most central first, groups in label order."""
    out: list[np.ndarray] = []
    for g in range(int(labels.max()) + 1 if (labels >= 0).any() else 0):
        members = np.flatnonzero(labels == g)
        out.append(members[np.argsort(-scores[members], kind="stable")[:per_group]])
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def sample_phrases(
    texts: Sequence[str], labels: np.ndarray, scores: np.ndarray, per_group: int = PER_GROUP
) -> PhraseSample:
    """Tag and parse the most central notes of every group; collect their phrases and composed pieces."""
    rows = central_rows(labels, scores, per_group)
    chosen = [texts[int(i)] for i in rows]
    docs = parse_notes(chosen)
    return PhraseSample(
        rows,
        tuple(tuple(phrases_in(d)) for d in docs),
        tuple(chosen),
        tuple(tuple(pieces_in(d)) for d in docs),
        tuple(tuple(asked_nouns(d)) for d in docs),
    )


def rank_candidates(
    sample: PhraseSample, groups: np.ndarray, sizes: Sequence[int]
) -> list[list[tuple[tuple[str, ...], float, int]]]:
    """Score every group's phrases: ``(key, score, support)`` best first.

    Args:
        sample: the sampled notes' phrases.
        groups: the group of each *sampled* row (same order as ``sample.rows``), -1 for none.
        sizes: the true size of each group (its notes, not its sample), to weigh distinctiveness.
    """
    g = len(sizes)
    n_sampled = np.bincount(groups[groups >= 0], minlength=g).astype(np.float64)
    weight = np.asarray(sizes, dtype=np.float64) / np.maximum(n_sampled, 1.0)
    support: list[dict[tuple[str, ...], int]] = [{} for _ in range(g)]
    for group, phrases in zip(groups.tolist(), sample.phrases, strict=True):
        if group < 0:
            continue
        for phrase in phrases:
            support[group][phrase.key] = support[group].get(phrase.key, 0) + 1
    weighted: dict[tuple[str, ...], float] = {}
    for group in range(g):
        for key, count in support[group].items():
            weighted[key] = weighted.get(key, 0.0) + count * weight[group]
    ranked: list[list[tuple[tuple[str, ...], float, int]]] = []
    for group in range(g):
        rows = []
        for key, count in support[group].items():
            coverage = count / max(n_sampled[group], 1.0)
            distinct = count * weight[group] / weighted[key]
            rows.append((key, coverage * distinct * (1.0 + WORD_BONUS * (min(len(key), BONUS_WORDS) - 1)), count))
        rows.sort(key=lambda r: (-r[1], r[0]))
        ranked.append(rows)
    return ranked


def _promote(ranked: list[tuple[tuple[str, ...], float, int]]) -> list[tuple[str, ...]]:
    """Options best first; a lone word yields to a good phrase containing it ("PIN" → "change PIN")."""
    options = [key for key, _, count in ranked if count >= MIN_SUPPORT]
    if not options:
        return []
    best = options[0]
    best_score = ranked[0][1]
    if len(best) == 1:
        promoted = next(
            (k for k, s, c in ranked[1:] if c >= MIN_SUPPORT and best[0] in k and s >= PROMOTE_RATIO * best_score), None
        )
        if promoted:
            options.remove(promoted)
            options.insert(0, promoted)
    return options


def sentence_case(text: str) -> str:
    """First letter upper-case unless the word is written with inner capitals (eSIM, iPhone)."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if any(c.isupper() for c in first[1:]):
        return text
    return text[0].upper() + text[1:]


def short_note(texts: Sequence[str], limit: int = SHORT_NOTE_WORDS, about: Sequence[str] = ()) -> str | None:
    """The first (most central) note of at most ``limit`` words — or, failing that, the first clause of
    3 to ``limit`` words in a note that holds one of the group's best phrases ``about`` ("Engineer went
    above and beyond, customer wants to thank him by name" → "Engineer went above and beyond"; never a
    filler clause such as "Took 20 min to sort out", nor one where the agent speaks of themselves: "half my
    calls today were the same outage") — trimmed of end punctuation; else ``None``."""
    # "<PERSON>" is not a name, and neither is an order or invoice number ("cancel purchase 73220134")
    texts = [t for t in texts if not PLACEHOLDER.search(t) and not _IDENTIFIER.search(t)]
    for text in texts:
        words = text.split()
        if 0 < len(words) <= limit and not _AGENT_SIDE.match(text):
            return " ".join(words).rstrip(".!?,;: ")
    if not about:
        return None
    for text in texts:
        # a clause of the agent's sentence is the handling ("Agent requests to try resetting the router, power
        # cycle and the gaming console"), however it starts
        said = " ".join(s for s in _SENTENCE.split(text) if not _AGENT_SIDE.match(s.strip()))
        for clause in _CLAUSE.split(said):
            words = clause.split()
            if _AGENT_SPEAKS.search(clause):
                continue  # "half my calls today were the same outage": the agent's remark, not the customer's need
            if (
                MIN_CLAUSE_WORDS <= len(words) <= limit
                and not _AGENT_SIDE.match(clause.strip())
                and any(name_key(a) <= name_key(clause) for a in about)
            ):
                return " ".join(words)
    return None


def choose_names(
    options: Sequence[Sequence[str]], fallbacks: Sequence[str | None], default: str = "Topic"
) -> list[str]:
    """One unique name per group, in order (largest group first): its best free option, else its fallback."""
    taken: set[frozenset[str]] = set()
    names: list[str] = []
    for index, (opts, fallback) in enumerate(zip(options, fallbacks, strict=True)):
        chosen = next((o for o in opts if name_key(o) not in taken and name_key(o)), None)
        if chosen is None and fallback and name_key(fallback) not in taken:
            chosen = fallback
        if chosen is None and opts:
            extra = next((o for o in opts[1:] if name_key(f"{opts[0]} {o}") not in taken), None)
            chosen = f"{opts[0]} · {extra}" if extra else None
        if chosen is None:
            base = opts[0] if opts else (fallback or default)
            n = 2 if (opts or fallback) else index + 1
            while name_key(f"{base} {n}") in taken:
                n += 1
            chosen = f"{base} {n}"
        taken.add(name_key(chosen))
        names.append(sentence_case(chosen))
    return names


def group_options(
    sample: PhraseSample, groups: np.ndarray, sizes: Sequence[int]
) -> tuple[list[list[str]], list[str | None]]:
    """Each group's name options (phrases, best first) and its short-note fallback."""
    ranked = rank_candidates(sample, groups, sizes)
    surface = sample.surface()
    options = [[surface[k] for k in _promote(r)][:CANDIDATES_KEPT] for r in ranked]
    fallbacks: list[str | None] = []
    for group in range(len(sizes)):
        mine = [sample.texts[i] for i in np.flatnonzero(groups == group)]
        fallbacks.append(short_note(mine, about=options[group][:CLAUSE_ABOUT]))
    return options, fallbacks


def written_phrases(sample: PhraseSample, groups: np.ndarray, n_groups: int) -> list[dict[frozenset[str], str]]:
    """Per group, every phrase its sampled notes contain (even once), by :func:`name_key`, as written."""
    surface = sample.surface()
    out: list[dict[frozenset[str], str]] = [{} for _ in range(n_groups)]
    for group, phrases in zip(groups.tolist(), sample.phrases, strict=True):
        if group >= 0:
            for phrase in phrases:
                out[group].setdefault(name_key(surface[phrase.key]), surface[phrase.key])
    return out


def shared_by_parts(sample: PhraseSample, groups: np.ndarray, parts: np.ndarray):
    """A test ``(group, name) -> bool``: is every content word of ``name`` in the sampled notes of at least
    half (and at least two, when it has two) of the parts (topics) that make up ``group`` (a theme)?

    A theme's name says what its topics share; a word only one of them uses names that topic.
    """
    from insight.topics.labels import STOP_WORDS

    words_of_part: dict[int, set[str]] = {}
    for part, text in zip(parts.tolist(), sample.texts, strict=True):
        if part >= 0:
            words_of_part.setdefault(part, set()).update(name_key(text))
    parts_of: dict[int, set[int]] = {}
    for group, part in zip(groups.tolist(), parts.tolist(), strict=True):
        if group >= 0 and part >= 0:
            parts_of.setdefault(group, set()).add(part)
    stop = {w for s in STOP_WORDS for w in name_key(s)}

    def shared(group: int, name: str) -> bool:
        mine = parts_of.get(group, set())
        if len(mine) < 2:
            return True
        need = max(2, -(-len(mine) // 2))
        named = {w for w in re.findall(r"[A-Za-z0-9]+", name)[1:] if w[:1].isupper()}  # mid-name capitals
        return all(sum(w in words_of_part[p] for p in mine) >= need for w in name_key(" ".join(named)) - stop)

    return shared


# An amount or a count: "8%", "$160", "£25.50", "3". Plan and model codes ("1Gb", "Galaxy S25", "2FA") are not
# amounts: a product's name is a need's name when its notes share it.
_AMOUNT = re.compile(r"(?<![\w$£€])[$£€]?\d+(?:[.,]\d+)?%?(?![\w$£€])")
_DANGLING = re.compile(
    r"(?:\s+(?:of|to|by|at|for|from|about|around|a|an|the|over|under|up to|only))+\s*$", re.IGNORECASE
)
AMOUNT_SUPPORT = 0.5  # share of a group's sampled notes that must hold an amount for a name to keep it


def amounts_shared(sample: PhraseSample, groups: np.ndarray):
    """A function ``(group, name) -> name``: ``name`` without the amounts fewer than ``AMOUNT_SUPPORT`` of the
    group's sampled notes hold (and without a preposition left dangling at its end).

    An amount one note wrote names that note, not the need: "Price going up 8% mid contract" for price rises of
    5 %, 8 % and 11 % reads "Price going up mid contract"; "I expect a refund of $160" reads "I expect a refund".
    """
    amounts_of: dict[int, list[set[str]]] = {}
    for group, text in zip(groups.tolist(), sample.texts, strict=True):
        if group >= 0:
            amounts_of.setdefault(group, []).append(set(_AMOUNT.findall(text)))

    def kept(group: int, name: str) -> str:
        notes = amounts_of.get(group, [])
        rare = {a for a in _AMOUNT.findall(name) if sum(a in n for n in notes) < AMOUNT_SUPPORT * len(notes)}
        if not rare:
            return name
        words = [w for w in name.split() if w.strip(".,;:!?") not in rare]
        return _DANGLING.sub("", " ".join(words)).strip(" ,;:-")

    return kept


def _without_rare_amounts(options: list[list[str]], kept) -> list[list[str]]:
    """Each group's options with rare amounts taken out; an option left empty, or repeating one, goes."""
    out = []
    for group, opts in enumerate(options):
        seen: set[frozenset[str]] = set()
        mine = []
        for option in opts:
            trimmed = kept(group, option)
            if trimmed and name_key(trimmed) and name_key(trimmed) not in seen:
                seen.add(name_key(trimmed))
                mine.append(trimmed)
        out.append(mine)
    return out


def ranked_candidates(
    sample: PhraseSample,
    groups: np.ndarray,
    sizes: Sequence[int],
    *,
    centroids: np.ndarray | None = None,
    embed=None,
    keywords: Sequence[Sequence[str]] | None = None,
    notes_compete: bool = True,
    codes_name: bool = True,
    parts: np.ndarray | None = None,
) -> tuple[list[list[str]], list[str | None]]:
    """Each group's candidate names best first, and its short-note fallback: what :func:`name_groups`
    chooses from (the arguments are its own). ``benchmarks/topic_label_oracle.py`` reads the ranking too."""
    options, fallbacks = group_options(sample, groups, sizes)
    if not codes_name:
        options = [[o for o in opts if not has_code(o)] for opts in options]
    amounts = amounts_shared(sample, groups)
    options = _without_rare_amounts(options, amounts)
    shared = shared_by_parts(sample, groups, parts) if parts is not None else None
    if shared is not None:
        options = [[o for o in opts if shared(g, o)] or opts for g, opts in enumerate(options)]
    if embed is not None and centroids is not None and len(sizes) > 1:
        written = written_phrases(sample, groups, len(sizes)) if keywords is not None else None
        shorts = None
        if notes_compete:  # the most central short note competes as a name, its rare amounts taken out
            shorts = [amounts(g, note_as_name(f)) or None if f else None for g, f in enumerate(fallbacks)]
        extra = None
        if sample.pieces:
            composed = composed_options(sample, groups, sizes)
            asked = question_options(sample, groups, sizes)
            extra = [a + c for a, c in zip(asked, composed, strict=True)]
            if not codes_name:
                extra = [[o for o in opts if not has_code(o)] for opts in extra]
            extra = _without_rare_amounts(extra, amounts)
            if shared is not None:
                extra = [[o for o in opts if shared(g, o)] for g, opts in enumerate(extra)]
        point_home = parts is not None  # a theme's name must mean it more than another theme
        options = rank_by_meaning(options, centroids, embed, keywords, shorts, written, extra, point_home)
    return options, fallbacks


def name_groups(
    sample: PhraseSample,
    groups: np.ndarray,
    sizes: Sequence[int],
    default: str = "Topic",
    *,
    centroids: np.ndarray | None = None,
    embed=None,
    keywords: Sequence[Sequence[str]] | None = None,
    notes_compete: bool = True,
    codes_name: bool = True,
    parts: np.ndarray | None = None,
    candidates_out: list[tuple[str, ...]] | None = None,
) -> list[str]:
    """Unique names for groups ``0..len(sizes)-1`` (see the module notes).

    Args:
        sample: the sampled notes' phrases (:func:`sample_phrases`).
        groups: the group of each sampled row, -1 for none.
        sizes: each group's true number of notes.
        default: the word used when a group has neither a phrase nor a short note.
        centroids: optional, each group's unit centroid in the notes' embedding space…
        embed: …and the function that embedded the notes (texts → unit vectors): candidates are then
            ranked by meaning (:mod:`insight.topics.meaning`).
        keywords: optional, each group's keywords best first, also judged by meaning when ``embed`` is given.
        notes_compete: whether its most central short note competes with the phrases. Themes pass ``False``: a
            theme named by one of its topics' notes ("What song is playing") reads as that topic, not as
            what the theme holds.
        codes_name: whether a phrase holding a plan or model code ("Upgrading to 2Gb") may name a group.
            Themes pass ``False``: a theme holds several plans, and a code names only one of its topics.
        parts: optional, the part (topic) of each sampled row, for groups made of parts (themes): a name's
            every content word must then be used by at least half of its group's parts (:func:`shared_by_parts`):
            "Offer from Vodaline" names one topic of a theme of four rivals' offers, not the theme.
        candidates_out: optional list, filled with each group's name and its best ``STICKY_CANDIDATES``
            options: the names a continuing topic may keep at a later refit.
    """
    options, fallbacks = ranked_candidates(
        sample,
        groups,
        sizes,
        centroids=centroids,
        embed=embed,
        keywords=keywords,
        notes_compete=notes_compete,
        codes_name=codes_name,
        parts=parts,
    )
    order = sorted(range(len(sizes)), key=lambda g: (-sizes[g], g))
    chosen = choose_names([options[g] for g in order], [fallbacks[g] for g in order], default)
    names = [""] * len(sizes)
    for g, name in zip(order, chosen, strict=True):
        names[g] = name
    if candidates_out is not None:
        # what a later refit may keep as the name of a topic that continues (insight.topics.sticky_names)
        candidates_out[:] = [
            tuple(dict.fromkeys([names[g], *(sentence_case(o) for o in options[g][:STICKY_CANDIDATES])]))
            for g in range(len(sizes))
        ]
    return names
