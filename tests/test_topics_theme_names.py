"""What a PM reads on an import of another make: theme names that cover their topics, keywords without the
export's template, names cased as the notes write them (real spaCy tagger, texts after TweetSumm and CFPB)."""

from __future__ import annotations

import numpy as np

from insight.topics.casing import as_written, written_forms
from insight.topics.labels import vocabulary_text
from insight.topics.template import template_words, without_template
from insight.topics.theme_names import covering_theme_names
from tests.topics_corpus import sampled_groups

# --- casing -------------------------------------------------------------------------------------------


def test_a_name_takes_each_word_as_the_notes_write_it_mid_sentence():
    notes = [
        "Customer is complaining about watching only live TV on the app.",
        "The customer cannot stream live tv since the update.",
        "Customer says live TV keeps buffering on his iOS device.",
        "The iOS app crashes when the customer opens Spotify.",
        "Customer cannot log in to spotify on the new phone.",
        "Customer complains that Spotify skips songs.",
        "I am writing about a Debt Collection agency.",
        "The debt collection agency keeps calling me at work.",
        "A debt collection company reported a debt I do not owe.",
    ]
    forms = written_forms(notes)
    assert as_written("Live tv", forms) == "Live TV"  # an acronym stays one where half the notes write it so
    assert as_written("Debt Collection", forms) == "Debt collection"  # one writer's capitals are not a name
    assert as_written("Ios update", forms) == "iOS update"  # inner capitals keep the first letter small
    assert as_written("issue with spotify app", forms) == "Issue with Spotify app"  # a proper name, sentence case


def test_chat_spellings_are_written_out_in_names():
    forms = written_forms(["I want to list ur payment options", "pls cancel"])
    assert as_written("List ur available payment modalities", forms) == "List your available payment modalities"
    assert as_written("ur order", forms) == "Your order"
    assert as_written("Cancel pls", forms) == "Cancel please"
    assert as_written("Dont charge twice", forms) == "Don't charge twice"
    # a capital U, or letters inside a word or an abbreviation, are not chat spellings
    assert as_written("Shipping to the U.S. and urgent refunds", forms) == "Shipping to the U.S. and urgent refunds"
    assert as_written("Turn off imessage", forms) == "Turn off imessage"


def test_a_word_at_the_start_of_a_sentence_is_no_evidence_of_its_case():
    notes = [
        "Billing was wrong again. Billing team did not call back.",
        "Wrong billing address on the account.",
        "THE BILLING ADDRESS IS WRONG AND NOBODY FIXES IT",  # a note in capitals is no evidence either
    ]
    forms = written_forms(notes)
    assert set(forms["billing"]) == {"billing"}  # sentence starts are capitalised whatever the word is
    assert as_written("Billing address", forms) == "Billing address"
    assert as_written("Wrong Billing address", forms) == "Wrong billing address"
    assert as_written("Word never seen", forms) == "Word never seen"


def test_a_clause_an_agent_opens_after_a_colon_a_dash_or_an_aside_is_a_sentence_start():
    notes = [  # the demo's agents: the need follows a lead-in, capitalised as a sentence is
        "FYI Engineer went above and beyond, customer wants to thank him by name.",
        "Another one - Engineer went above and beyond.",
        "3rd this week: Engineer went above and beyond.",
        "Caller called just to say the engineer was brilliant, tidy and on time.",
        "Parent called to say the engineer was brilliant.",
        "Customer says live TV keeps buffering since the update.",
    ]
    forms = written_forms(notes)
    assert as_written("Brilliant Engineer", forms) == "Brilliant engineer"
    assert as_written("Live tv", forms) == "Live TV"  # a capital mid-sentence is still evidence


# --- template words -------------------------------------------------------------------------------------


def _tweetsumm_like():
    subjects = [
        ["the flight was delayed by {n} hours", "the flight was cancelled", "the flight left late again"],
        ["the internet connection keeps dropping", "the router has no internet", "slow internet speed at home"],
        ["the debit card was declined at the shop", "the card was charged twice", "the card payment failed"],
    ]
    closers = ["Agent asked to DM the details.", "Agent updated that the team will check.", "Agent apologised."]
    texts, labels = [], []
    for topic, lines in enumerate(subjects):
        for i in range(12):
            line = lines[i % 3].format(n=i + 2)
            texts.append(f"Customer is upset that {line}. {closers[i % 3]}")
            labels.append(topic)
    return texts, np.array(labels)


def test_words_every_topic_shares_are_the_template_and_a_domain_word_is_not():
    texts, labels = _tweetsumm_like()
    cleaned = [vocabulary_text(t) for t in texts]
    template = template_words(cleaned, labels)
    assert {"upset", "agent"} <= template  # in every note of every topic ("complaining" is a frame word now)
    assert "card" not in template and "flight" not in template  # frequent (33 %), but in one topic only
    # a long-narrative corpus where "credit" is frequent but concentrated keeps it
    narratives = ["my credit report is wrong"] * 10 + ["my credit card was charged"] * 5 + ["the loan is late"] * 10
    assert "credit" not in template_words(narratives, np.array([0] * 10 + [1] * 5 + [2] * 10))
    assert template_words(narratives, np.full(25, -1)) == frozenset()  # no topics, no evidence


