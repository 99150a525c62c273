"""Keywords (c-TF-IDF phrases re-ranked) and the small numeric helpers of the fit (no model)."""

from __future__ import annotations

import numpy as np

from insight.topics.cluster import dissolve_small, effective_min_size, relabel_by_size, unit_centroids
from insight.topics.labels import STOP_WORDS, keywords, rank_phrases, readable, vocabulary_text, written_phrases
from insight.topics.reduce import exact_knn
from insight.topics.themes import NO_THEME, group_themes


def test_phrases_that_repeat_a_word_are_not_readable():
    assert readable("card delivery delay")
    assert not readable("card card")
    assert not readable("cards card")
    assert not readable("one two three four")


def test_keywords_skip_words_already_shown_in_a_phrase():
    assert keywords([("card arrive", 1.0), ("card", 0.9), ("arrive", 0.8), ("tracking", 0.5)]) == (
        "card arrive",
        "tracking",
    )


def test_a_phrase_is_counted_only_as_a_note_writes_it():
    said = written_phrases(vocabulary_text("Small business owner called just to say the engineer was brilliant"))
    assert {"business owner", "engineer brilliant", "small business owner"} <= set(said)
    assert "business owner engineer" not in said and "owner engineer" not in said  # five stop words apart
    assert "card arrived" in written_phrases(vocabulary_text("my card has not arrived"))  # two apart


def test_a_longer_phrase_replaces_a_shown_one_only_when_it_speaks_for_as_many_notes():
    assert keywords([("card", 1.0), ("card arrive", 0.8), ("tracking", 0.5)]) == ("card arrive", "tracking")
    # the persona of one note in seven is a sub-case, not a better keyword
    ranked = [("engineer brilliant", 1.0), ("tidy", 0.6), ("parent engineer brilliant", 0.2), ("owner engineer", 0.1)]
    assert keywords(ranked) == ("engineer brilliant", "tidy", "owner engineer")


def test_service_words_are_kept_and_filler_is_dropped():
    assert {"bill", "amount", "top", "call", "name"}.isdisjoint(STOP_WORDS)
    assert {"customer", "wants", "the", "hasn", "cx"} <= STOP_WORDS


def test_phrases_are_ranked_by_coverage_and_distinctiveness():
    texts = [
        "charged twice for coffee",
        "charged twice at the shop",
        "charged twice again",
        "charged a fee",
        "card charged monthly fee",
        "monthly fee charged",
    ]
    groups = np.array([0, 0, 0, 0, 1, 1])
    ranked = rank_phrases(texts, groups, [["charged", "charged twice", "twice"], ["monthly fee", "charged"]])
    assert ranked[0][0][0] == "charged twice"
    assert ranked[1][0][0] == "monthly fee"


def _one_topic_ranking(texts: list[str], candidates: list[str]) -> list[str]:
    """The candidates :func:`rank_phrases` keeps for one topic holding every text, best first."""
    return [term for term, _ in rank_phrases(texts, np.zeros(len(texts), dtype=np.int64), [candidates])[0]]


def test_a_phrase_never_runs_across_the_end_of_a_clause():
    # c-TF-IDF joins "arrives. Elderly … log in" into "arrives elderly log" once punctuation and stop words are
    # gone; counted clause by clause it is in no note, while "code arrives", said in every note, leads.
    texts = [
        "The code never arrives. Elderly customers can't log in to the app",
        "Code never arrives, elderly log in fails",
        "The code never arrives - elderly mum can't log in",
        "Verification code never arrives at all",
    ]
    ranked = _one_topic_ranking(texts, ["arrives elderly log", "code arrives", "elderly log"])
    assert "arrives elderly log" not in ranked
    assert ranked[0] == "code arrives"


def test_a_phrase_never_runs_across_a_conjunction_or_the_notes_frame():
    # No punctuation between the clauses here: "so" opens the second, and "customer" is who, not what.
    texts = [
        "Verification code by SMS never arrives so elderly customer can't log in to the app",
        "Verification code never arrives so elderly customer cannot log in",
        "SMS code never arrives, customer said parent log in fails",
        "Verification code by SMS never arrives at all",
    ]
    candidates = ["arrives elderly log", "elderly log", "said parent log", "verification code", "sms arrives"]
    ranked = _one_topic_ranking(texts, candidates)
    assert ranked[0] == "verification code"
    assert "arrives elderly log" not in ranked and "elderly log" not in ranked and "said parent log" not in ranked
    assert "sms arrives" in ranked  # "SMS never arrives": one clause, said in three notes


