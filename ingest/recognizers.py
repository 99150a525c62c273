"""Presidio recognizers for the identifiers Earshot removes from agents' notes.

Presidio's built-ins are tuned for recall on documents; call notes are full of order numbers, prices, ticket ids
and versions that those patterns take for phones, SSNs or IPs, and some built-ins log the matched text. So each
recognizer here is a small :class:`EntityRecognizer` with one linear regex and a check that looks at the words just
before the match: "order 4155550123" is an order id, "callback 4155550123" a phone. Entity types are the
placeholder names themselves (``PHONE`` → ``<PHONE>``). None of them ever logs or raises with the text.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = [
    "CardRecognizer",
    "EmailRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "NoContextEnhancer",
    "PersonRecognizer",
    "PhoneRecognizer",
    "SpanRecognizer",
    "SsnRecognizer",
    "default_recognizers",
]

# A pathological 5,000-character note must not stall a save; all patterns are linear, this is the safety valve.
REGEX_TIMEOUT_S = 1.0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that, just before a number, say it is an identifier of a thing rather than of a person.
ID_CUES = _words(
    """order orders ord ticket tkt case inc incident ref reference invoice inv po tracking track awb waybill shipment
    parcel package pkg sku part pn serial sn s/n model imei iccid confirmation conf booking reservation rma claim
    policy contract transaction txn receipt id item product asin upc ean isbn batch lot rma# po# store #"""
)
PHONE_CUES = _words(
    """phone ph ph# tel telephone mobile mob cell cellphone callback cb call called calling reach reachable contact
    whatsapp fax landline text texted sms dial dialed dialled ring rang vm voicemail home work alt alternate
    number# tel# cell# mobile# callerid cli"""
)
CARD_CUES = _words("card cc credit debit visa mastercard mc amex discover jcb maestro pan cardnumber")
SSN_CUES = _words("ssn ss ss# ssn# social security soc itin tin")
VERSION_CUES = _words(
    """v ver version versions build firmware fw release rel update updated patch app os ios android windows macos
    sdk driver bios rollback rolled upgrade upgraded downgrade downgraded hotfix flashed"""
)
IP_CUES = _words("ip ipv4 ipv6 address addr host server router gateway dns vpn subnet")

_CALLER_ID = regex.compile(r"\bcaller[ -]?id\b")
# A lone "#" is a word too: "#4155550123" or "Cust # 55" is an id unless a cue word comes right before it.
_WORD = regex.compile(r"[a-z][a-z0-9/#]*|#")
_CLAUSE_BREAK = regex.compile(r"[;\n|]|[.!?](?:\s|$)")


