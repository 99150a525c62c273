"""The demo's vocabulary: Brightline's teams, agents' names, and the themes customers talk about.

Each :class:`Theme` is one recurring thing customers say, with note templates, the products it is
about, its kind, and how its weekly volume moves (steady, rising, emerging, new, fading, spike).
Used by :mod:`ingest.demo`; nothing here is real data.
"""

from __future__ import annotations

from dataclasses import dataclass

TEAMS: dict[str, tuple[str, ...]] = {  # team -> the channels it works on
    "Care Phone": ("phone",),
    "Care Chat": ("chat", "social"),
    "Retention": ("phone", "email"),
    "Tech Support": ("phone", "chat"),
    "Stores": ("in-person",),
}
FIRST = (
    "ana ben chloe dev ema farid gina hugo ines jon kemi liam maya noor omar priya raj sara tom uma vic wen yusuf zoe"
)
LAST = "khan rossi okafor smith nguyen silva brown patel murphy kowalski jones haddad novak garcia lee"
SEGMENTS = ("consumer", "consumer", "consumer", "small business", "premium")
WHO = ("Customer", "Caller", "Cust", "Elderly customer", "Small business owner", "Customer in store", "Parent")
LEADS = ("", "", "", "Again today: ", "Another one - ", "FYI ", "3rd this week: ")
TAILS = (
    "",
    "",
    "",
    " Asked if we have plans for this.",
    " Quite frustrated.",
    " Said she'd tell her friends.",
    " Escalated to team lead.",
    " Took 20 min to sort out.",
    " Logged so product sees it.",
)
PII_TAILS = (" Call back on 07700 900{n:03d}.", " Wants reply to j.doe{n}@example.com.")


