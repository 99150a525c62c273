"""Topic names from the notes' own phrases (real spaCy tagger), merging same-need topics, stable theme ids."""

from __future__ import annotations

import numpy as np
import pytest

from insight.topics.meaning import (
    MARGIN_WEIGHT,
    NOTE_PENALTY,
    ONE_WORD_PENALTY,
    RIVAL_WEIGHT,
    candidate_pool,
    join_keyword,
    rank_by_meaning,
)
from insight.topics.merging import merge_plan
from insight.topics.naming import choose_names, name_groups, name_key, sample_phrases, sentence_case, short_note
from insight.topics.note_names import note_as_name
from insight.topics.phrases import extract_phrases, has_code
from insight.topics.themes import stable_theme_ids


def _texts(phrases):
    return [[p.text for p in ps] for ps in extract_phrases(phrases)]


def test_phrases_skip_pronouns_auxiliaries_and_filler_but_keep_negation():
    card, pin, esim, took = _texts(
        [
            "My card has not arrived yet, when will it come?",
            "Customer wants to change my PIN please",
            "Cust wants to move to eSIM on their new iPhone 16, we can't offer it yet.",
            "Took 20 min to sort out.",
        ]
    )
    assert "card not arrived" in card
    assert "change PIN" in pin and not any("want" in p or "customer" in p.lower() for p in pin)
    assert "move to eSIM" in esim and "eSIM" in esim  # inner capitals kept as written
    assert not any(p.endswith(" to") or p.startswith("to ") for p in esim)
    assert took == []  # time-spent filler is not a topic
    (rival,) = _texts(["Caller has an offer from SkyNet Home for half the price"])
    assert "offer from SkyNet Home" in rival and not any(p.startswith("Home") for p in rival)


def test_a_plan_or_model_code_is_a_noun_but_a_date_or_time_is_not():
    offer, debit = _texts(
        ["Cust says Vodaline offered 1Gb for less than they pay us now.", "Move it to the 28th at 5pm"]
    )
    assert "Vodaline offered 1Gb" in offer  # the verb and its object, not the lone rival "Vodaline"
    assert not any("28th" in p or "5pm" in p for p in debit)


@pytest.mark.parametrize(
    "note, dangling",
    [
        ("Engineer went to the wrong address", "engineer went"),
        ("Topped up recently, saw nothing", "topped recently saw"),
        ("Certain channels missing for the kids", "certain"),
    ],
)
def test_no_phrase_ends_on_a_dangling_word(note, dangling):
    (found,) = _texts([note])
    assert dangling not in found
    for phrase in found:
        assert phrase.split()[-1] not in {"to", "the", "for", "certain", "recently"}


def _sample(groups_texts):
    texts = [t for texts in groups_texts for t in texts]
    labels = np.concatenate([np.full(len(ts), g) for g, ts in enumerate(groups_texts)])
    scores = np.linspace(1.0, 0.5, len(texts))
    return sample_phrases(texts, labels, scores), labels


def test_names_prefer_the_phrase_that_covers_and_distinguishes_the_topic():
    arrival = [
        "My card has not arrived yet",
        "the card has still not arrived after two weeks",
        "card not arrived, what do I do",
        "when will my new card arrive? it has not arrived",
    ]
    pin = ["I want to change my PIN", "how do I change my PIN number", "need to change PIN on my card", "change PIN"]
    sample, labels = _sample([arrival, pin])
    names = name_groups(sample, labels[sample.rows], [len(arrival), len(pin)])
    assert names[0].lower().startswith("card not arrived")
    assert names[1] == "Change PIN"


def test_a_topic_without_a_shared_phrase_is_named_by_its_most_central_short_note():
    scattered = ["Wifi drops at night", "The router reboots itself every hour and the lights blink"]
    sample, labels = _sample([scattered])
    assert name_groups(sample, labels[sample.rows], [2]) == ["Wifi drops at night"]


def test_names_are_unique_and_fall_back_in_order():
    options = [["card arrival"], ["card arrivals", "delivery"], ["card arrival"], []]
    names = choose_names(options, [None, None, "x y", None])
    assert names[0] == "Card arrival"
    assert names[1] == "Delivery"  # plural of a taken name is the same name
    assert names[2] == "X y"  # no free phrase: the short-note fallback
    assert names[3] == "Topic 4"
    assert len({name_key(n) for n in names}) == 4


