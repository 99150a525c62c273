"""A central note read as a name: what it asks for, without the asking ("How do I activate my card" →
"activate my card").

A topic's most central short note says what the topic is about better than any phrase cut from it when
the meaning sits in a verb and its object ("activate my card", "exchange currencies", "move to eSIM"),
which a noun-phrase namer drops, keeping a lone noun ("Card", "Subscription"). As a name it reads like a
quote, though, so the words that only frame the request are taken off: "please", "how do I", "can I",
"I need to", "customer wants to", "customer", "is there a", a closing "please" or "again" — and the
customer's "their", "his" or "her" ("freeze their plan while away" → "freeze plan while away"; a customer's
own "my" stays: "Activate my card"). A question that carries the meaning in its question word ("Why is my
transfer pending", "How long…") keeps it.
English only, like the phrase tagger.
"""

from __future__ import annotations

import re

_SUBJECT = r"(?:i|we|you|they|he|she|the customer|customers?|cust|caller|client|member)"
_FRAMES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^(?:please|pls)[,!]?\s+",  # never "hello": in a greeting topic the greeting is the need
        r"^(?:how|where)\s+(?:do|can|could|should|would|will|does)\s+" + _SUBJECT + r"\s+",
        r"^(?:can|could|would|will|may|should|do|does|did)\s+" + _SUBJECT + r"\s+",
        r"^" + _SUBJECT + r"\s+(?:needs?|wants?|wanted|would like|'d like|would love|is trying|am trying|tried"
        r"|asked if|asks if|asked|asks|wants to know|wanted to know)\s+(?:to\s+)?",
        # A summary's report of what was said ("Customer is complaining that…", "Cust enquired about…",
        # "Caller says…") frames the need as much as "customer wants to" frames a request.
        # ("enquir…" as the notes spell it: "enquires", "enquired", and the summaries' own "enquirers")
        r"^" + _SUBJECT + r"\s+(?:is\s+|was\s+|has\s+been\s+)?(?:complaining|complains|complained"
        r"|(?:en|in)quir(?:e|es|ed|ing|ers?)|asking|reporting|reports|reported|says|said|states"
        r"|stated|mentions|mentioned|explained|explains|placing\s+a\s+complaint?)"
        r"(?:\s+(?:that|about|of|regarding|on|for|if|whether))?\s+",
        # A complaint "had" or "made" about something is the report, whole ("Customer had complaint about
        # watching only live tv"): unlike an issue or a problem, a complaint says nothing is wrong with it.
        r"^" + _SUBJECT + r"\s+(?:is\s+|was\s+)?(?:has|had|having|made|makes|making|raised|raises|lodged|filed)\s+"
        r"(?:an?\s+|some\s+)?complaints?\s+(?:about|with|regarding|on|of|over|that)\s+",
        # …and so does who had the trouble: "is having an issue with…", "has a problem with…" keep the trouble
        # ("Issue with paying bill", "Problem with the website"); "complaints about…" (a verb
        # written as a noun) and "is requesting (for)…" go whole.
        r"^" + _SUBJECT + r"\s+(?:is\s+|was\s+)?(?:has|had|having|facing|faces|faced)\s+(?:an?\s+|some\s+)?"
        r"(?=(?:complaints?|issues?|problems?|trouble|difficulty|difficulties)\s+(?:about|with|regarding|on|in)\s)",
        # Any other trouble the customer "is facing" or "having" is the trouble itself ("Customer is facing
        # service issue" → "service issue").
        r"^" + _SUBJECT + r"\s+(?:is\s+|was\s+)?(?:facing|faced|having|experiencing|experienced)\s+(?:an?\s+|some\s+)?",
        r"^" + _SUBJECT + r"\s+(?:complaints?|complies|complain)\s+(?:about|on|of|regarding|that)\s+",
        r"^" + _SUBJECT + r"\s+(?:is\s+|was\s+)?(?:requesting|requested|requests)\s+(?:for\s+|to\s+|that\s+)?",
        r"^" + _SUBJECT + r"\s+(?:is\s+|was\s+|seems\s+|felt\s+|feels\s+)?(?:very\s+|really\s+|not\s+)?"
        r"(?:disappointed|unhappy|upset|frustrated|annoyed|angry|dissatisfied)\s+"
        r"(?:with|about|that|by|at|over)\s+",
        r"^(?:is|are)\s+there\s+(?:a|an|any)?\s*",
        r"^(?:help|assist)\s+me\s+(?:to\s+|with\s+)?",
        r"^(?:need|needs|want|wants|wanna|would like|'d like)\s+to\s+",  # a message's "Need to speak to an agent"
        r"^(?:tell me|show me|let me|give me)\s+(?:some\s+)?",
        # A customer's own message asks for help before it says what with ("I need assistance to cancel my
        # order", "Want help cancelling purchase"): the asking frames the need.
        r"^(?:(?:i|we)\s+)?(?:(?:want|need|would like|'d like|require)\s+)?(?:some\s+|a\s+little\s+)?"
        r"(?:help|assistance)\s+(?:to|with|in|for)?\s*",
    )
)
_CLAUSE_END = re.compile(r",\s|;\s|\s[-–—]\s")
# Who is speaking, but not the first word of a compound it starts ("customer service", "member account"),
# and the copula after it: "Customer is unable to log in" names "unable to log in", never "is unable to…".
_WHO = re.compile(
    r"^(?:the\s+)?(?:customer|cust|caller|client|member)(?:\s+in\s+store)?\s+"
    r"(?!(?:service|services|support|care|experience|satisfaction|team|relations|portal|account|number|id)\b)"
    r"(?:(?:is|was|has\s+been|had\s+been)\s+)?",
    re.IGNORECASE,
)
_POLITE_END = re.compile(
    r"[,\s]+(?:please|pls|for me|thanks|thank you|again|for (?:the |this |our )?(?:customer|cust|caller|client))$",
    re.IGNORECASE,
)
_THEIR = re.compile(r"\b(?:their|his|her)\s+(?=\w)", re.IGNORECASE)
# What a report leaves in front of the need: an article, a possessive, or the customer again as a pronoun
# ("…complains that he is unable to play music" → "unable to play music").
_ARTICLE = re.compile(
    r"^(?:to|a|an|the|his|her|their|he is|she is|they are|he was|she was|they were)\s+", re.IGNORECASE
)
MIN_WORDS = 2


