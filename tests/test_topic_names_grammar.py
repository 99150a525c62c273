"""Names read as English a PM would write, from notes written in an agent's own grammar (real spaCy parser).

Found by reading the names of an imported export of another make (TweetSumm call summaries): "Delayed of
flight", "Complaints", "Use app" for notes that say the customer *cannot* use the app, a theme "Facing
internet", a topic named by a clause of the agent's sentence ("Power cycle and the gaming console").
"""

from __future__ import annotations

import numpy as np

from insight.topics.composed import parse_notes, pieces_in
from insight.topics.meaning import MARGIN_WEIGHT, ONE_WORD_PENALTY, RIVAL_WEIGHT, rank_by_meaning
from insight.topics.naming import name_groups, sample_phrases, short_note
from insight.topics.note_names import note_as_name
from insight.topics.phrases import phrases_in


def _phrases(text: str) -> list[str]:
    (doc,) = parse_notes([text])
    return [p.text for p in phrases_in(doc)]


def _pieces(text: str) -> list[str]:
    (doc,) = parse_notes([text])
    return [p.text for p in pieces_in(doc)]


def test_a_participle_written_for_its_noun_takes_no_of():
    note = "Customer is complaining about delayed of flight.So he missing another flight."
    assert not any(" of " in p for p in _phrases(note)), _phrases(note)
    assert "delay of flight" in _pieces(note)  # the noun, as the composed piece reads it
    assert "cancellation of flight" in _phrases("Customer wants a cancellation of flight 22")  # a noun may


def test_words_that_describe_the_customer_are_not_the_need():
    # the demo's "Store bought new Galaxy S25": "in store" describes the customer, who is not the topic
    phrases = _phrases("eSIM not available on our network, customer in store bought a new Galaxy S25 and is stuck.")
    assert "bought new Galaxy S25" in phrases
    assert not any(p.startswith("store") for p in phrases), phrases
    assert _phrases("Small business owner called to say the engineer was brilliant.") == ["engineer"]
    # a place the need happens at still counts, and so does what an issue is with
    assert "card payment declined at store" in _phrases("My card payment was declined at the store.")
    assert "app" in _phrases("Customer has an issue with the app.")
    # a family member or a travel agent is what a note is about, not who it is about
    assert "family" in _phrases("I want to add a family member to my plan")
    assert "travel" in _phrases("Can a travel agent book this?")


def test_meeting_trouble_is_a_frame_but_an_experience_is_a_need():
    phrases = _phrases("The customer is complaining that he is facing internet outage issue.")
    assert "internet outage" in phrases
    assert not any(p.startswith("facing") for p in phrases), phrases
    assert not any(p.startswith(("face", "experience")) for p in _pieces("Customer is experiencing a wifi outage"))
    assert "bad experience" in _phrases("Customer had a bad experience with the engineer")


def test_a_complaint_says_that_the_customer_complains_not_what_about():
    assert _phrases("Customer complaints of losing seats.") == ["losing seats", "seats"]
    assert "complaints" not in _phrases("The customer has complaints about the staff at the store")
    assert "complaint" not in _phrases("Customer is aggressive and complaint registered")
    assert "old complaint" in _phrases("Called about an old complaint, already resolved")
    assert note_as_name("Customer had complaint about watching only live tv") == "watching only live tv"
    assert note_as_name("Customer made a complaint about the late delivery") == "late delivery"
    # an issue or a problem still says that something is wrong with it
    assert note_as_name("Customer having an issue with paying bill.") == "issue with paying bill"


def test_what_the_customer_cannot_do_is_said_so():
    assert "can't use app" in _phrases("Customer is unable to use an app. Agent informed customer to contact tech.")
    assert "can't use app" in _pieces("Customer is unable to use an app.")
    assert "can't verify identity" in _phrases("I cannot verify my identity")
    assert "can't top up card" in _pieces("I can't top up my card")
    assert "can't log in" in _phrases("why am I not able to log in to the app")
    # without the negation the need is the task itself
    howto = _phrases("How do I use the app")
    assert "use app" in howto and not any("can't" in p for p in howto)
    assert "not receive card" not in _phrases("I did not receive my card")  # only "cannot" is read, not any "not"


def test_a_topic_of_what_customers_cannot_do_is_named_so():
    cannot = [
        "Customer is unable to use the app since Monday.",
        "Customer can't use the app at all.",
        "Customer cannot use the app on his phone.",
    ]
    howto = ["How do I use the app to pay", "how to use the app abroad", "Explain how to use the app"]
    texts = cannot + howto
    labels = np.array([0, 0, 0, 1, 1, 1])
    sample = sample_phrases(texts, labels, np.linspace(1.0, 0.5, len(texts)))
    names = name_groups(sample, labels[sample.rows], [3, 3], "Topic")
    assert names[0] == "Can't use app", names
    assert "can't" not in names[1].lower(), names


def test_a_clause_of_the_agent_s_sentence_never_names_a_topic():
    note = (
        "Customer is complaining that download and install a game on Xbox one even after reinstalling. "
        "Agent requests to try by resetting the router/modem, power cycle and the gaming console."
    )
    assert short_note([note], about=["gaming console"]) is None
    glued = "Customer is complaining about the seat.Agent will look into the upgrade, seat upgrade pending today"
    assert short_note([glued], about=["seat upgrade"]) is None  # a sentence glued to the last is still the agent's