def test_sentence_case_keeps_inner_capitals_and_short_note_trims():
    assert sentence_case("eSIM option") == "eSIM option"
    assert sentence_case("pause plan") == "Pause plan"
    assert short_note(["a b c d e f g h i j", "Login loop after update."]) == "Login loop after update"


def test_merge_plan_joins_same_need_topics_and_keeps_near_twins_apart():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(3, 16))
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    sums = np.stack([base[0], base[0] + 0.1 * base[1], base[0] + 0.1 * base[2], base[1]]) * 10
    # topics 0 and 1 say the same things; topic 2 is as close in meaning but worded differently
    phrases = np.array([[5, 4, 0, 0], [4, 5, 0, 0], [0, 1, 5, 0], [0, 0, 0, 5]], dtype=float)
    owner = merge_plan(sums, phrases, np.full(4, 6), min_similarity=0.9, min_overlap=0.5)
    assert owner.tolist() == [0, 0, 2, 3]
    assert merge_plan(sums, phrases, np.full(4, 6), min_similarity=1.01, min_overlap=0.0).tolist() == [0, 1, 2, 3]


def test_theme_ids_follow_their_topics_across_refits():
    previous = {1: 10, 2: 10, 3: 11, 4: 11, 5: 12}
    # new run: themes regrouped; index 0 holds topics 3, 4 (was theme 11), index 1 holds 1, 2, 6
    themes = {3: 0, 4: 0, 1: 1, 2: 1, 6: 1, 7: 2}
    sizes = {1: 50, 2: 40, 3: 30, 4: 30, 6: 5, 7: 20}
    ids = stable_theme_ids(previous, themes, sizes, next_id=13)
    assert ids == {0: 11, 1: 10, 2: 13}


def test_a_keyword_joins_a_phrase_only_when_it_continues_it():
    assert join_keyword("Set alarm", "set alarm tomorrow") == "Set alarm tomorrow"
    assert join_keyword("Set alarm", "alarms set") is None  # adds nothing
    assert join_keyword("Freeze plan", "business owner answer") is None  # about something else
    assert join_keyword("Card", "lost") is None  # a one-word keyword only makes a word list


def test_keywords_become_candidates_only_as_the_notes_wrote_them():
    written = {name_key("wrong exchange rate"): "wrong exchange rate", name_key("card payment"): "card payment"}
    pool = candidate_pool(["card payment"], ["exchange rate wrong", "engineer went name"], None, written)
    assert "wrong exchange rate" in pool  # the bag of words, read back as written
    assert not any("engineer" in c for c in pool)  # nobody wrote it: not a name
    assert candidate_pool(["human"], (), "are you a real person") == ["human", "are you a real person"]
    # the most central short note competes with any phrase, not only with a lone word
    assert candidate_pool(["real person"], (), "are you a real person") == ["real person", "are you a real person"]
    assert candidate_pool(["real person"], (), "one two three four five six seven eight nine") == ["real person"]


def test_a_note_whose_first_clause_holds_the_topic_competes_without_its_trailing_remark():
    # the best phrase is in the first clause: the rest is a remark, and the clause says it already
    assert candidate_pool(["wrong number"], (), "Wrong number, transferred") == ["wrong number"]
    pool = candidate_pool(["SIM delivery", "courier"], (), "SIM delivery delayed again, courier says no parcel")
    assert pool == ["SIM delivery", "courier", "SIM delivery delayed again"]
    # the first clause does not hold it: the whole note competes, and its clause beside it
    pool = candidate_pool(["correct response"], (), "Uh no, i think not correct response")
    assert pool == ["correct response", "Uh no, i think not correct response", "Uh no"]


def test_a_central_note_competes_as_a_name_without_the_words_that_frame_the_request():
    assert note_as_name("How do I activate my card?") == "activate my card"
    assert note_as_name("Can I exchange currencies") == "exchange currencies"
    assert note_as_name("I need to cancel a transfer.") == "cancel a transfer"
    assert note_as_name("Customer wants to move to eSIM on their new Galaxy") == "move to eSIM on new Galaxy"
    # the customer's "their" is no part of a name; a customer's own "my" stays (it is how they asked)
    assert note_as_name("Can customers freeze their plan while away?") == "freeze plan while away"
    assert note_as_name("Is there a fee for physical cards") == "fee for physical cards"
    assert note_as_name("Revert to factory settings please") == "Revert to factory settings"
    assert note_as_name("No eSIM option for the customer") == "No eSIM option"  # who it was for is no part of it
    assert note_as_name("Customer lost the sports channels again") == "lost the sports channels"
    # a question word that carries the meaning stays; a note that would shrink to one word stays whole
    assert note_as_name("Why is my transfer pending") == "Why is my transfer pending"
    assert note_as_name("Can you tell me the time") == "Can you tell me the time"
    assert note_as_name("Can my friends top up my account") == "Can my friends top up my account"