def nearest_cue(text: str, start: int, *cue_sets: frozenset[str], window: int = 40) -> int | None:
    """Return the index of the cue set whose word comes nearest before ``start`` in the same clause, else None.

    Args:
        text: The note.
        start: Where the candidate identifier begins.
        *cue_sets: Competing sets of lower-case cue words; the nearest word found in any of them wins.
        window: How many characters before ``start`` to look at.
    """
    before = text[max(0, start - window) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = _WORD.findall(_CALLER_ID.sub("callerid", before.lower()))
    for position in range(len(words) - 1, -1, -1):
        word = words[position]
        if word == "#" and (
            position < len(words) - 1 or (position and any(words[position - 1] in c for c in cue_sets))
        ):
            continue  # "ph #", "ticket #": the word before the "#" decides; in "new # is …" the "#" means number
        for index, cues in enumerate(cue_sets):
            if word in cues:
                return index
    return None


class NoContextEnhancer(ContextAwareEnhancer):
    """Leaves scores alone: presidio's default enhancer reads lemmas the no-op engine never makes, and each
    recognizer here already weighs the words around its matches."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return ``raw_results`` unchanged."""
        return raw_results


class SpanRecognizer(EntityRecognizer):
    """A recognizer for one entity type that yields character spans; every span found is certain (score 1.0)."""

    ENTITY = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language="en", name=type(self).__name__)

    def load(self) -> None:
        """Nothing to load: patterns are compiled at import."""

    def spans(self, text: str) -> Iterable[tuple[int, int]]:
        """Yield ``(start, end)`` of each identifier in ``text``."""
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Wrap :meth:`spans` as presidio results."""
        return [RecognizerResult(self.ENTITY, start, end, 1.0) for start, end in self.spans(text)]


def _finditer(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    return pattern.finditer(text, timeout=REGEX_TIMEOUT_S)


class EmailRecognizer(SpanRecognizer):
    """Email addresses, including the spelled-out "jdoe at gmail dot com" and "jdoe(at)example(dot)org" forms."""

    ENTITY = "EMAIL"
    _LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-][A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*"
    _LOCAL_START = r"(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])"
    _LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    PLAIN = regex.compile(
        _LOCAL_START + _LOCAL + r"@(?:" + _LABEL + r"\.)+(?:[A-Za-z]{2,63}|[Xx][Nn]--[A-Za-z0-9-]+)(?![A-Za-z0-9-])"
    )
    _DOT = r"(?:\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+|\.)"
    # Bracketed "(at)" is unambiguous; a bare " at " only counts before a mail provider, or else "bought it at
    # amazon.com" would go.
    SPELLED = regex.compile(
        _LOCAL_START
        + r"(?i:(?P<local>[a-z0-9][a-z0-9._%+-]*)(?:\s*[(\[{]\s*at\s*[)\]}]\s*"
        + _LABEL
        + r"|\s+at\s+(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|aol|protonmail|proton|gmx"
        r"|yandex|comcast|verizon|btinternet|sky|orange|zoho|fastmail))(?:" + _DOT + _LABEL + r"){1,3})(?![A-Za-z0-9-])"
    )
    _NOT_LOCAL = _words("me him her them us you it customer cust caller he she they we i")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield email spans; cheap exit when the note has neither "@" nor "at"."""
        if "@" in text:
            for match in _finditer(self.PLAIN, text):
                start, end = match.span()
                # A quote is legal in a local part but far likelier to be quoting the address: 'jane@x.com'.
                local = match.group().split("@")[0]
                if local.strip("'"):
                    start += len(local) - len(local.lstrip("'"))
                yield start, end
        lowered = text.lower()
        if "at" in lowered and ("dot" in lowered or "." in text):
            for match in _finditer(self.SPELLED, text):
                if match.group("local").lower() not in self._NOT_LOCAL:
                    yield match.span()


def luhn_ok(digits: str) -> bool:
    """Return True when the ASCII digit string passes the Luhn checksum used by payment cards."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class CardRecognizer(SpanRecognizer):
    """Payment card numbers: 13–19 digits, bare or grouped by spaces/dashes, a card-network prefix, Luhn-valid."""

    ENTITY = "CARD"
    # Not glued to other digits or digit groups on either side, so a 16-digit window of a 22-digit tracking
    # number is not taken; "05/27" after the number is an expiry date, not more digits of it.
    PATTERN = regex.compile(
        r"(?<![\w.,/-])(?<![0-9][ -])"
        r"(?:[0-9]{13,19}"
        r"|[0-9]{4}(?P<s>[ -])[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{1,4}(?:(?P=s)[0-9]{3})?"
        r"|[0-9]{4}(?P<t>[ -])[0-9]{6}(?P=t)[0-9]{4,5})"
        r"(?![\w]|[.,/-][0-9])(?![ -][0-9]+(?![0-9/]))"
    )
    _PREFIX = regex.compile(r"4|5[0-9]|6|3[4-9]|30[0-5]|2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720)")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield Luhn-valid card spans not introduced as an order/tracking/IMEI number."""
        for match in _finditer(self.PATTERN, text):
            digits = "".join(c for c in match.group() if c.isdigit())
            if not (13 <= len(digits) <= 19 and self._PREFIX.match(digits) and luhn_ok(digits)):
                continue
            if nearest_cue(text, match.start(), ID_CUES, CARD_CUES) == 0:
                continue
            yield match.span()