@dataclass(frozen=True)
class Theme:
    """One recurring thing customers say, with who says it and how its volume moves over the weeks."""

    key: str
    kind: str
    products: tuple[str, ...]
    weight: float  # notes per week at full strength, per 300 notes a week
    profile: str  # steady · emerging · new · fading · spike · rising
    templates: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "esim",
        "need",
        ("Mobile",),
        9,
        "emerging",
        (
            "{who} wants to move to eSIM on their new {phone}, we can't offer it yet.",
            "{who} asked whether we support eSIM - their {phone} has no SIM tray.",
            "No eSIM option for {who2}, said {rival} set it up in minutes.",
            "eSIM not available on our network, {who2} bought a new {phone} and is stuck.",
            "Can we do eSIM? {who} travelling next month and wants a dual SIM setup.",
        ),
    ),
    Theme(
        "login-loop",
        "complaint",
        ("My Brightline app",),
        10,
        "new",
        (
            "App keeps looping back to the login screen after the update, {who2} can't see their bill.",
            "{who} stuck in login loop on the app, reinstalling didn't help.",
            "Verification code by SMS never arrives so {who2} can't log in to the app.",
            "Login to the app fails since the latest version, goes round in circles.",
            "{who} can't get into the app - 2FA text not received, tried {n} times.",
        ),
    ),
    Theme(
        "pause",
        "need",
        ("TV & Streaming",),
        7,
        "rising",
        (
            "{who} going abroad for {months} months and wants to pause the TV package instead of cancelling.",
            "Asked if they can pause the streaming add-on over summer, we only offer cancel.",
            "{who} would keep the subscription if they could pause it for {months} months.",
            "Can customers freeze their plan while away? {who2} asked, we had no answer.",
        ),
    ),
    Theme(
        "router-firmware",
        "complaint",
        ("Fibre Broadband",),
        5,
        "spike",
        (
            "Wifi drops every few minutes since the router firmware update.",
            "{who} says the router restarts itself overnight after the update, lost connection again.",
            "Router lights flashing orange after update, had to factory reset for {who2}.",
            "Internet cutting out constantly since last week's router update, {who2} works from home.",
        ),
    ),
    Theme(
        "price-rise",
        "churn-risk",
        ("Fibre Broadband", "TV & Streaming"),
        8,
        "steady",
        (
            "{who} got the price rise letter and is threatening to leave.",
            "Price going up {pct}% mid contract, {who2} says that's unfair and wants to cancel.",
            "{who} comparing with {rival}, says our price rise makes us the most expensive.",
            "Wants to leave over the annual price increase unless we match {rival}.",
        ),
    ),
    Theme(
        "rival-offer",
        "churn-risk",
        ("Fibre Broadband", "Mobile"),
        7,
        "steady",
        (
            "{who} has an offer from {rival} for half the price, asked us to match or they go.",
            "Leaving for {rival} at end of contract, cheaper and faster.",
            "{who} says {rival} offered {speed} for less than they pay us now.",
        ),
    ),
    Theme(
        "installer-praise",
        "praise",
        ("Fibre Broadband",),
        8,
        "steady",
        (
            "{who} called just to say the engineer was brilliant, tidy and on time.",
            "Lovely feedback about the installer, explained everything to {who2}.",
            "Engineer went above and beyond, {who2} wants to thank him by name.",
            "Praise for the install team - done in an hour, {who2} delighted.",
        ),
    ),
    Theme(
        "chat-praise",
        "praise",
        ("My Brightline app", "Mobile"),
        6,
        "steady",
        (
            "{who} said the chat was the quickest support they ever had.",
            "Thanked us for sorting the bill in one chat, no transfers.",
            "{who} happy the issue was fixed first time, gave 5 stars.",
        ),
    ),
    Theme(
        "speed-upsell",
        "upsell",
        ("Fibre Broadband",),
        7,
        "steady",
        (
            "{who} works from home and asked about upgrading to {speed}.",
            "Gaming household, interested in faster fibre - sent {speed} offer.",
            "{who} asked what the fastest package is, kids streaming all evening.",
            "Interested in upgrading speed, wants a price for {speed}.",
        ),
    ),
    Theme(
        "family-plan",
        "upsell",
        ("Mobile",),
        5,
        "steady",
        (
            "{who} wants to add {n} more lines for the kids, asked for a family discount.",
            "Asked about a family bundle with shared data for {n} phones.",
            "Interested in adding partner's phone to their plan if there is a multi-line deal.",
        ),
    ),
    Theme(
        "roaming-bill",
        "complaint",
        ("Mobile",),
        6,
        "steady",
        (
            "Bill shock after holiday, {who2} charged £{amount} for roaming and had no warning text.",
            "{who} disputes £{amount} roaming charges, thought EU roaming was included.",
            "Roaming charges way higher than expected, {who2} wants a cap or an alert.",
        ),
    ),
    Theme(
        "debit-date",
        "need",
        ("Fibre Broadband", "Mobile", "TV & Streaming"),
        6,
        "steady",
        (
            "{who} asked to move the direct debit date to after payday, we can't do it online.",
            "Wants to change the payment date to the {day}th, had to raise a ticket.",
            "Direct debit date change request again - why is this not self-service?",
        ),
    ),
    Theme(
        "sports-channel",
        "complaint",
        ("TV & Streaming",),
        9,
        "fading",
        (
            "Sports channel missing from the TV box after the update, {who2} pays for the sports pack.",
            "{who} lost the sports channels again, box says not subscribed.",
            "Sports pack not showing on the box since the software update.",
        ),
    ),
    Theme(
        "sim-delay",
        "complaint",
        ("Mobile",),
        7,
        "fading",
        (
            "New SIM still not delivered after {n} days, {who2} chasing.",
            "{who} waiting over a week for the replacement SIM.",
            "SIM delivery delayed again, courier says no parcel.",
        ),
    ),
    Theme(
        "digital-voice",
        "need",
        ("Home Phone",),
        5,
        "fading",
        (
            "Elderly customer confused about the landline switch to digital voice, worried about the alarm pendant.",
            "{who} asked if the landline will still work in a power cut after the digital switchover.",
            "Questions about digital voice - does the old phone still plug in?",
        ),
    ),
    Theme(
        "parental",
        "need",
        ("TV & Streaming",),
        3,
        "emerging",
        (
            "{who} asked for parental controls per profile on the TV app.",
            "Parent wants to lock certain channels for the kids' profile, we can't.",
            "No way to set a PIN for kids' viewing on the streaming app, {who2} surprised.",
        ),
    ),
    Theme(
        "outage-map",
        "idea",
        ("My Brightline app",),
        4,
        "steady",
        (
            "Idea: an outage map in the app so customers can see if it's us before calling.",
            "{who} suggested the app shows live outages in their area - would save a call.",
            "Would be great if the app told people about local faults, half my calls today were the same outage.",
        ),
    ),
    Theme(
        "whatsapp",
        "idea",
        ("My Brightline app",),
        3,
        "rising",
        (
            "{who} asked if they can message us on WhatsApp instead of chat.",
            "Idea: support via WhatsApp, younger customers don't want to call.",
            "Customer wanted to send a photo of the router lights on WhatsApp.",
        ),
    ),
    Theme(
        "contract-end",
        "need",
        ("My Brightline app", "Mobile"),
        5,
        "steady",
        (
            "{who} couldn't find their contract end date in the app.",
            "Where is the contract end date shown? {who2} looked everywhere in the app.",
            "Asked when their minimum term ends, not visible in the account page.",
        ),
    ),
    Theme(
        "moving-home",
        "need",
        ("Fibre Broadband", "Home Phone"),
        5,
        "steady",
        (
            "{who} moving house on the {day}th and wants to take the broadband with them.",
            "Home move - wants service live on day one at the new address.",
            "{who} moving, asked if there's a fee to transfer the contract.",
        ),
    ),
    Theme(
        "paper-bill",
        "need",
        ("Home Phone",),
        2,
        "steady",
        (
            "{who} wants paper bills back, doesn't use email.",
            "Large print bill requested for a visually impaired customer.",
        ),
    ),
    Theme(
        "misc",
        "other",
        ("Fibre Broadband", "Mobile", "TV & Streaming", "Home Phone"),
        4,
        "steady",
        (
            "General enquiry, nothing to report.",
            "{who} called about an old complaint, already resolved.",
            "Customer asked for a copy of their terms, sent by email.",
            "Wrong number, transferred.",
        ),
    ),
)
PHONES = ("iPhone 16", "Pixel 9", "Galaxy S25", "iPhone 15", "Pixel 8")
RIVALS = ("Nimbus", "FibreNow", "Vodaline", "SkyNet Home")
SPEEDS = ("500Mb", "900Mb", "1Gb", "2Gb")