def test_small_topics_are_dissolved_into_the_most_similar_topic():
    vectors = np.array([[1, 0], [1, 0.1], [0.9, 0.2], [0, 1], [0.1, 1], [0.95, 0.1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.array([0, 0, 0, 1, 1, 2])
    assert list(dissolve_small(vectors, labels, min_size=2)) == [0, 0, 0, 1, 1, 0]


def test_topics_are_numbered_largest_first_and_unclear_stays_minus_one():
    assert list(relabel_by_size(np.array([5, 5, 2, 2, 2, -1, 9]))) == [1, 1, 0, 0, 0, -1, 2]


def test_centroids_are_unit_vectors():
    vectors = np.array([[3, 0], [0, 4], [1, 1]], dtype=np.float32)
    c = unit_centroids(vectors, np.array([0, 0, -1]), 1)
    assert np.allclose(np.linalg.norm(c, axis=1), 1.0)


def test_exact_neighbours_put_each_note_first_and_are_sorted():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    idx, dist = exact_knn(vectors, 5)
    assert (idx[:, 0] == np.arange(50)).all()
    assert (np.diff(dist, axis=1) >= -1e-6).all()
    brute = np.argsort(-(vectors @ vectors.T), axis=1)[:, :5]
    assert (np.sort(idx, axis=1) == np.sort(brute, axis=1)).all()


def test_min_topic_size_grows_with_the_corpus_and_themes_appear_with_many_topics():
    assert effective_min_size(200, 5) == 5
    assert effective_min_size(13_000, 5) == 13


def test_themes_group_alike_topics_and_leave_a_topic_like_no_other_alone():
    rng = np.random.default_rng(1)
    axes = np.eye(8)
    centroids = np.stack(
        [axes[0] + 0.3 * rng.normal(size=8) * 0.2 for _ in range(6)]
        + [axes[1] + 0.3 * rng.normal(size=8) * 0.2 for _ in range(5)]
        + [axes[2], axes[3]]
    )
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    themes = group_themes(centroids, min_topics=4)
    assert themes.tolist() == [0] * 6 + [1] * 5 + [NO_THEME, NO_THEME]
    assert group_themes(centroids[:4], min_topics=4) is None  # few topics need no grouping


def test_a_template_every_note_shares_does_not_make_every_topic_one_theme():
    # Helpdesk summaries share a template ("Customer is complaining … Agent asked them to DM …"): a strong
    # common direction under three real subjects. Raw cosines put all nine topics in one theme.
    rng = np.random.default_rng(2)
    axes = np.eye(12)
    subjects = [axes[1], axes[2], axes[3]]
    centroids = np.stack([3.0 * axes[0] + s + 0.2 * rng.normal(size=12) for s in subjects for _ in range(3)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    assert (centroids @ centroids.T).min() > 0.6  # every topic looks alike before the template is removed
    themes = group_themes(centroids, min_topics=4, sizes=np.full(9, 40)).tolist()
    per_subject = [set(themes[i : i + 3]) for i in (0, 3, 6)]
    assert all(len(s) == 1 and NO_THEME not in s for s in per_subject), themes  # each subject is one theme
    assert len(set().union(*per_subject)) == 3, themes  # and the three subjects are three themes


def test_what_the_agent_did_offers_no_keyword():
    # Call summaries end with the agent's response; "dm full name" is how agents reply to every need.
    texts = [
        "Customer says the parcel never arrived. Agent asks to DM full name and order number.",
        "Customer complains the parcel never arrived. The agent requested a DM with full name.",
        "Parcel never arrived, customer is upset. Agent asked for a DM with the full name.",
        "Customer reports the parcel never arrived at all.",
    ]
    ranked = _one_topic_ranking(texts, ["parcel arrived", "dm full name", "full name"])
    assert ranked[0] == "parcel arrived"
    assert "dm full name" not in ranked and "full name" not in ranked


def test_a_summarys_report_verb_is_no_keyword():
    # TweetSumm: "Customer enquires about cancellation of tickets" offered "enquires cancellation tickets".
    texts = [
        "Customer enquires about cancellation of tickets.",
        "Customer enquired about cancellation of tickets booked last week.",
        "Customer is inquiring about cancellation of tickets for the flight.",
        "Customer wants cancellation of tickets.",
    ]
    ranked = _one_topic_ranking(texts, ["enquires cancellation tickets", "cancellation tickets"])
    assert ranked[0] == "cancellation tickets"
    assert "enquires cancellation tickets" not in ranked
    assert {"enquires", "enquired", "inquiring", "complaints"} <= STOP_WORDS
    assert "complaint" not in STOP_WORDS  # "file a complaint" is a need (Bitext's complaint intent)
