"""Person names the wording makes clear: after an honorific, a role, a label, a verb, an introduction, a greeting or
a sign-off ("Mrs. Doe", "customer Jane Doe", "my name is …", "spoke with …", "this is Sarah from …", "Hi Tom,",
"Thanks, Kim"), and the word lists that say which capitalised words are not names.

Split from :mod:`ingest.recognizers` (same rules: linear patterns, nothing logged); :mod:`ingest.names` adds the
names no cue announces.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ingest.name_view import english_word, given_name
from ingest.recognizers import REGEX_TIMEOUT_S, SpanRecognizer, _finditer, _words

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
    r"|kunden|anrufer|anruferin|klientka|klienta|klientem|klientką|müşteri|musteri|asiakas|ansprechpartner"
    r"|ansprechpartnerin|opiekun|opiekunka|interlocutor|interlocutora|interlocuteur|interlocutrice|consumidor"
    r"|consumidora|abonnent|abonnentin|assicurato|assicurata|contraente|beller|zákazník|zákaznice|zákaznici|ügyfél"
    r"|ügyfelünk|asiakas|kund|kunde[n]?|klientas|klientė"
)
# Honorifics of other languages, written in any case mid-sentence ("il sig. Rossi", "z panem Wójcikiem").
_FOREIGN_HONORIFIC = (
    r"(?i:sr|sra|srta|señor|señora|señorita|senhor|senhora|don|doña|dona|sig|sig\.ra|sigra|signor|signora|signorina"
    r"|mevrouw|mevr|mw|meneer|dhr|madame|monsieur|mademoiselle|herrn|pan|pani|panem|panią|panu|pana|sayın|sayin"
    r"|fam|familie|famille|família|familia|famiglia)"
)
# A person's speaking verb in another language after their name: "Hülya Yıldız aradı", "Luz llamó".
_FOREIGN_SPOKE = (
    r"(?:llamó|llamo|ligou|telefonou|chamou|ha[ ]+chiamato|chiamato|a[ ]+appelé|appelle|belde|belt|rief[ ]+an"
    r"|hat[ ]+angerufen|dzwoniła|dzwonił|zadzwoniła|zadzwonił|aradı|reclamou|reclamó|se[ ]+quejó|schrieb|escribió"
    r"|a[ ]+écrit|ha[ ]+scritto|escreveu|schreef|napisała|napisał|yazdı|dijo|disse|sagte|zei|powiedziała|powiedział"
    r"|dedi|quiere|quer|vuole|veut|wil|chce|istiyor|beschwert|beschwerte|fragt|fragte|möchte|bittet|zgłasza|zgłosiła"
    r"|zgłosił|prosi|pyta|pisała|pisał|rappellera|rappelle|demande|souhaite|pide|pidió|pregunta|preguntó|pediu"
    r"|pergunta|chiede|vraagt|sordu|istedi|soruyor)(?![\p{L}])"
)
_VERB = (
    r"(?:spoke|speak|speaking|talked|talk|talking|chatted|chatting|met|meeting|transferred|transfer|escalated|escalate"
    r"|passed|handed(?:[ ]+over)?|assigned|forwarded|connected|put[ ]+through|ask(?:ed|ing)?|request(?:ed|ing)?"
    r"|left[ ]+(?:a[ ]+)?(?:vm|voicemail|message|msg)|call[ ]?back)[ ]+(?:to|with|w/|for)"
    r"|contact(?:ed)?|emailed|texted|messaged"
    r"|on[ ]+behalf[ ]+of|assisted[ ]+by|handled[ ]+by|approved[ ]+by|authori[sz]ed[ ]+by|referred[ ]+by|cc'?d"
    # …and as agents abroad write it: "hablé con", "atendí a", "gesproken met", "rozmawiałam z".
    r"|(?:hablé|habló|hablamos|atendí|atendió)[ ]+(?:con|a)|(?:falei|falou|conversei)[ ]+com"
    r"|(?:j'ai[ ]+)?parlé[ ]+(?:avec|à)|(?:ho|ha)[ ]+parlato[ ]+con|(?:gesproken|gebeld|sprak)[ ]+met"
    r"|(?:gesprochen|telefoniert|telefonierte|sprach)[ ]+mit|rozmawiał(?:em|am|a)?[ ]+z|(?:z|ze)[ ]+(?:panem|panią)"
    # …and who a message or a call came from: "Nachricht von …", "appel de …", "mensaje de …".
    r"|(?:nachricht|anruf|rückruf|e-mail|mail)[ ]+von|(?:message|appel|courriel)[ ]+de|(?:mensaje|llamada|correo)[ ]+de"
    r"|(?:mensagem|chamada|ligação)[ ]+de|(?:messaggio|chiamata)[ ]+di|(?:bericht|telefoontje)[ ]+van"
    r"|(?:wiadomość|telefon)[ ]+od"
)
# Exports from CRMs often upper-case fields: "Customer: JOHN SMITH". Upper-case words are names only after such a
# field label, where an acronym is unlikely.
_CAPS_NAME = r"(?P<name>\p{Lu}{2,}(?:['’-]\p{Lu}{2,})?(?:[ ]\p{Lu}{2,}(?:['’-]\p{Lu}{2,})?){0,3})(?![\w])"
_CUED_NAMES = {
    "honorific": regex.compile(
        r"(?<![\w.])(?P<cue>Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Mister|Mme|Mlle|Herr|Frau|MR|MRS|mr|mrs)"
        r"\.?[ ]+" + _NAME
    ),
    "foreign_honorific": regex.compile(r"(?<![\w.])(?P<cue>" + _FOREIGN_HONORIFIC + r")\.?[ ]+" + _NAME),
    # "Zeynep Hanım", "Umut Bey": Turkish honorifics follow the name.
    "honorific_after": regex.compile(
        r"(?<![\w'’-])" + _NAME + r"(?=[ ]+(?:Hanım|Hanim|Hanımefendi|Bey|Beyefendi)(?![\p{L}]))"
    ),
    # A display name before an e-mail address: "Iñaki Etxeberria <<EMAIL>> escribió:", "Klaus Schröder <k@x.de>".
    "display": regex.compile(r"(?<![\w'’-])" + _NAME + r"(?=[ ]*<(?:<EMAIL>|[^<>\s@]+@[^<>\s]+)>)"),
    # A mail header line: "From: Jane Doe", "De : Thibault Marchal", "Von: Heike Vogel".
    "header": regex.compile(
        r"(?m)^[ ]*(?i:from|de|von|van|da|od|kimden|från|fra|lähettäjä|feladó|enviado[ ]+por)[ ]*:[ ]*" + _NAME
    ),
    # The text of a mailto link: "[Rosalía Méndez](mailto:…)", "<a href="mailto:…">Hartmut Bergmann</a>".
    "mailto": regex.compile(
        r"\[[ ]*" + _NAME + r"[ ]*\]\((?:mailto:|<EMAIL>)"
        r"|(?i:href)=[\"']?(?:mailto:(?:<EMAIL>|[^<>\s\"']+)|<EMAIL>)[\"']?[^<>]*>[ ]*" + _NAME + r"[ ]*</a>"
    ),
    "before_verb": regex.compile(r"(?<![\w'’-])" + _NAME + r"(?=[ ]+" + _FOREIGN_SPOKE + ")"),
    "role": regex.compile(
        rf"(?<![\w])(?i:(?:{_ROLE})\.?(?:[ ]+name)?)(?P<sep>[ ]*[:=,\-–][ ]*|[ ]+)(?:\*{{1,2}}|_)?" + _NAME
    ),
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
    "own_name": regex.compile(
        r"(?<![\w])(?i:me[ ]+llamo|mein[ ]+name[ ]+ist|ich[ ]+heiße|ich[ ]+heisse|je[ ]+m'appelle|je[ ]+m’appelle"
        r"|mi[ ]+chiamo|meu[ ]+nome[ ]+é|mijn[ ]+naam[ ]+is|nazywam[ ]+się|benim[ ]+adım|sou[ ]+[ao]|soy)[ ]+" + _NAME
    ),
    "greeting": regex.compile(
        r"(?<![\w])(?i:dear|hi|hello|hey|good[ ]+(?:morning|afternoon|evening)|hola|hallo|bonjour|bonsoir|buongiorno"
        r"|buonasera|ciao|olá|oi|bom[ ]+dia|boa[ ]+tarde|dzień[ ]+dobry|merhaba|estimad[oa]|querid[oa]|liebe[r]?"
        r"|cher|chère|caro|cara|gentile|gentilissim[oa]|beste|geachte|szanown[ya])[ ]+" + _NAME + r"(?=[ ]*[,!:\n])"
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
        r"(?<![\w])(?i:(?:thanks|thank[ ]+you|regards|cheers|sincerely|kind[ ]+regards|best[ ]+regards|saludos"
        r"|un[ ]+saludo|atentamente|gracias|mit[ ]+freundlichen[ ]+grü(?:ß|ss)en|viele[ ]+grü(?:ß|ss)e"
        r"|beste[ ]+grü(?:ß|ss)e"
        r"|liebe[ ]+grü(?:ß|ss)e|grü(?:ß|ss)e|gruß|cordialement|bien[ ]+à[ ]+vous|cordiali[ ]+saluti|distinti[ ]+saluti"
        r"|saluti|atenciosamente|obrigad[oa]|abraços|met[ ]+vriendelijke[ ]+groet|vriendelijke[ ]+groet|groeten"
        r"|pozdrawiam|z[ ]+poważaniem|saygılarımla|hälsningar|med[ ]+vänlig[ ]+hälsning|mvh),?|best,)"
        r"[ ]*\n?[ ]*" + _NAME + r"(?=[ ]*(?:\n|$|[-–—:!]|[.,;][ ]))"
    ),
}


# Cues that say only that a name *may* stand there: one capitalised word must be a known given name, and a sentence's
# capitalised article and noun ("Der Kunde rief an", "El Técnico llamó") are no name.
_NEEDS_A_NAME = frozenset({"before_verb", "honorific_after", "display", "header"})
_ARTICLES = _words("Der Die Das Den Dem Ein Eine El La Los Las Le Les Il Lo Gli Un Una Uno Os As Het Een De Ten Ta To")


_WORD_BEFORE = regex.compile(r"(\p{Lu}[\p{L}'’-]*)[ ]+$")


def _capitalised_word_before(text: str, start: int) -> bool:
    """Whether a capitalised word other than an article or a pronoun comes right before ``start``: the name
    would be the end of a longer proper noun ("Galeries Lafayette Haussmann")."""
    match = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return match is not None and match.group(1) not in NOT_NAMES and match.group(1) not in _ARTICLES


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
            # A name before a verb may follow a capitalised word that is none ("A Esperança Pinto reclamou"):
            # every start is tried, not only the first match's.
            matches = (
                pattern.finditer(text, overlapped=True, timeout=REGEX_TIMEOUT_S)
                if kind == "before_verb"
                else _finditer(pattern, text)
            )
            for match in matches:
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
        if kind in _NEEDS_A_NAME and (
            (len(kept) == 1 and not given_name(kept[0]))
            or any(word in _ARTICLES for word in kept)
            or (kind == "before_verb" and len(kept) > 2)  # "Galeries Lafayette Haussmann demande", "Via del Corso"
            or (kind == "before_verb" and _capitalised_word_before(text, start))  # "Galeries [Lafayette Haussmann]"
        ):
            return None  # "Nadie llamó", "Der Kunde rief an", "Support <help@x.com>": no name said so
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
