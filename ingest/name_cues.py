"""Person names the wording makes clear: after an honorific, a role, a label, a verb, an introduction, a greeting or
a sign-off ("Mrs. Doe", "customer Jane Doe", "my name is …", "spoke with …", "this is Sarah from …", "Hi Tom,",
"Thanks, Kim"), and the word lists that say which capitalised words are not names.

Split from :mod:`ingest.recognizers` (same rules: linear patterns, nothing logged); :mod:`ingest.names` adds the
names no cue announces.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ingest.name_view import english_word
from ingest.recognizers import SpanRecognizer, _finditer, _words

__all__ = ["AMBIGUOUS_NAMES", "HONORIFIC_BRANDS", "NAME_PARTICLES", "NOT_NAMES", "PersonRecognizer"]

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
    # The same roles as agents abroad write them: "cliente Mateus Oliveira", "Kunde Jürgen Weiß".
    r"|cliente|clienta|kunde|kundin|klant|client[e]?|usuario|usuaria|utente|abonné|abonnee|titular|titolare"
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
        r"|goes[ ]+by|known[ ]+as|aka|a\.k\.a\.|(?:someone|somebody|person|man|woman|lady|guy|merchant|rep)[ ]+named)"
        r"[ ]*" + _NAME
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
        r"[ ]*\n?[ ]*" + _NAME + r"(?=[ ]*(?:\n|$|[-–—:!]|[.,;][ ]))"
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
            if bare.lower().endswith(("ing", "ed")) and english_word(bare):
                break  # "Customer Enquiring that …", "Customer Confused": a verb written with a capital
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
