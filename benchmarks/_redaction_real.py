"""Real customer text as carriers for the attack family's identifiers (``../shared/datasets``; no text is copied in).

* **ABCD** (3 real chats): the customer's own turns and the agent system's lines, with the data set's own names,
  e-mails and phones ("crystal minh", "(977) 625-2661", "Account has been pulled up for Crystal Minh.").
* **TweetSumm** summaries ("Customer is complaining that …", "Agent informed …"): a name of the attack pools is
  put where the summary says "Customer"/"Agent", or a sign-off is added.
* **CFPB** narratives: where the CFPB masked a name or a phone after a cue ("spoke with XXXX XXXX", "Mr. XXXX",
  "number is XXXX"), an attack-pool value is put back; the note is the 300 characters around it.
* **Clean**: 300 TweetSumm summaries (those quoting a support line's phone number left out: a phone is a phone)
  and 60 CFPB narratives (first 600 characters) as they are; brands and tokens mixing letters and digits in them
  must survive. Real people named in them (a film director, say) count against the redactor all the same.

Seeded; the same seed gives the same notes.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import regex

from tests.redaction_attack import _PHONES, NAME_POOLS
from tests.redaction_golden import GoldenNote

DATASETS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"

# Brand and company words that appear in TweetSumm and CFPB text and must survive as written.
_BRANDS = regex.compile(
    r"\b(?:Apple|iPhone|Iphone|iOS|Amazon|Prime|Delta|Spotify|Uber|AirAsia|Virgin(?: \w+)?|British Airways|Xbox"
    r"|Sprint|Verizon|T-Mobile|Comcast|Hulu|Tesco|Sainsbury'?s|Southwest|JetBlue|American Airlines|Alaska Air"
    r"|United|Nintendo|PlayStation|Microsoft|Windows|Google|Netflix|Airbnb|Walmart|Chase|Wells Fargo"
    r"|Bank of America|Capital One|Experian|Equifax|TransUnion|Citibank|Navient|PayPal|Venmo|Zelle|Cash App"
    r"|Coinbase|Discover|Synchrony|Ally|Santander|McDonald'?s|Dunkin|Argos|Hilton|Marriott|Ryanair|easyJet"
    r"|Vodafone|Comcast|Xfinity|Spectrum|AT&T|Boost Mobile|Mobile|Samsung|Galaxy|Fitbit|Kindle|Alexa)\b"
)
_BUSINESS_PHONE = regex.compile(r"\b(?:1[ -])?[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{4}\b|\b[0-9]{10,11}\b")
_MIXED = regex.compile(r"\b(?=\w*\d)(?=\w*[A-Za-z])[\w.-]{3,}\b")
_CFPB_NAME = regex.compile(
    r"(?i:\b(?:mr\.?|mrs\.?|ms\.?|named|name is|spoke (?:with|to)|representative|supervisor|manager|agent)[ ]+)"
    r"(XXXX(?:[ ]XXXX)?)\b"
)
_CFPB_PHONE = regex.compile(r"(?i:\b(?:number is|phone(?: number)?|call(?:ed)? (?:them at|back at)|at)[ ]+)(XXXX)\b")


def _name(rng: random.Random) -> tuple[str, str]:
    firsts, lasts = rng.choice(list(NAME_POOLS.values()))
    return rng.choice(firsts), rng.choice(lasts)


def _keeps(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group() for pattern in (_BRANDS, _MIXED) for m in pattern.finditer(text)))


def abcd_notes() -> list[GoldenNote]:
    """Every customer and system line of the ABCD sample that holds one of its own identifiers."""
    chats = json.loads((DATASETS / "abcd" / "abcd_sample.json").read_text())
    notes = []
    for chat in chats:
        personal = chat["scenario"]["personal"]
        values = [("PERSON", personal["customer_name"]), ("EMAIL", personal.get("email", "")),
                  ("PHONE", personal.get("phone", ""))]  # fmt: skip
        for speaker, line in chat["original"]:
            if speaker == "agent":
                continue
            found = []
            for kind, value in values:
                if not value:
                    continue
                for form in (value, value.title()):
                    if form in line:
                        found.append((kind, form))
            if found:
                notes.append(GoldenNote(line, tuple(found)))
    return notes


def tweetsumm_notes(rng: random.Random, count: int = 80) -> tuple[list[GoldenNote], list[GoldenNote]]:
    """(summaries with a planted name, untouched summaries as clean notes)."""
    with (DATASETS / "tweetsumm" / "tweetsumm_notes.csv").open(newline="") as f:
        rows = [row["note"] for row in csv.DictReader(f)]
    rng.shuffle(rows)
    planted, clean = [], []
    for i, note in enumerate(rows[:count]):
        first, last = _name(rng)
        style = i % 5
        if style == 0 and regex.match(r"(?i)(?:the )?customer\b", note):
            text = regex.sub(r"(?i)^(?:the )?customer\b", f"{first} {last}", note, count=1)
            planted.append(GoldenNote(text, (("PERSON", f"{first} {last}"),), _keeps(note)))
        elif style == 1 and regex.search(r"\bcustomer\b", note, flags=regex.I):
            text = regex.sub(r"(?i)\bcustomer\b", f"customer {first.lower()}", note, count=1)
            planted.append(GoldenNote(text, (("PERSON", first.lower()),), _keeps(note)))
        elif style == 2 and regex.search(r"\bagent\b", note, flags=regex.I):
            text = regex.sub(r"(?i)\bagent\b", f"agent {first}", note, count=1)
            planted.append(GoldenNote(text, (("PERSON", first),), _keeps(note)))
        elif style == 3:
            planted.append(GoldenNote(f"{note}\nThanks, {first}", (("PERSON", first),), _keeps(note)))
        else:
            text = f"{note} Customer name: {first.lower()} {last.lower()}."
            planted.append(GoldenNote(text, (("PERSON", f"{first.lower()} {last.lower()}"),), _keeps(note)))
    for note in rows[count:]:
        if len(clean) == 300:
            break
        if not _BUSINESS_PHONE.search(note):  # a support line's number is a phone: such a note is not clean
            clean.append(GoldenNote(note, (), _keeps(note)))
    return planted, clean


def cfpb_notes(rng: random.Random) -> tuple[list[GoldenNote], list[GoldenNote]]:
    """(narratives with a name or phone put back where CFPB masked one, narrative openings as clean notes)."""
    items = json.loads((DATASETS / "cfpb_complaints_sample" / "cfpb_sample.json").read_text())
    planted, clean = [], []
    for item in items:
        text = item["text"]
        for pattern, kind in ((_CFPB_NAME, "PERSON"), (_CFPB_PHONE, "PHONE")):
            match = pattern.search(text)
            if not match:
                continue
            if kind == "PERSON":
                first, last = _name(rng)
                value = f"{first} {last}" if " " in match.group(1) else last
            else:
                value = rng.choice(_PHONES)
            start, end = match.span(1)
            window = text[max(0, start - 150) : start] + value + text[end : end + 150]
            planted.append(GoldenNote(window, ((kind, value),)))
    for item in rng.sample(items, 60):
        opening = item["text"][:600]
        clean.append(GoldenNote(opening, (), _keeps(opening)))
    return planted, clean


def real_carriers(seed: int = 3) -> tuple[list[GoldenNote], list[GoldenNote]]:
    """``(notes with identifiers, clean notes)`` built on real customer text; empty when the data sets are absent."""
    if not DATASETS.is_dir():
        return [], []
    rng = random.Random(seed)
    tweets, tweets_clean = tweetsumm_notes(rng)
    cfpb, cfpb_clean = cfpb_notes(rng)
    return abcd_notes() + tweets + cfpb, tweets_clean + cfpb_clean