def test_a_lone_letter_split_from_its_digit_is_no_part_of_a_name():
    assert not any(p.lower().startswith("g ") for p in _pieces("Customer says the 4g network is down again"))


def test_a_theme_name_that_means_another_theme_more_than_its_own_comes_last():
    # a theme of service complaints beside a theme of deliveries: "Failed delivery" scores higher on its own
    # centroid than "Service" does, but it is nearer the deliveries' centroid than its own
    vectors = {
        "failed delivery": [0.6, 0.8, 0.0],
        "service": [0.45, 0.35, 0.82],
        "late parcel": [0.0, 1.0, 0.0],
    }

    def embed(texts):
        rows = np.array([vectors[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    centroids = np.eye(3, dtype=np.float32)[:2]
    pools = [["failed delivery", "service"], ["late parcel"]]
    (service, delivery) = rank_by_meaning(pools, centroids, embed, point_home=True)
    assert service == ["service", "failed delivery"]
    assert delivery == ["late parcel"]
    # topics do not point home: a topic's nearest sibling is often its near-twin
    assert rank_by_meaning(pools, centroids, embed)[0] == ["failed delivery", "service"]
    # without the rule, the score alone would have put "failed delivery" first
    v = embed(["failed delivery", "service"])
    own, nearest = v @ centroids[0], v @ centroids[1]
    rival = v @ embed(["late parcel"])[0]
    score = own + MARGIN_WEIGHT * (own - nearest) - RIVAL_WEIGHT * rival - ONE_WORD_PENALTY * np.array([0, 1])
    assert score[0] > score[1]


def test_another_system_s_masks_are_placeholders_never_names():
    # a public complaints export masks what it redacted as "XXXX" (and dates as "XX/XX/2023")
    note = "XXXX XXXX client service and XXXX creditor contact"
    assert short_note([note, "Late payment on my car loan"]) == "Late payment on my car loan"
    assert not any("XX" in p for p in _phrases("I paid XXXX on XX/XX/2023 to the XXXX collection agency"))
    assert "collection agency" in _phrases("I paid XXXX on XX/XX/2023 to the XXXX collection agency")
    assert not any("XX" in p for p in _pieces("The XXXX agency reported my XXXX loan late"))


def test_a_state_is_said_as_a_name_says_it_not_as_the_auxiliary_left_it():
    # "does not work" leaves the bare verb: "Card not work" is no name a PM writes
    assert "card not working" in _phrases("My card does not work")
    assert "card not work" not in _phrases("My card does not work")
    assert "deposit not showing up" in _phrases("Cash deposit did not show up")  # a particle may follow
    assert "refund not appearing" in _phrases("The refund did not appear")
    assert "transfer failed" in _phrases("Why did my transfer fail")
    # a participle or a present the note wrote stays as written
    assert "card not arrived" in _phrases("My card has not arrived")
    assert "app crashes" in _phrases("The app crashes")
    # a verb that starts the phrase is the customer's task, not a state: "can't use app" keeps its verb
    assert "can't use app" in _phrases("Customer is unable to use the app")
    assert "card not working" in _pieces("My card does not work")


def test_a_topic_of_a_bare_state_is_named_with_its_participle():
    notes = ["My card does not work", "my card doesn't work", "Why does my card not work", "card does not work"]
    other = ["I want to change my PIN", "How do I change my PIN", "change PIN please", "can I change my pin"]
    sample = sample_phrases(notes + other, np.array([0] * 4 + [1] * 4), np.ones(8))
    names = name_groups(sample, np.array([0] * 4 + [1] * 4)[sample.rows], [4, 4])
    assert names[0] == "Card not working"


def test_a_report_of_trouble_keeps_the_trouble_and_customer_service_is_a_compound():
    # TweetSumm's summaries: "customer service" is what was complained about, not who complained
    assert note_as_name("Customer is complaining about the customer service") == "customer service"
    assert note_as_name("Customer is complaining about the customer support team") == "customer support team"
    assert note_as_name("Customer service was great today") == "Customer service was great today"
    # whatever trouble the customer "is facing" or "having" is the name, not "is facing service issue"
    assert note_as_name("Customer is facing service issue") == "service issue"
    assert note_as_name("Customer is having trouble logging in") == "trouble logging in"
    assert note_as_name("Customer stuck in login loop on the app") == "stuck in login loop on the app"
    # a report's verb as the notes spell it
    assert note_as_name("Customer enquirers about change flight booked date") == "change flight booked date"
    assert note_as_name("Customer enquire about the refund status") == "refund status"


def test_the_customers_copula_goes_with_the_customer():
    # "Customer is aggressive about billing" named a TweetSumm topic "Is aggressive about billing"
    assert note_as_name("Customer is aggressive about billing.") == "aggressive about billing"
    assert note_as_name("Customer is unable to log in") == "unable to log in"
    assert note_as_name("The customer was charged twice") == "charged twice"
    assert note_as_name("Customer has been waiting for a refund") == "waiting for a refund"
    assert note_as_name("Customer service is slow") == "Customer service is slow"  # a compound keeps its verb
    assert note_as_name("Customer is angry") == "Customer is angry"  # one word left is no name


def test_a_phrase_opening_on_a_verb_never_ends_on_one():
    # "change flight booked date": "flight" is what is changed, so "booked" has no subject to end on
    phrases = _phrases("Customer enquires to change flight booked date.")
    assert "change flight" in phrases and "change flight booked" not in phrases
    assert "transfer failed" in _phrases("My transfer failed")  # a noun subject still ends on its verb