def note_as_name(note: str) -> str:
    """``note`` with the words that frame a request taken off its front (see the module notes).

    The note comes back unchanged (end punctuation aside) when trimming would leave fewer than
    ``MIN_WORDS`` words: "Can I" alone is no name.
    """
    whole = note.strip().rstrip(".!?,;: ")
    text = whole
    for _ in range(3):  # "Hi, can you tell me…": frames can follow one another
        trimmed = text
        for frame in _FRAMES:
            trimmed = frame.sub("", trimmed)
        if trimmed == text:
            break
        text = trimmed
    text = _POLITE_END.sub("", _ARTICLE.sub("", _WHO.sub("", text)))
    text = _THEIR.sub("", text)  # "freeze their plan while away": in an agent's note "their" is the customer's
    return text if len(text.split()) >= MIN_WORDS else whole


def first_clause(name: str) -> str | None:
    """The first clause of ``name`` when it is shorter and still a name of at least ``MIN_WORDS`` words
    ("Wrong number, transferred" → "Wrong number"), else ``None``. When the clause holds the group's best
    phrase, the rest is a remark and only the clause competes ("SIM delivery delayed again, courier says no
    parcel"); otherwise both do, and whether the rest adds meaning ("Uh no, i think not correct response") is
    for the meaning score to judge (:func:`insight.topics.meaning.candidate_pool`)."""
    clause = _CLAUSE_END.split(name, maxsplit=1)[0].strip()
    return clause if clause != name and len(clause.split()) >= MIN_WORDS else None