def _agents_habits(topics: int = 10, per_topic: int = 40):
    """Notes of ``topics`` needs; one in eight, in every topic alike, closes with an agent's habit."""
    subjects = ["router", "invoice", "roaming", "esim", "password", "refund", "delivery", "upgrade", "pension", "alarm"]
    texts, labels = [], []
    for topic in range(topics):
        subject = subjects[topic % len(subjects)]
        for i in range(per_topic):
            habit = " Escalated to team lead." if (i + topic) % 8 == 0 else ""
            extra = " The voucher code expired." if topic == 0 and i < 25 else ""  # one need's
            texts.append(vocabulary_text(f"Customer asked about the {subject} number {i}.{extra}{habit}"))
            labels.append(topic)
    return texts, np.array(labels)


def test_a_rarer_habit_spread_as_evenly_as_chance_is_the_template_too():
    texts, labels = _agents_habits()
    template = template_words(texts, labels)
    assert {"escalated", "lead"} <= template  # in 12 % of the notes, every topic alike
    assert "voucher" not in template and "router" not in template  # one need's words
    few_texts, few_labels = _agents_habits(topics=4)
    assert "escalated" not in template_words(few_texts, few_labels)  # four topics are too few to tell


def test_template_words_come_off_a_keyword_s_ends_and_a_phrase_with_one_inside_is_dropped():
    template = frozenset({"complaining", "agent", "updated"})
    kept = without_template(
        ["complaining delayed delivery", "flight agent updated", "delay agent flight", "agent", "flights", "flights"],
        template,
    )
    assert kept == ["delayed delivery", "flight", "flights"]


# --- theme names that cover what they hold ------------------------------------------------------------------

FLIGHT_TOPICS = [
    [
        "Customer is complaining that the flight is delayed by three hours.",
        "The flight was delayed again and the customer missed a connection.",
        "Customer's flight delayed at the gate with no update.",
        "Flight delay of five hours on the way home.",
    ],
    [
        "Customer wants to cancel the flight ticket and get a refund.",
        "Ticket cancellation for the flight to Boston.",
        "Customer asks about ticket cancellation fees for the flight.",
        "Cancellation of a ticket after the flight was moved.",
    ],
    [
        "Baggage lost on the flight from Rome.",
        "Customer's baggage did not arrive after the flight.",
        "Damaged baggage after the flight, wants compensation.",
        "Lost baggage claim after a flight.",
    ],
    [
        "Customer wants a window seat on the flight.",
        "Seat change on the flight was not saved.",
        "Customer paid for a seat but the flight gave it away.",
        "Reserved seat missing on the flight.",
    ],
]
OTHER_TOPICS = [
    [
        "Game console will not start the game.",
        "Customer can't play the game after the patch.",
        "Game freezes on the console.",
        "The game disc is not read.",
    ],
    [
        "Laptop software crashes at launch.",
        "Windows update broke the laptop.",
        "The laptop restarts during an update.",
        "Software licence on the laptop expired.",
    ],
]


def test_a_theme_named_by_one_of_its_topics_is_renamed_by_what_they_all_share():
    sample, topic_of_row = sampled_groups(FLIGHT_TOPICS + OTHER_TOPICS)
    themes = np.array([0, 0, 0, 0, 1, 1])
    sizes = [82, 41, 30, 27, 50, 47]
    names = covering_theme_names(sample, topic_of_row, themes, sizes, ["Ticket cancellation", "Game"])
    assert names[0].lower() == "flight"  # "ticket cancellation" is one of its four topics; every one says flight
    # games and laptops share no word: the theme keeps its name rather than take a word of one topic
    assert names[1] == "Game"


def test_a_theme_name_that_covers_its_topics_is_kept_and_a_word_every_theme_uses_never_names_one():
    everywhere = [[f"{note} There is an issue." for note in notes] for notes in FLIGHT_TOPICS + OTHER_TOPICS]
    sample, topic_of_row = sampled_groups(everywhere)
    themes = np.array([0, 0, 0, 0, 1, 1])
    sizes = [82, 41, 30, 27, 50, 47]
    kept = covering_theme_names(sample, topic_of_row, themes, sizes, ["Flights", "Game"])
    assert kept == ["Flights", "Game"]  # "flight" is in every topic's notes: the name covers its theme
    renamed = covering_theme_names(sample, topic_of_row, themes, sizes, ["Seat", "Game"])
    assert renamed[0].lower() == "flight" and renamed[1] == "Game"  # "issue" covers both themes, names neither
    template = frozenset({"flight"})  # a word of the export's template never names a theme
    assert covering_theme_names(sample, topic_of_row, themes, sizes, ["Seat", "Game"], template)[0] != "Flight"


