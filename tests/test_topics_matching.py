"""Topic identity across refits: pure matching on synthetic assignments (no model, no database)."""

from __future__ import annotations

from insight.topics.matching import match_topics


def _assign(groups: dict[int, range]) -> dict[int, int]:
    """{topic or cluster: note ids} → {note id: topic or cluster}."""
    return {n: t for t, notes in groups.items() for n in notes}


def _events(match):
    return sorted((e.event, e.topic_id, e.related_topic_ids) for e in match.events)


def test_first_fit_gives_every_cluster_a_new_id_and_a_birth():
    m = match_topics({}, _assign({0: range(0, 30), 1: range(30, 50)}), next_id=1)
    assert m.ids == {0: 1, 1: 2}  # largest cluster first
    assert _events(m) == [("birth", 1, ()), ("birth", 2, ())]
    assert m.next_id == 3


def test_unchanged_topics_continue_with_their_ids_even_if_cluster_numbers_change():
    old = _assign({7: range(0, 30), 9: range(30, 50)})
    new = _assign({0: range(30, 50), 1: range(0, 30)})
    m = match_topics(old, new, next_id=10)
    assert m.ids == {1: 7, 0: 9}
    assert _events(m) == [("continue", 7, ()), ("continue", 9, ())]


def test_a_topic_that_grows_with_new_notes_continues():
    old = _assign({7: range(0, 30)})
    new = _assign({0: range(0, 60)})  # 30 new notes joined it
    m = match_topics(old, new, next_id=8)
    assert m.ids == {0: 7}
    assert m.counts() == {"continue": 1}


def test_two_topics_that_merge_continue_as_the_larger_and_the_other_is_recorded_as_merged():
    old = _assign({3: range(0, 40), 4: range(40, 60)})
    new = _assign({0: range(0, 60)})
    m = match_topics(old, new, next_id=5)
    assert m.ids == {0: 3}
    assert _events(m) == [("continue", 3, ()), ("merge", 4, (3,))]


def test_a_split_keeps_the_id_on_the_larger_part_and_the_smaller_part_is_a_split_with_its_parent():
    old = _assign({3: range(0, 60)})
    new = _assign({0: range(0, 40), 1: range(40, 60)})
    m = match_topics(old, new, next_id=5)
    assert m.ids == {0: 3, 1: 5}
    assert _events(m) == [("continue", 3, ()), ("split", 5, (3,))]


def test_new_notes_forming_their_own_cluster_are_a_birth_and_a_vanished_topic_is_a_death():
    old = _assign({3: range(0, 40), 4: range(40, 50)})
    new = _assign({0: range(0, 40), 1: range(100, 130)})  # topic 4's notes now unclear; new notes 100-129
    new.update({n: -1 for n in range(40, 50)})
    m = match_topics(old, new, next_id=5)
    assert m.ids == {0: 3, 1: 5}
    assert _events(m) == [("birth", 5, ()), ("continue", 3, ()), ("death", 4, ())]


def test_a_topic_scattered_over_many_clusters_dies():
    old = _assign({3: range(0, 40), 4: range(40, 80), 5: range(80, 90)})
    scattered = {80 + i: i % 2 for i in range(10)}  # topic 5 spread evenly over clusters 0 and 1
    new = {**_assign({0: range(0, 40), 1: range(40, 80)}), **scattered}
    m = match_topics(old, new, next_id=6)
    assert ("death", 5, ()) in _events(m)


def test_ids_are_never_reused():
    m = match_topics(_assign({3: range(0, 10)}), _assign({0: range(50, 60)}), next_id=42)
    assert m.ids == {0: 42}
    assert ("death", 3, ()) in _events(m)


def test_a_pm_merge_is_kept_when_the_refit_splits_the_merged_topic_again():
    # The PM merged topic 4 into topic 3: all 60 notes now sit in 3 (note_topics rewritten).
    old = _assign({3: range(0, 60)})
    new = _assign({0: range(0, 40), 1: range(40, 60)})  # the model separates them again
    sticky = match_topics(old, new, next_id=5, sticky_ids={3})
    assert sticky.ids == {0: 3, 1: 3}
    assert sticky.folded == {1: 0}
    assert sticky.counts() == {"continue": 1}
    plain = match_topics(old, new, next_id=5)
    assert plain.ids == {0: 3, 1: 5} and not plain.folded


def test_unclear_notes_never_count_as_a_topic():
    old = {**_assign({3: range(0, 30)}), **{n: -1 for n in range(30, 40)}}
    new = {**_assign({0: range(0, 30)}), **{n: -1 for n in range(30, 40)}}
    m = match_topics(old, new, next_id=4)
    assert m.ids == {0: 3}
    assert -1 not in m.ids


def test_matching_is_deterministic():
    old = _assign({3: range(0, 30), 4: range(30, 60), 5: range(60, 70)})
    new = _assign({0: range(0, 35), 1: range(35, 60), 2: range(60, 80)})
    assert match_topics(old, new, 6) == match_topics(old, new, 6)


def test_a_cluster_of_new_notes_does_not_take_over_a_topic_it_pulled_a_few_notes_from():
    # Topic 3 (10 notes) mostly fell apart; 3 of its notes joined a cluster of 200 newly imported notes.
    old = _assign({3: range(0, 10), 4: range(10, 60)})
    new = {**_assign({0: range(10, 60), 1: [7, 8, 9, *range(1000, 1200)]}), **{n: -1 for n in range(0, 7)}}
    m = match_topics(old, new, next_id=5)
    assert m.ids == {0: 4, 1: 5}  # the imported cluster gets a new id, not topic 3's
    assert ("birth", 5, ()) in _events(m) and ("death", 3, ()) in _events(m)


def test_a_cluster_about_something_else_does_not_inherit_a_small_topic():
    # Topic 3 had 4 notes; 3 of them sit in a cluster of 200 new notes about something else (low similarity).
    old = _assign({3: range(0, 4), 4: range(10, 60)})
    new = _assign({0: range(10, 60), 1: [0, 1, 2, *range(1000, 1200)], 2: [3]})
    unrelated = {(3, 1): 0.21, (4, 0): 0.97, (3, 2): 0.9}
    m = match_topics(old, new, next_id=5, similarity=unrelated)
    assert m.ids[1] != 3
    grown = match_topics(old, new, next_id=5, similarity={**unrelated, (3, 1): 0.88})
    assert grown.ids[1] == 3  # the same subject, grown by the import: it keeps its identity