# ISO 13616 lengths per country: a checksum alone lets 1 in 97 random strings through.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29,
    "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip


def iban_ok(compact: str) -> bool:
    """Return True when ``compact`` (no spaces, upper case) has its country's length and a valid mod-97 checksum."""
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


class IbanRecognizer(SpanRecognizer):
    """IBANs, compact or in groups of four, checked against the country's length and the mod-97 checksum."""

    ENTITY = "IBAN"
    PATTERN = regex.compile(
        r"(?<![A-Za-z0-9])(?i:[a-z]{2}[0-9]{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,4})?)(?![A-Za-z0-9])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield IBAN spans; the regex may run into a following word, so try each group boundary, longest first."""
        for match in _finditer(self.PATTERN, text):
            candidate = match.group()
            ends = [i for i in range(len(candidate), 3, -1) if i == len(candidate) or candidate[i] in " -"]
            for end in ends:
                compact = "".join(c for c in candidate[:end] if c.isalnum()).upper()
                if compact.isascii() and iban_ok(compact):
                    yield match.start(), match.start() + end
                    break


class SsnRecognizer(SpanRecognizer):
    """US Social Security numbers: ``123-45-6789`` anywhere; spaced, dotted or bare forms only after an SSN cue."""

    ENTITY = "SSN"
    PATTERN = regex.compile(r"(?<![\w.,/-])([0-9]{3})([ .-]?)([0-9]{2})\2([0-9]{4})(?![\w]|[.,/-][0-9])")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield SSN spans whose area, group and serial could have been issued."""
        for match in _finditer(self.PATTERN, text):
            area, sep, group, serial = match.groups()
            if area in ("000", "666") or group == "00" or serial == "0000":
                continue
            if sep != "-" and nearest_cue(text, match.start(), SSN_CUES, ID_CUES | PHONE_CUES) != 0:
                continue
            yield match.span()


class IpRecognizer(SpanRecognizer):
    """IPv4 and IPv6 addresses (validated by :mod:`ipaddress`), but not four-part version numbers."""

    ENTITY = "IP"
    _OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    V4 = regex.compile(rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?:/[0-9]{{1,2}})?(?![\w]|\.[0-9])")
    _H = r"[0-9A-Fa-f]{1,4}"
    # Full form, or any "::" compressed form; optionally ending in an embedded IPv4 address.
    V6 = regex.compile(
        rf"(?<![\w:.])(?:(?:{_H}:){{7}}{_H}|(?:{_H}:){{0,7}}(?:{_H})?::(?:{_H}:){{0,6}}(?:{_H}|(?:[0-9]{{1,3}}\.){{3}}[0-9]{{1,3}})?"
        rf"|(?:{_H}:){{6}}(?:[0-9]{{1,3}}\.){{3}}[0-9]{{1,3}})(?:%[0-9A-Za-z]+)?(?:/[0-9]{{1,3}})?(?![\w:]|\.[0-9])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield IP spans.

        An IPv6 candidate needs a digit (so "add::bead" stays) and, unless an IP cue precedes it, a hex letter or
        five groups (so a ratio "3:2::1" or a time "10:30::" stays).
        """
        if "." in text:
            for match in _finditer(self.V4, text):
                if nearest_cue(text, match.start(), VERSION_CUES, IP_CUES) != 0 and _is_ip(match.group()):
                    yield match.span()
        if "::" in text or text.count(":") >= 7:
            for match in _finditer(self.V6, text):
                value = match.group()
                if not any(c.isdigit() for c in value) or value.count(":") < 2 or not _is_ip(value):
                    continue
                address = value.split("/")[0].split("%")[0].lower()
                looks_like_ipv6 = any(c in "abcdef" for c in address) or len([g for g in address.split(":") if g]) >= 5
                if looks_like_ipv6 or nearest_cue(text, match.start(), VERSION_CUES, IP_CUES) == 1:
                    yield match.span()


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True


class PhoneRecognizer(SpanRecognizer):
    """Phone numbers: international (``+44 …``, ``0049 …``), US formats, and national numbers after a phone cue.

    Candidates come from layouts people write phones in; :mod:`phonenumbers` then decides whether the digits can
    be a number. A bare digit run needs to be a valid US number (or follow a phone cue), and any candidate just
    after "order", "ticket", "#"… is an identifier, not a phone.
    """

    ENTITY = "PHONE"
    # None may start right after another digit group: "DE89 3704 0044 0532 …" holds no phone.
    _SEP = r"[ .\-\u00a0]?"
    INTERNATIONAL = regex.compile(
        r"(?<![\w+])(?:\+|(?<![0-9][ .\-])00)[ ]?[1-9][0-9]{0,2}(?:[ .\-\u00a0]?(?:\(0\)[ ]?)?\(?[0-9]{1,5}\)?){1,6}"
        r"(?:[ ]?(?:x|ext\.?|extension)[ ]?[0-9]{1,5})?(?![\w]|[.-][0-9])"
    )
    US = regex.compile(
        r"(?<![\w+.\-/])(?<![0-9][ .\-])(?:1[ .\-])?(?:\([2-9][0-9]{2}\)[ .\-]?|[2-9][0-9]{2}[ .\-])"
        r"[0-9]{3}[ .\-][0-9]{4}"
        r"(?:[ ]?(?:x|ext\.?|extension)[ ]?[0-9]{1,5})?(?![\w]|[.,/\-][0-9])"
    )
    BARE = regex.compile(r"(?<![\w.,/\-+])(?<![0-9][ .\-])1?[2-9][0-9]{9}(?![\w]|[.,/\-][0-9])")
    NATIONAL = regex.compile(
        r"(?<![\w+.,/\-])(?<![0-9][ .\-])0[0-9]{1,4}(?:[ .\-]?[0-9]{2,4}){1,4}(?![\w]|[.,/\-][0-9])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield phone spans."""
        if sum(c.isdigit() for c in text) < 7:
            return
        for match in _finditer(self.INTERNATIONAL, text):
            span = self._international(match)
            if span:
                yield span
        for match in _finditer(self.US, text):
            if nearest_cue(text, match.start(), ID_CUES, PHONE_CUES) != 0:
                yield match.span()
        for match in _finditer(self.BARE, text):
            cue = nearest_cue(text, match.start(), ID_CUES, PHONE_CUES)
            if cue == 1 or (cue is None and _valid_in(match.group(), "US")):
                yield match.span()
        for match in _finditer(self.NATIONAL, text):
            digits = sum(c.isdigit() for c in match.group())
            if 9 <= digits <= 12 and nearest_cue(text, match.start(), ID_CUES, PHONE_CUES) == 1:
                yield match.span()

    @staticmethod
    def _international(match: regex.Match[str]) -> tuple[int, int] | None:
        # The pattern can run on into a following count ("+44 20 7946 0958 2 calls"): try shorter prefixes
        # ending at a group boundary, preferring a valid number over a merely possible one.
        raw = match.group()
        cuts = [i for i in range(len(raw), 0, -1) if i == len(raw) or raw[i] in " .-\u00a0"]
        best = None
        for cut in cuts:
            candidate = raw[:cut].rstrip(" .-(")
            if sum(c.isdigit() for c in candidate) < 8:
                break
            number = _parse(("+" + candidate[2:].lstrip()) if candidate.startswith("00") else candidate, None)
            if number is None:
                continue
            if phonenumbers.is_valid_number(number):
                return match.start(), match.start() + len(candidate)
            if best is None and phonenumbers.is_possible_number(number):
                best = (match.start(), match.start() + len(candidate))
        return best


def _parse(raw: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None


def _valid_in(raw: str, region: str) -> bool:
    number = _parse(raw, region)
    return number is not None and phonenumbers.is_valid_number(number)


# Capitalised words that follow a name cue without being a name: "customer Service", "spoke to Billing",
# "transferred to Tier 2", "Dr. Martens", "Hi Team". Compared case-sensitively, as written in notes.
NOT_NAMES = _words(
    """A An The This That These Those Our Your My His Her Their Its Some Any Every Each All No Not None Nobody Noone
    Someone Somebody Anyone Everyone He She They We You It Him Them Us Me Who Whom Whose Which What When Where Why
    How Yes Ok Okay Thanks Thank Please Sorry Hi Hello Hey Dear Re Fwd Fw Also Then Again Still Just Only Back Later
    Soon Today Tomorrow Yesterday Tonight Now Here There Called Calls Calling Call Said Says Stated States Wants Wanted
    Asked Asks Requested Requests Confirmed Confirms Reported Reports Advised Advises Explained Mentioned Noted Notes
    Note Was Were Is Are Be Been Has Have Had Did Does Do Would Could Should Can Cannot Must Might Shall Wont Isnt
    Doesnt Didnt Unknown Anonymous Unavailable Withheld Declined Refused Redacted Tbd Tba None Null Blank Same Other
    Service Services Support Care Success Experience Relations Portal App Account Accounts Team Teams Billing Sales
    Returns Return Shipping Tech Technical Escalations Escalation Refund Refunds Order Orders Ticket Tickets Case Cases
    Premium Gold Silver Platinum Bronze Pro Plus Basic Standard Business Enterprise Home Family Student Number Name
    Names Agreement Feedback Survey Satisfaction Center Centre Desk Help Helpdesk Line Hotline Chat Email Phone
    Mobile Online Web Website Store Shop Delivery Deliveries Warranty Insurance Protection Loyalty Rewards Reward
    Club Status Agent Agents Rep Reps Representative Manager Management Supervisor Lead Officer Specialist Department
    Dept Complaints Complaint Compliance Legal Finance Payments Payment Collections Fraud Security Risk Disputes
    Dispute Claims Claims Operations Ops Logistics Dispatch Warehouse Tier Level Queue Priority Urgent Team Group
    Section Policy Policies Terms Conditions Notice Since Discount Discounts Credit Credits Voucher Coupon Gift Card
    Cards Wifi WiFi Internet Router Modem Cable Fiber Fibre Broadband Network Outage Account Login Password Profile
    Settings Dashboard Invoice Invoices Statement Subscription Subscriptions Plan Plans Trial Upgrade Downgrade
    Renewal Cancellation Cancel Activation Installation Repair Replacement Exchange Pickup Collection Courier Driver
    Technician Engineer Office Word Excel Outlook Windows Mac Linux Android Chrome Safari Firefox Edge Word Teams Zoom
    Slack Amazon Prime Apple Google Microsoft Samsung Sony Dell Lenovo Nokia Motorola Huawei Xiaomi Visa Mastercard
    Amex Discover Paypal PayPal Stripe Klarna Afterpay Venmo Zelle Netflix Spotify Hulu Disney Uber Lyft Airbnb
    Fedex FedEx Usps Ups Dhl Hermes Evri Royal Mail Canada Post Purolator Ontrac Chase Citi Citibank Wells Fargo
    Barclays Santander Lloyds Monzo Revolut Capital Walmart Target Costco Ikea Best Buy Home Depot Iphone Ipad Macbook
    Airpods Galaxy Pixel Kindle Echo Alexa Siri Cortana Playstation Xbox Nintendo Switch Roku Firestick Nest Ring
    Tesla Ford Toyota Honda Manager Boss Owner Customer Customers Client Clients Caller Member Members Guest Guests
    User Users Admin Administrator Staff Everybody Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue
    Tues Wed Thu Thur Thurs Fri Sat Sun January February March July September October November December Jan Feb Mar
    Apr Jun Jul Aug Sep Sept Oct Nov Dec Christmas Easter Thanksgiving Halloween Weekend Week Month Year Morning
    Afternoon Evening Night Noon Midnight East West North South Street Road Avenue Lane Drive Court Suite Apt Unit
    English Spanish French German Italian Portuguese Chinese Mandarin Cantonese Japanese Korean Arabic Hindi Russian
    Polish Dutch Sir Madam Maam Mr Mrs Ms Dr Miss Mx Prof Mister Ltd Inc Llc Corp Company Bank Store Group Global
    International National Regional Local Supplier Vendor Partner Partners Merchant Seller Buyer Carrier Retailer
    Marketplace Escalated Transferred Resolved Pending Closed Open Approved Rejected Denied Processed Shipped
    Delivered Cancelled Canceled Refunded Replaced Verified Unverified Authenticated Hold Holding Waiting Callback
    Voicemail Message Messages Text Texts Sms Letter Form Forms Document Documents Photo Photos Proof Receipt
    Receipts Screenshot Screenshots Info Information Details Detail Issue Issues Problem Problems Error Errors Bug
    Bugs Fault Faulty Damaged Broken Missing Late Wrong Incorrect Correct Duplicate New Old Used Free Paid
    Due"""
)
# How agents describe a caller right after the role word: "Customer Very unhappy", "cx Happy with outcome".
NOT_NAMES |= _words(
    """Happy Unhappy Very Really Extremely Quite So Too Unable Able Upset Angry Irate Frustrated Annoyed Satisfied
    Dissatisfied Confused Pleased Concerned Worried Polite Rude Calm Aggressive Elderly Vulnerable Already Never
    Always Finally First Second Third Last Previous Returning Existing Repeat Loyal Longtime Assist Assistant"""
)
# Telecom, utility and bank names that follow "spoke with" as often as a person does.
NOT_NAMES |= _words(
    """Comcast Xfinity Verizon Spectrum Cox Optimum Frontier Centurylink Sprint Tmobile Vodafone Orange Telefonica
    Movistar Virgin Sky Talktalk Telstra Optus Rogers Bell Telus Shaw Att Openreach Ofcom Experian Equifax
    Transunion Hsbc Natwest Halifax Nationwide Ing Rabobank Commerzbank Deutsche Amtrak Delta United Lufthansa
    Ryanair Easyjet Expedia Booking Shopify Ebay Etsy Square Adyen Worldpay"""
)
# A word naming a team after a lone capitalised word makes it an organisation: "spoke with Comcast tech".
ORGANISATION_FOLLOWERS = _words(
    "tech techs support team agent agents rep reps billing customer service technician engineer store help helpdesk "
    "dept department care desk office branch staff"
)
# Words that are names only when a surname follows: "customer May Lee" but not "Customer May call back".
AMBIGUOUS_NAMES = _words("May June April August Will Chase Summer")
# Products and brands written with an honorific: "Dr. Martens boots", "a Dr Pepper".
HONORIFIC_BRANDS = _words(
    """Martens Marten Pepper Scholl Scholls Oetker Bronner Bronners Seuss Clean Coffee Muscle Sheen Bean Freeze Potato
    Robot Fixit Brandt Dre Squatch Who Strange Mario Teeth Whitening Jart Lipton Noodle Beast"""
)
NAME_PARTICLES = _words("van von de der den del della da di du dos das la le bin ibn al ter ten")

_TOKEN = r"(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?"
_INITIAL = r"\p{Lu}\.?(?![\p{L}'’])"
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES)) + ")"
_NAME = rf"(?P<name>(?:{_TOKEN}|{_INITIAL})(?:[ ](?:{_PARTICLE}[ ])?(?:{_TOKEN}|{_INITIAL})){{0,3}})"
_ROLE = (
    r"customer|cust|cx|caller|client|member|account[ -]?holder|acct[ -]?holder|card[ -]?holder|policy[ -]?holder"
    r"|subscriber|patient|tenant|guest|passenger|recipient|beneficiary|spouse|husband|wife|son|daughter|mother|mom"
    r"|father|dad|brother|sister|owner|applicant|employee|colleague|coworker|agent|rep|representative|supervisor"
    r"|manager|technician|engineer|courier"
)
_VERB = (
    r"(?:spoke|speak|speaking|talked|talk|talking|chatted|chatting|met|meeting|transferred|transfer|escalated|escalate"
    r"|passed|handed(?:[ ]+over)?|assigned|forwarded|connected|put[ ]+through|ask(?:ed|ing)?|request(?:ed|ing)?"
    r"|left[ ]+(?:a[ ]+)?(?:vm|voicemail|message|msg)|call[ ]?back)[ ]+(?:to|with|w/|for)"
    r"|contact(?:ed)?|emailed|texted|messaged"
    r"|on[ ]+behalf[ ]+of|assisted[ ]+by|handled[ ]+by|approved[ ]+by|authori[sz]ed[ ]+by|referred[ ]+by|cc'?d"
)
# Exports from CRMs often upper-case fields: "Customer: JOHN SMITH". Upper-case words are names only after such a
# field label, where an acronym is unlikely.
_CAPS_NAME = r"(?P<name>\p{Lu}{2,}(?:['’-]\p{Lu}{2,})?(?:[ ]\p{Lu}{2,}(?:['’-]\p{Lu}{2,})?){0,3})(?![\w])"
_CUED_NAMES = {
    "honorific": regex.compile(
        r"(?<![\w.])(?P<cue>Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Mister|Mme|Mlle|Herr|Frau|MR|MRS|mr|mrs)"
        r"\.?[ ]+" + _NAME
    ),
    "role": regex.compile(rf"(?<![\w])(?i:(?:{_ROLE})\.?(?:[ ]+name)?)(?P<sep>[ ]*[:=,\-–][ ]*|[ ]+)" + _NAME),
    "label": regex.compile(
        r"(?<![\w])(?i:(?:(?:my|his|her|their|your|the|customer'?s?|cust'?s?|caller'?s?|contact|account|holder'?s?)"
        r"[ ]+)?(?:first[ ]+|last[ ]+|full[ ]+|middle[ ]+|maiden[ ]+)?(?:name|surname)(?:[ ]+(?:is|was)|'s|[ ]*[:=\-–])"
        r"|goes[ ]+by|known[ ]+as|aka|a\.k\.a\.)[ ]*" + _NAME
    ),
    "verb": regex.compile(
        rf"(?<![\w])(?i:{_VERB})(?:[ ]+(?i:(?:(?:the|a|an|our|their)[ ]+)?(?:agent|rep|representative|supervisor"
        r"|manager|colleague|technician|tech|specialist|customer|cust|caller)))?[ ]+" + _NAME
    ),
    "intro": regex.compile(
        r"(?<![\w])(?i:this[ ]+is|it'?s|i'?m|i[ ]+am|here[ ]+is|here'?s)[ ]+"
        + _NAME
        + r"(?=[ ]*,?[ ]+(?i:from|with|at|calling|here|speaking|of|on[ ]+behalf)\b)"
    ),
    "greeting": regex.compile(
        r"(?<![\w])(?i:dear|hi|hello|hey|good[ ]+(?:morning|afternoon|evening))[ ]+" + _NAME + r"(?=[ ]*[,!:\n])"
    ),
    "caps": regex.compile(
        rf"(?<![\w])(?i:{_ROLE}|(?:(?:full|first|last|customer|cust|caller)[ ]+)?(?:name|surname))[ ]*[:=\-–][ ]*"
        + _CAPS_NAME
    ),
    "per": regex.compile(
        # "per Jessica in Returns" names a colleague; "per Amazon policy" does not, hence the department after it.
        r"(?<![\w])(?i:per|according[ ]+to|as[ ]+per)[ ]+" + _NAME + r"(?=[ ]+(?i:in|from|at|on|of)[ ]+)"
    ),
    "signoff": regex.compile(
        r"(?<![\w])(?i:(?:thanks|thank[ ]+you|regards|cheers|sincerely|kind[ ]+regards|best[ ]+regards),?|best,)"
        r"[ ]*\n?[ ]*" + _NAME + r"(?=[ ]*(?:\n|$))"
    ),
}


def _trailing_initial_is_not_a_name(text: str, start: int, kept: list[str]) -> bool:
    # "John S." and "Jane A, …" end in an initial; in "Jane I think" the "I" is the next sentence's subject.
    last = kept[-1]
    if len(last.rstrip(".")) != 1 or last.endswith("."):
        return False
    after = text[start + len(" ".join(kept)) : start + len(" ".join(kept)) + 1]
    return after not in ("", ",", ";", ":", ")", "!", "?", ".", "\n")


_NEXT_WORD = regex.compile(r"[ ]+(\w+)")
_STREET_BEFORE = regex.compile(r"[0-9]+[ ]+(?:\p{Lu}\p{Ll}+[ ]+){1,3}$")


class PersonRecognizer(SpanRecognizer):
    """Person names where the wording makes them clear: after an honorific, a role ("customer Jane Doe"),
    a label ("my name is …", "name: …"), a verb ("spoke with …"), an introduction ("this is Sarah from …"),
    a greeting or a sign-off. Later mentions of a found name in the same note go too.
    """

    ENTITY = "PERSON"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield name spans (the name only: the cue and an honorific stay)."""
        found: list[tuple[int, int]] = []
        for kind, pattern in _CUED_NAMES.items():
            for match in _finditer(pattern, text):
                span = self._accept(text, kind, match)
                if span:
                    found.append(span)
        yield from found
        yield from self._repeats(text, found)

    @staticmethod
    def _accept(text: str, kind: str, match: regex.Match[str]) -> tuple[int, int] | None:
        if kind == "honorific" and match.group("cue") == "Dr" and _STREET_BEFORE.search(text, 0, match.start()):
            return None  # "12 Maple Dr Springfield" is an address
        start = match.start("name")
        kept: list[str] = []
        for word in match.group("name").split(" "):
            bare = word.rstrip(".").title() if kind == "caps" else word.rstrip(".")
            if bare in NOT_NAMES or (kind == "honorific" and bare in HONORIFIC_BRANDS):
                break
            kept.append(word)
        while kept and (kept[-1] in NAME_PARTICLES or _trailing_initial_is_not_a_name(text, start, kept)):
            kept.pop()
        if not any(len(word.rstrip(".")) > 1 for word in kept):
            return None
        if len(kept) == 1 and kept[0].title() in AMBIGUOUS_NAMES:
            return None
        end = start + len(" ".join(kept))
        following = _NEXT_WORD.match(text, end)
        if (
            kind != "honorific"
            and len(kept) == 1
            and following
            and following.group(1).lower() in ORGANISATION_FOLLOWERS
        ):
            return None
        if kind == "role" and "," in match.group("sep") and text[end : end + 1] not in (",", ")", ";"):
            return None  # "customer, Jane Doe, called" is an apposition; "customer, Handy +49 …" is not
        if kept[-1].endswith("."):
            end -= 1  # a final initial's full stop may end the sentence: leave it outside the placeholder
        return start, end

    @staticmethod
    def _repeats(text: str, found: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        words = {
            word
            for start, end in found
            for word in text[start:end].split(" ")
            if len(word) > 2 and word not in NOT_NAMES and word not in AMBIGUOUS_NAMES and word not in NAME_PARTICLES
        }
        if not words:
            return
        pattern = regex.compile(r"(?<![\w'’-])(?:" + "|".join(regex.escape(w) for w in sorted(words)) + r")(?![\w-])")
        for match in _finditer(pattern, text):
            yield match.span()


def default_recognizers() -> list[EntityRecognizer]:
    """Return one instance of each built-in Earshot recognizer."""
    return [
        EmailRecognizer(),
        CardRecognizer(),
        IbanRecognizer(),
        SsnRecognizer(),
        IpRecognizer(),
        PhoneRecognizer(),
        PersonRecognizer(),
    ]