TRAVEL_TOPICS = [
    [
        "Book a train ticket to Leeds for Friday.",
        "Customer wants to book a train ticket for tomorrow.",
        "Book the early train ticket to London.",
        "Book two train tickets for the weekend.",
    ],
    [
        "Book a taxi to the station at six.",
        "Customer wants to book a taxi home.",
        "Book a taxi for the airport run.",
        "Book me a taxi to the office.",
    ],
]
BOOKS_TOPIC = [  # HWU64's "Resume audiobook": what "book" means, outside the transport theme
    "Resume the audiobook where I stopped.",
    "Read the next chapter of my audiobook.",
    "Continue the novel I was listening to.",
    "Play my audiobook from the last chapter.",
]


def _centroids(real_embedder, topics):
    vectors = [real_embedder.embed(notes).mean(axis=0) for notes in topics]
    return np.stack([v / np.linalg.norm(v) for v in vectors])


def test_a_covering_phrase_must_mean_its_own_topics_more_than_any_outside_the_theme(real_embedder):
    topics = FLIGHT_TOPICS + OTHER_TOPICS
    sample, topic_of_row = sampled_groups(topics)
    themes = np.array([0, 0, 0, 0, 1, 1])
    sizes = [82, 41, 30, 27, 50, 47]
    centroids = _centroids(real_embedder, topics)
    names = covering_theme_names(
        sample,
        topic_of_row,
        themes,
        sizes,
        ["Ticket cancellation", "Game"],
        centroids=centroids,
        embed=real_embedder.embed,
    )
    assert names[0].lower() == "flight"  # "flight" means delays, cancellations, bags and seats alike
    # a word every topic of a theme uses that means something else more: the name stays
    travel = [*TRAVEL_TOPICS, BOOKS_TOPIC]
    sample, topic_of_row = sampled_groups(travel)
    themes = np.array([0, 0, -1])
    plain = covering_theme_names(sample, topic_of_row, themes, [40, 30, 30], ["Train ticket"])
    judged = covering_theme_names(
        sample,
        topic_of_row,
        themes,
        [40, 30, 30],
        ["Train ticket"],
        centroids=_centroids(real_embedder, travel),
        embed=real_embedder.embed,
    )
    assert plain == ["Book"]  # by words alone: both topics say "book", the theme's name does not cover it
    assert judged == ["Train ticket"]  # but "Book" means the audiobooks more than trains and taxis


def test_a_theme_name_drops_a_leading_possessive_the_notes_wrote():
    from insight.topics.naming import PhraseSample
    from insight.topics.phrases import Phrase

    # an ALL-CAPS narrative is tagged badly and its phrase keeps "MY"; a theme is a category, not my payments
    texts = [
        "I AM CURRENT WITH MY MORTGAGE PAYMENTS",
        "my mortgage payments went up with escrow",
        "my mortgage payments were applied late",
        "my mortgage payments are not credited",
    ]
    mine = Phrase(("my", "mortgage", "payment"), ("MY", "MORTGAGE", "PAYMENTS"))
    sample = PhraseSample(np.arange(4), ((mine,), (mine,), (mine,), (mine,)), tuple(texts))
    names = covering_theme_names(sample, np.array([0, 0, 1, 1]), np.array([0, 0]), [10, 10], ["Escrow"])
    assert names == ["MORTGAGE PAYMENTS"]  # cased later, by the notes (insight.topics.casing)
    assert as_written(names[0], written_forms(texts)) == "Mortgage payments"


BUNDLE_TOPICS = [  # a telecom's family-bundle theme: both topics say "phone", as every theme of a telecom does
    [
        "Shared data across the family, each phone gets a slice.",
        "Customer wants shared data for three phones.",
        "Shared data bundle for the kids' phones.",
        "Can the shared data cover my wife's phone?",
    ],
    [
        "Multi-line deal for four phones.",
        "Customer asks for a multi-line deal on two phones.",
        "Multi-line deal cheaper than single phones?",
        "Multi-line deal, adding a phone for the son.",
    ],
]
PHONE_ELSEWHERE = [
    ["New phone will not take the eSIM.", "eSIM on the new phone fails.", "eSIM phone setup.", "Phone eSIM error."],
    ["Lost SIM, needs a new one.", "SIM card not delivered.", "Replacement SIM still missing.", "SIM delivery late."],
]


def test_one_word_names_a_theme_only_when_it_is_said_nearly_only_there():
    sample, topic_of_row = sampled_groups(BUNDLE_TOPICS + PHONE_ELSEWHERE)
    themes = np.array([0, 0, 1, 1])
    sizes = [30, 30, 30, 30]
    # "phone" is in every topic of the bundle theme, but a third of its uses are in the eSIM/SIM theme: no name
    names = covering_theme_names(sample, topic_of_row, themes, sizes, ["Family bundle", "eSIM"])
    assert names[0] == "Family bundle"
    # where the eSIM/SIM topics are not there, "phone" is the bundle theme's alone and may name it
    sample, topic_of_row = sampled_groups(BUNDLE_TOPICS)
    alone = covering_theme_names(sample, topic_of_row, np.array([0, 0]), [30, 30], ["Family bundle"])
    assert alone[0].lower() in {"phone", "phones"}