def test_a_short_note_wins_only_when_it_means_more_than_the_phrases(real_embedder):
    pause = ["wants to pause the subscription while abroad", "pause my subscription for 3 months please"]
    sports = ["sports channel missing from the box", "lost the sports channels after the update"]
    centroids = real_embedder.embed([" ".join(pause), " ".join(sports)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    shorts = [note_as_name("Customer wants to pause the subscription"), None]
    ranked = rank_by_meaning([["subscription"], ["sports channel"]], centroids, real_embedder.embed, shorts=shorts)
    assert ranked[0][0] == "pause the subscription"  # the verb says what the need is; "Subscription" does not
    vectors = real_embedder.embed(["pause the subscription", "subscription"])
    own = vectors @ centroids[0]
    assert own[0] - NOTE_PENALTY > own[1] - ONE_WORD_PENALTY  # the score as documented decides it
    assert ranked[1] == ["sports channel"]


def test_the_name_points_at_its_own_topic_rather_than_its_sibling(real_embedder):
    arrival = ["my new card has not arrived yet", "still waiting for my card to arrive", "when will my card arrive"]
    broken = ["my card is not working at the till", "card stopped working", "the card does not work anymore"]
    centroids = real_embedder.embed([" ".join(arrival), " ".join(broken)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    options = [["card not arrived", "card arrive"], ["card not working", "card"]]
    ranked = rank_by_meaning(options, centroids, real_embedder.embed)
    vectors = real_embedder.embed(["card not arrived", "card arrive", "card not working", "card"])
    own = vectors[:2] @ centroids.T
    margins = own[:, 0] - own[:, 1]
    rival = (vectors[:2] @ vectors[2:].T).max(axis=1)  # the nearest candidate of the other topic
    score = own[:, 0] + MARGIN_WEIGHT * margins - RIVAL_WEIGHT * rival
    assert ranked[0][0] == options[0][int(np.argmax(score))]  # the score as documented
    assert margins[options[0].index(ranked[0][0])] > 0  # and the chosen name is nearer its own topic
    assert ranked[1][0] == "card not working"
    assert ranked[1][-1] == "card"  # a lone word pays for being vague


def test_a_hyphenated_word_stays_one_word_in_a_phrase():
    (addon,) = _texts(["Asked if they can pause the streaming add-on over summer, we only offer cancel."])
    assert "pause streaming add-on" in addon
    assert not any(p.split()[-1] == "add" for p in addon)  # never "Pause streaming add" beside "… add on"
    (spaced,) = _texts(["Home move - wants service live"])
    assert "home move" in spaced  # a dash between words is punctuation, not a joined word


def test_a_copula_is_kept_so_a_subject_is_not_glued_to_its_praise():
    (chat,) = _texts(["Customer said the chat was the quickest support they ever had."])
    assert "chat was quickest support" in chat and "chat quickest support" not in chat
    (card,) = _texts(["My card has not arrived yet"])
    assert "card not arrived" in card  # an auxiliary before its verb is still skipped


def test_a_preposition_belongs_to_a_word_of_its_phrase():
    (faults,) = [
        [p.text for p in ps]
        for ps in sample_phrases(
            ["Would be great if the app told people about local faults."], np.array([0]), np.array([1.0])
        ).phrases
    ]
    assert "people about local faults" not in faults and "local faults" in faults  # "about" hangs on "told"
    (esim,) = [
        [p.text for p in ps]
        for ps in sample_phrases(
            ["Cust wants to move to eSIM on their new phone"], np.array([0]), np.array([1.0])
        ).phrases
    ]
    assert "move to eSIM" in esim


def test_a_clause_where_the_agent_speaks_of_themselves_names_nothing():
    note = "Would be great if the app told people about local faults, half my calls today were the same outage."
    assert short_note([note], about=["same outage", "local faults"]) is None
    assert short_note([note.replace("half my calls", "half the calls")], about=["same outage"]) == (
        "half the calls today were the same outage"
    )


def test_short_note_falls_back_to_a_short_clause_of_a_central_note():
    note = "Engineer went above and beyond, small business owner wants to thank him by name."
    assert short_note([note], about=["name", "engineer"]) == "Engineer went above and beyond"
    assert short_note(["Caller is moving house soon. Took 20 min to sort out."], about=["router"]) is None
    assert short_note(["one two three four five six seven eight nine ten"]) is None
    assert short_note(["<PERSON>", "call <PERSON> now", "Call my mum"]) == "Call my mum"  # a placeholder is no name
    (phrases,) = _texts(["Call <PERSON> about the <EMAIL> change"])
    assert not any("PERSON" in p or "EMAIL" in p for p in phrases)


def test_a_theme_is_named_by_a_phrase_not_by_one_of_its_notes(fake_embedder):
    music = ["what song is playing", "which song is this", "name this song", "song playing now"]
    lights = ["dim the lights", "lights brighter please", "turn the lights off", "lights in the kitchen"]
    sample, labels = _sample([music, lights])
    centroids = fake_embedder.embed([" ".join(music), " ".join(lights)])
    names = name_groups(
        sample,
        labels[sample.rows],
        [4, 4],
        "Theme",
        centroids=centroids,
        embed=fake_embedder.embed,
        notes_compete=False,
    )
    assert "song" in names[0].lower() and names[0].lower() not in music  # a phrase, not a note
    assert "light" in names[1].lower() and names[1].lower() not in lights


def test_a_theme_is_not_named_by_a_plan_code_that_names_one_of_its_topics():
    assert has_code("Upgrading to 2Gb") and has_code("Galaxy S25")
    assert not has_code("Upgrading speed") and not has_code("Move it to the 28th at 5pm")
    speed = [
        "wants upgrading to 2Gb",
        "asked about upgrading to 2Gb",
        "upgrading to 2Gb for the kids",
        "upgrading speed please",
        "interested in upgrading speed",
    ]
    sample, labels = _sample([speed, ["router lights flashing", "router lights orange", "router restarts"]])
    as_topics = name_groups(sample, labels[sample.rows], [5, 3], "Topic")
    as_themes = name_groups(sample, labels[sample.rows], [5, 3], "Theme", codes_name=False)
    assert as_topics[0] == "Upgrading to 2Gb"  # a topic may be named by its plan
    assert as_themes[0] == "Upgrading speed"  # a theme holds several plans: its name is what they share


def test_a_summary_s_report_of_what_was_said_is_a_frame_too():
    # call summaries report the need ("Customer is complaining that…"): the report is no part of the name
    assert note_as_name("Customer is complaining that the train was too late.") == "train was too late"
    assert note_as_name("The customer is complaining about the live tv") == "live tv"
    assert note_as_name("Customer enquired about his Iphone and Apple watch") == "Iphone and Apple watch"
    assert note_as_name("Cust says router keeps dropping") == "router keeps dropping"
    assert note_as_name("Customer complains that he is unable to play music") == "unable to play music"
    assert note_as_name("Customer is placing a complain on internet issue") == "internet issue"
    assert note_as_name("Customer said hi") == "Customer said hi"  # one word left: the note stays whole
    # who had the trouble goes, the trouble stays: it is what the name is about
    assert note_as_name("Customer having an issue with paying bill.") == "issue with paying bill"
    assert note_as_name("Customer has a problem with the website") == "problem with the website"
    assert note_as_name("Customer complaints about delay in flight") == "delay in flight"
    assert note_as_name("Customer is requesting to reset the password") == "reset the password"
    assert note_as_name("Customer is disappointed with the network issue") == "network issue"


def test_what_the_agent_did_never_names_a_topic():
    agent_first = ["Agent asked them to DM the booking reference.", "Seat changed after the delay"]
    assert short_note(agent_first) == "Seat changed after the delay"
    note = "Customer flight was delayed by two hours. The agent apologised and rebooked the flight."
    assert short_note([note], about=["agent", "rebooked"]) is None  # the agent's clause is the handling
    assert short_note([note], about=["flight"]) == "Customer flight was delayed by two hours"


def test_a_theme_is_not_named_by_a_rival_only_one_of_its_topics_names():
    offers = [
        "caller has an offer from Vodaline",
        "got an offer from Vodaline for half the price",
        "offer from Vodaline is cheaper",
        "offer from Vodaline, thinking of leaving",
        "matched an offer from Vodaline",
    ]
    nimbus = ["leaving for Nimbus, better offer", "better offer, leaving for Nimbus", "leaving for Nimbus"]
    fibre = ["leaving for FibreNow, better offer", "better offer elsewhere, leaving for FibreNow"]
    sample, labels = _sample([offers, nimbus, fibre])
    topics = labels[sample.rows]
    one_theme = np.zeros_like(topics)
    plain = name_groups(sample, one_theme, [10], "Theme")
    kept = name_groups(sample, one_theme, [10], "Theme", parts=topics)
    assert "Vodaline" in plain[0]  # the theme's most frequent phrase names one of its topics' rival
    assert not any(rival in kept[0] for rival in ("Vodaline", "Nimbus", "FibreNow"))
    assert kept[0] != "Theme"  # still a phrase the topics share


def test_the_name_chosen_is_the_best_free_candidate_of_the_ranking(fake_embedder):
    from insight.topics.naming import ranked_candidates

    music = ["what song is playing", "which song is this", "name this song", "song playing now"]
    lights = ["dim the lights", "lights brighter please", "turn the lights off", "lights in the kitchen"]
    sample, labels = _sample([music, lights])
    centroids = fake_embedder.embed([" ".join(music), " ".join(lights)])
    kwargs = {"centroids": centroids, "embed": fake_embedder.embed}
    ranked, fallbacks = ranked_candidates(sample, labels[sample.rows], [4, 4], **kwargs)
    names = name_groups(sample, labels[sample.rows], [4, 4], "Topic", **kwargs)
    assert [sentence_case(r[0]) for r in ranked] == names  # distinct here, so each group's first candidate
    assert len(fallbacks) == 2


def test_a_customer_s_request_for_help_is_a_frame_and_an_order_number_names_nothing():
    assert note_as_name("I need assistance to cancel my order") == "cancel my order"
    assert note_as_name("Want help cancelling purchase") == "cancelling purchase"
    assert note_as_name("Could you assist me with my invoice") == "my invoice"
    assert note_as_name("Support via WhatsApp") == "Support via WhatsApp"  # "support" is the need here
    assert note_as_name("Need to speak to a live agent") == "speak to a live agent"  # its subject left out
    notes = ["Want help cancelling purchase 73220134", "Remove an item from order1135426177359", "Cancel my order"]
    assert short_note(notes) == "Cancel my order"  # a number names one case, not the need
    assert short_note(["Assistance finding the invoice #12588"]) is None
    assert short_note(["Price going up 8% mid contract"]) == "Price going up 8% mid contract"


def test_an_amount_one_note_wrote_is_taken_out_of_a_name_and_one_most_notes_share_stays(real_embedder):
    """ "Price going up 8% mid contract" named price rises of every size; a plan code the notes share still names."""
    from insight.topics.cluster import unit_centroids

    rise = [
        "Price going up 8% mid contract, customer is angry",
        "price going up 5% mid contract again",
        "Price going up mid contract and nobody told them",
        "says the price going up 11% mid contract is unfair",
        "price going up mid contract, wants to leave",
    ]
    esim = ["2FA text not received on the app", "2FA text not received again", "the 2FA text never arrives"]
    sample, labels = _sample([rise, esim])
    texts = rise + esim
    vectors = real_embedder.embed(texts)
    centroids = unit_centroids(vectors, labels, 2)
    names = name_groups(sample, labels[sample.rows], [5, 3], centroids=centroids, embed=real_embedder.embed)
    assert names[0] == "Price going up mid contract"
    assert "2FA" in names[1]


def test_amounts_shared_trims_rare_amounts_and_the_preposition_they_leave():
    from insight.topics.naming import amounts_shared

    sample, labels = _sample([["I expect a refund of $160", "refund of $20 missing", "refund not paid yet"]])
    kept = amounts_shared(sample, labels[sample.rows])
    assert kept(0, "I expect a refund of $160") == "I expect a refund"
    assert kept(0, "Upgrading to 1Gb") == "Upgrading to 1Gb"  # a plan code is no amount
    sample, labels = _sample([["charged £5 fee", "a £5 fee on every payment", "£5 fee again"]])
    assert amounts_shared(sample, labels[sample.rows])(0, "£5 fee") == "£5 fee"  # every note holds it
