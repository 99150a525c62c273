"""The attack family: identifiers from a generator the recognizers were never tuned on (issue #9, third held-out run).

Written as an attacker, before any fix it prompted, with a different make from the golden sets: seeded random
templates filled from name pools of many naming traditions (South and East Asian, African, Slavic, Arabic,
Hispanic, Nordic, Turkish, Persian, Filipino…), in Title, lower and UPPER case; e-mails in odd shapes (upper case,
plus-addressing, subdomains, IDN, spelled out, bracketed, spaces around the @, split over a line); phones of
twenty countries in international and national shapes; valid IBANs of twenty countries in four layouts; Luhn-valid
cards of five networks in four layouts; SSN and NI numbers spaced, run together and in lower case; IPv4 with ports,
IPv6; and identifiers alone, as an extra field's value would be. Clean notes are full of products and companies
(some named after people: "Calvin Klein jeans"), order ids and versions that must survive.

Every value is made up. :func:`attack_family` is deterministic for a seed; the benchmark also plants the same
generator's identifiers into real customer text from ``../shared/datasets`` (see ``benchmarks/redaction.py``).
"""

from __future__ import annotations

import random
import re
import string

from tests.redaction_golden import GoldenNote

# -- names ---------------------------------------------------------------------------------------------------------
# (given names, surnames) per tradition; written for this file, not taken from any list the recognizers use.
NAME_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "south_asian": (
        ("Aarav", "Ishaan", "Kavya", "Meenakshi", "Harpreet", "Sunil", "Lakshmi", "Deepika", "Venkatesh", "Anjali",
         "Farhan", "Tahmina", "Nirmala", "Gurpreet", "Sandeep"),
        ("Chatterjee", "Reddy", "Nair", "Bhattacharya", "Subramanian", "Gill", "Sandhu", "Hossain", "Perera",
         "Jayawardena", "Krishnamurthy", "Deshpande", "Choudhury", "Malhotra", "Rahman"),
    ),
    "east_asian": (
        ("Wei", "Xiaoming", "Haruto", "Yuki", "Minjun", "Seo-yeon", "Jia", "Hiroshi", "Mei", "Jun", "Hyun-woo",
         "Sakura", "Zhiwei", "Ayumi", "Daisuke"),
        ("Zhang", "Liu", "Tanaka", "Watanabe", "Kim", "Choi", "Huang", "Nakamura", "Lim", "Yamamoto", "Zhou", "Kang",
         "Suzuki", "Chen", "Takahashi"),
    ),
    "african": (
        ("Chukwuemeka", "Ngozi", "Kwame", "Abena", "Tendai", "Wanjiru", "Oluwaseyi", "Thabo", "Amara", "Kofi",
         "Folasade", "Makena", "Sipho", "Yaw", "Adaeze"),
        ("Okonkwo", "Mensah", "Kamau", "Nwosu", "Adebayo", "Mutua", "Moyo", "Banda", "Osei", "Achebe", "Ndlovu",
         "Otieno", "Asante", "Eze", "Balogun"),
    ),
    "slavic": (
        ("Dmitri", "Katarzyna", "Bogdan", "Svetlana", "Miroslav", "Jelena", "Wojciech", "Olga", "Radek", "Zuzana",
         "Yaroslav", "Milena", "Tomasz", "Irina", "Vesna"),
        ("Kowalczyk", "Ivanova", "Novak", "Petrović", "Dvořák", "Smirnov", "Wiśniewski", "Horvat", "Kuznetsova",
         "Jovanović", "Szymańska", "Popescu", "Lewandowski", "Sokolova", "Marković"),
    ),
    "arabic": (
        ("Youssef", "Fatima", "Khalid", "Layla", "Omar", "Noura", "Tariq", "Samira", "Hamza", "Rania", "Bilal",
         "Yasmin", "Faisal", "Amira", "Karim"),
        ("Al-Mansouri", "Haddad", "Khoury", "El-Amin", "Farouk", "Nasser", "Saleh", "Abdullah", "Hamdan",
         "Al-Sayed", "Mansour", "Qureshi", "Bakr", "Ibrahim", "Aziz"),
    ),
    "hispanic": (
        ("Alejandro", "Guadalupe", "Joaquín", "Ximena", "Rodrigo", "Itzel", "Santiago", "Valentina", "Mateo",
         "Catalina", "Esteban", "Lucía", "Gonzalo", "Marisol", "Ignacio"),
        ("Hernández", "Gutiérrez", "Ramírez", "Castillo", "Morales", "Vargas", "Rojas", "Mendoza", "Fuentes",
         "Quintero", "Delgado", "Salazar", "Navarro", "Ortega", "Cabrera"),
    ),
    "other": (
        ("Mehmet", "Elif", "Parisa", "Dariush", "Nguyen", "Thi Lan", "Maricel", "Jose Mari", "Sigrid", "Björn",
         "Ioana", "Giorgos", "Aigerim", "Nurlan", "Tavita"),
        ("Yılmaz", "Demir", "Tehrani", "Hosseini", "Tran", "Pham", "Dela Cruz", "Bautista", "Lindqvist",
         "Johansson", "Constantin", "Papadopoulos", "Abenova", "Seitkali", "Faleolo"),
    ),
}  # fmt: skip

# Templates with a full name ({name}); a lone given name ({first}); the name's case is chosen per note.
_FULL_TEMPLATES = (
    "{name} is furious that the router was never dispatched.",
    "Handed the call to {name} after the line dropped twice.",
    "customer {name} wants the contract cancelled without the exit fee",
    "Spoke with {name} re: the missing refund.",
    "Account belongs to {name}, not the caller.",
    "{name} - complaint about roaming charges in Spain.",
    "Refund approved for {name} (goodwill credit).",
    "Called {name} back at 4pm as promised; no answer.",
    "The engineer met {name} at the property but had no ladder.",
    "per the account notes {name} is the authorised user",
    "Her husband {name} rang to add himself to the account.",
    "{name}'s direct debit failed twice this month.",
    "Note from {name}: the parcel was left in the rain.",
    "cc {name} on the follow-up e-mail",
    "Escalated on behalf of {name}, who is housebound.",
    "Caller said she is {name} and confirmed the postcode.",
    "Payment arrangement agreed with {name} for three months.",
    "Policy holder: {name}",
    "{name} asked whether the upgrade keeps her number.",
    "Joint account with {name}; both need to consent.",
)
_FIRST_TEMPLATES = (
    "customer {first} wants a callback tomorrow",
    "Spoke with {first}, she is happy now.",
    "her son {first} is handling the account from now on",
    "Thanks,\n{first}",
    "{first} said the app crashes on login.",
    "Left a message for {first} about the engineer visit.",
    "Regards, {first}",
    "asked {first} to send a photo of the damage",
    "{first} from the Leeds store called about a stock transfer.",
    "Cheers {first}!",
    "my colleague {first} took the first call",
    "caller's daughter {first} translated for her",
)
# Short values as an extra field would hold them: the redactor sees them alone, without context.
_FIELD_TEMPLATES = ("{name}", "{first}", "contact: {name}", "{name} (owner)", "Mr {last}", "{last}, {first}")

# -- e-mails -------------------------------------------------------------------------------------------------------
_DOMAINS = (
    "gmail.com", "yahoo.co.in", "mail.ru", "outlook.fr", "web.de", "qq.com", "naver.com", "hotmail.es",
    "student.uni-heidelberg.de", "mail.corp.example.co.uk", "protonmail.ch", "orange.fr", "bigpond.com.au",
    "fastmail.fm", "icloud.com", "yandex.ru", "rediffmail.com", "libero.it", "telkomsa.net", "müller-bau.de",
)  # fmt: skip
_EMAIL_TEMPLATES = (
    "Reply to {email} with the quote.",
    "email: {email}",
    "Customer's e-mail is {email}, please update the record.",
    "Sent the invoice to {email} this morning.",
    "{email}",
    "Contact via {email} only — no calls.",
    "new address {email} (old one bounced)",
)

# -- phones --------------------------------------------------------------------------------------------------------
_PHONES = (
    "+1 (415) 555-0134", "1-415-555-0199", "415 555 0177", "+44 (0)20 7946 0321", "0044 7700 900456",
    "+44 7700-900-789", "07700900123", "+49 (0)30 9876 5432", "0171/5551234", "+49 151 23456789",
    "+33 (0)6 11 22 33 44", "06.11.22.33.55", "+34 612 345 678", "91 123 45 67", "+39 06 6982 1234",
    "+39 333 123 4567", "+31 (0)6 1234 5678", "020-555 1234", "+91 98765 43210", "098765 43210",
    "+61 (0)412 345 678", "(02) 9876 5432", "+81 90-1234-5678", "+55 11 91234-5678", "+27 82 123 4567",
    "+234 803 123 4567", "+52 55 1234 5678", "+7 912 345-67-89", "+48 512 345 678", "+971 50 123 4567",
    "+86 138 0013 8000", "+82 10-1234-5678", "+63 917 123 4567", "+353 87 123 4567", "+46 70 123 45 67",
)  # fmt: skip
_PHONE_TEMPLATES = (
    "Call back on {phone} after 5.",
    "mob {phone}",
    "Tel.: {phone}",
    "She left {phone} as the best number.",
    "{phone}",
    "reachable at {phone} (work)",
    "text him at {phone} when the engineer is on the way",
    "Phone number changed to {phone} today.",
)

# -- IBANs, cards, national ids, IPs ---------------------------------------------------------------------------------
_IBAN_SHAPES = {
    "GB": "NWBK{d6}{d8}", "DE": "{d8}{d10}", "FR": "{d10}{d11}{d2}", "ES": "{d4}{d4}{d2}{d10}",
    "IT": "X{d5}{d5}{d12}", "NL": "ABNA{d10}", "BE": "{d12}", "CH": "{d5}{d12}", "AT": "{d5}{d11}",
    "PL": "{d8}{d16}", "PT": "{d4}{d4}{d11}{d2}", "IE": "AIBK{d6}{d8}", "SE": "{d3}{d17}", "NO": "{d4}{d6}{d1}",
    "DK": "{d4}{d10}", "SA": "{d2}{d18}", "AE": "{d3}{d16}", "TR": "{d5}0{d16}", "BR": "{d8}{d5}{d10}P{d1}",
    "MU": "BOMM{d2}{d2}{d16}000MUR",
}  # fmt: skip
_IBAN_TEMPLATES = (
    "Refund to IBAN {iban} please.",
    "bank details {iban}",
    "Pay into {iban} (her savings account).",
    "{iban}",
    "Customer gave IBAN: {iban}",
)
_CARD_PREFIXES = (("4", 16), ("51", 16), ("2221", 16), ("34", 15), ("6011", 16), ("3528", 16), ("36", 14))
_CARD_TEMPLATES = (
    "Charged twice on card {card}.",
    "card no {card}",
    "{card}",
    "Paid with {card} exp 09/27.",
    "Customer read out {card} over the phone, advised not to.",
)
_NATIONAL_IDS = (
    ("SSN", "412 55 7890"), ("SSN", "412557891"), ("SSN", "523-81-0042"), ("SSN", "601 22 3345"),
    ("NATIONAL_ID", "qq123456c"), ("NATIONAL_ID", "AB-12-34-56-C"), ("NATIONAL_ID", "ZX 98 76 54 A"),
    ("NATIONAL_ID", "PX 123456 B"), ("NATIONAL_ID", "nh 55 44 33 d"), ("SSN", "078 05 1121"),
)  # fmt: skip
_NATIONAL_TEMPLATES = {
    "SSN": ("SSN {id} verified", "social security number {id}", "{id}", "her soc sec is {id}"),
    "NATIONAL_ID": ("NI {id} on file", "national insurance no. {id}", "{id}", "NINO: {id}"),
}
_IPS = (
    "203.0.113.45:8080", "198.51.100.9", "192.0.2.201", "2001:db8:85a3::8a2e:370:7334", "2001:db8::1",
    "fe80::1ff:fe23:4567:890a", "100.64.12.7", "172.16.254.3", "81.2.69.160", "[2001:db8::42]:443",
)  # fmt: skip
_IP_TEMPLATES = (
    "Login attempts from {ip} blocked.",
    "Her WAN IP: {ip}",
    "{ip}",
    "VPN endpoint {ip} keeps dropping",
    "Device at {ip} is not responding to ping",
)

# -- clean notes: products, companies (some named after people), order ids, versions --------------------------------
CLEAN_TEMPLATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Calvin Klein jeans returned, wrong size, order {order}.", ("Calvin Klein",)),
    ("Michael Kors watch strap broke after a week.", ("Michael Kors",)),
    ("Tommy Hilfiger jacket refund of ${price} processed.", ("Tommy Hilfiger",)),
    ("Ralph Lauren polo shirts out of stock in size M.", ("Ralph Lauren",)),
    ("Swapped the Huawei P30 Pro for a OnePlus 12R under warranty.", ("Huawei P30 Pro", "OnePlus 12R")),
    ("Xiaomi Redmi Note 13 won't update past MIUI {version}.", ("Redmi Note 13",)),
    ("Jio Fiber outage in Pune, ticket {ticket}.", ("Jio Fiber", "Pune")),
    ("M-Pesa payment reversed by Safaricom after 48 hours.", ("M-Pesa", "Safaricom")),
    ("Flipkart order {order} delivered to the wrong locker.", ("Flipkart",)),
    ("Mercado Pago refund pending since {date}.", ("Mercado Pago",)),
    ("Nubank card declined at the Zara checkout.", ("Nubank", "Zara")),
    ("Gojek driver cancelled; Grab used instead, receipt {ticket}.", ("Gojek", "Grab")),
    ("Talabat voucher code SAVE20 not accepted.", ("Talabat", "SAVE20")),
    ("Allegro seller shipped the Bosch drill without a battery.", ("Allegro", "Bosch")),
    ("Kaspersky licence key rejected after the Windows 11 {version} update.", ("Kaspersky",)),
    ("Ben & Jerry's promo bundle missing from order {order}.", ("Ben & Jerry's",)),
    ("Jimmy Choo heels exchange approved, RMA {ticket}.", ("Jimmy Choo",)),
    ("Hugo Boss suit alteration delayed to {date}.", ("Hugo Boss",)),
    ("Estée Lauder gift set arrived crushed.", ("Estée Lauder",)),
    ("Tesla Model Y charging cable recall notice sent.", ("Tesla Model Y",)),
    ("Firmware {version} for the Sonos Arc fixed the dropouts.", ("Sonos Arc",)),
    ("Alexa routine stopped working after app v{version}.", ("Alexa",)),
    ("Jordan 4 Retro sizes wrong on the website.", ("Jordan 4 Retro",)),
    ("Marie Claire subscription renewed at £{price}.", ("Marie Claire",)),
    ("Ted Baker bag refund to the original card.", ("Ted Baker",)),
    ("Dr. Martens boots sole split, photos attached.", ("Dr. Martens",)),
    ("Kate Spade purse shipped to the store instead of home.", ("Kate Spade",)),
    ("Louis Vuitton authentication request, case {ticket}.", ("Louis Vuitton",)),
    ("Rakuten points not credited for order {order}.", ("Rakuten",)),
    ("Careem Plus trial charged AED 19 too early.", ("Careem Plus",)),
    ("Swiggy One membership refunded, txn {ticket}.", ("Swiggy One",)),
    ("Jumia delivery to Ikeja delayed by customs.", ("Jumia", "Ikeja")),
    ("Bolt ride overcharged by €{price} in Tallinn.", ("Bolt", "Tallinn")),
    ("Wise transfer TRX-{ticket} stuck in review.", ("Wise",)),
    ("N26 app {version} crashes on Android 14.", ("N26",)),
    ("Samsung Galaxy Watch6 band replaced, SKU SM-R930.", ("Galaxy Watch6", "SM-R930")),
    ("Sony WH-1000XM5 left cup crackles; exchange order {order}.", ("WH-1000XM5",)),
    ("Lenovo ThinkPad X1 Carbon Gen 11 keyboard fault.", ("ThinkPad X1 Carbon",)),
    ("Philips Hue bridge v{version} drops the Zigbee lights.", ("Philips Hue",)),
    ("Victoria's Secret order {order} split into two parcels.", ("Victoria's Secret",)),
)
# A few abcd-style (lower case, brand_with_underscore) lines, as the retailer's system writes them.
CLEAN_LOWER = (
    ("return for michael_kors jeans, wrong size", ("michael_kors",)),
    ("calvin_klein boots refund $94 to credit card", ("calvin_klein",)),
    ("tommy_hilfiger shirt arrived with a stain", ("tommy_hilfiger",)),
    ("promo code expires after 7 days, customer asked twice", ()),
    ("guest member wants to upgrade to gold membership", ()),
)


def _luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    digits = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return digits + str((10 - total % 10) % 10)


def _iban(country: str, rng: random.Random) -> str:
    shape = _IBAN_SHAPES[country]
    out, i = [], 0
    while i < len(shape):
        if shape[i] == "{":
            close = shape.index("}", i)
            out.append("".join(rng.choice(string.digits) for _ in range(int(shape[i + 2 : close]))))
            i = close + 1
        else:
            out.append(shape[i])
            i += 1
    bban = "".join(out)
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def _layout_number(compact: str, style: int) -> str:
    """Four layouts: run together, groups of 4, groups of 4 with dashes, lower case groups."""
    groups = [compact[i : i + 4] for i in range(0, len(compact), 4)]
    return (compact, " ".join(groups), "-".join(groups), " ".join(groups).lower())[style % 4]


def _card_layout(number: str, style: int) -> str:
    if len(number) in (14, 15):  # Amex 4-6-5, Diners 4-6-4
        parts = [number[:4], number[4:10], number[10:]]
    else:
        parts = [number[i : i + 4] for i in range(0, len(number), 4)]
    return (number, " ".join(parts), "-".join(parts), ".".join(parts))[style % 4]


def _cased(name: str, style: int) -> str:
    return (name, name.lower(), name.upper(), name)[style % 4]


def _email_forms(first: str, last: str, domain: str, style: int) -> str:
    ascii_first = first.lower().replace(" ", "").replace("-", "")
    ascii_last = last.lower().replace(" ", "").replace("-", "")
    local = (f"{ascii_first}.{ascii_last}", f"{ascii_first[0]}{ascii_last}", f"{ascii_first}_{ascii_last}82",
             f"{ascii_first}+billing", f"{ascii_last}.{ascii_first[0]}")[style % 5]  # fmt: skip
    user, _, tld_domain = domain.partition(".")
    forms = (
        f"{local}@{domain}",
        f"{local}@{domain}".upper(),
        f"{local} @ {domain}",
        f"<{local}@{domain}>",
        f"{local} at {user} dot {tld_domain.replace('.', ' dot ')}",
        f"{local}[at]{domain.replace('.', '[dot]')}",
        f"{local}@\n{domain}",
        f"mailto:{local}@{domain}",
        f"{local} (at) {domain}",
        f"{local}@{domain}".title(),
    )
    return forms[style % len(forms)]


def attack_family(seed: int = 3) -> tuple[tuple[GoldenNote, ...], tuple[GoldenNote, ...]]:
    """Return ``(notes with identifiers, clean notes)`` for ``seed``; the same seed gives the same notes."""
    rng = random.Random(seed)
    pii: list[GoldenNote] = []
    pools = list(NAME_POOLS.values())

    def pick_name() -> tuple[str, str]:
        firsts, lasts = rng.choice(pools)
        return rng.choice(firsts), rng.choice(lasts)

    for i, template in enumerate(_FULL_TEMPLATES * 4):
        first, last = pick_name()
        name = _cased(f"{first} {last}", i)
        pii.append(GoldenNote(template.format(name=name), (("PERSON", name),)))
    for i, template in enumerate(_FIRST_TEMPLATES * 3):
        first = _cased(pick_name()[0], i)
        pii.append(GoldenNote(template.format(first=first), (("PERSON", first),)))
    for i, template in enumerate(_FIELD_TEMPLATES * 3):
        first, last = pick_name()
        first, last = _cased(first, i), _cased(last, i)
        text = template.format(name=f"{first} {last}", first=first, last=last)
        values = tuple(("PERSON", v) for v in (first, last) if v in text)
        pii.append(GoldenNote(text, values))
    for i in range(40):
        first, last = pick_name()
        email = _email_forms(first, last, rng.choice(_DOMAINS), i)
        pii.append(GoldenNote(rng.choice(_EMAIL_TEMPLATES).format(email=email), (("EMAIL", email),)))
    for i, phone in enumerate(_PHONES):
        pii.append(GoldenNote(_PHONE_TEMPLATES[i % len(_PHONE_TEMPLATES)].format(phone=phone), (("PHONE", phone),)))
    for i, country in enumerate(_IBAN_SHAPES):
        iban = _layout_number(_iban(country, rng), i)
        pii.append(GoldenNote(_IBAN_TEMPLATES[i % len(_IBAN_TEMPLATES)].format(iban=iban), (("IBAN", iban),)))
    for i in range(21):
        prefix, length = _CARD_PREFIXES[i % len(_CARD_PREFIXES)]
        card = _card_layout(_luhn_complete(prefix, length, rng), i)
        pii.append(GoldenNote(_CARD_TEMPLATES[i % len(_CARD_TEMPLATES)].format(card=card), (("CARD", card),)))
    for i, (kind, value) in enumerate(_NATIONAL_IDS * 2):
        templates = _NATIONAL_TEMPLATES[kind]
        template = templates[i % len(templates)]
        pii.append(GoldenNote(template.format(id=value), ((kind, value),)))
    for i, ip in enumerate(_IPS * 2):
        pii.append(GoldenNote(_IP_TEMPLATES[i % len(_IP_TEMPLATES)].format(ip=ip), (("IP", ip),)))
    # A few notes with several identifiers at once, names as e-mail local parts next to the name itself.
    for i in range(10):
        first, last = pick_name()
        email = f"{first.lower().replace(' ', '')}.{last.lower().replace(' ', '')}@{rng.choice(_DOMAINS)}"
        phone = rng.choice(_PHONES)
        text = f"{_cased(first, i)} rang from {phone}; confirm by e-mail to {email}."
        pii.append(GoldenNote(text, (("PERSON", _cased(first, i)), ("PHONE", phone), ("EMAIL", email))))

    clean: list[GoldenNote] = []
    for i, (template, keep) in enumerate(CLEAN_TEMPLATES * 2):
        values = {
            "order": f"{rng.randint(10, 99)}-{rng.randint(10**6, 10**7 - 1)}"
            if i % 2
            else str(rng.randint(10**8, 10**9)),
            "price": f"{rng.randint(5, 400)}.{rng.randint(0, 99):02d}",
            "ticket": f"{rng.choice(('CS', 'INC', 'RMA', 'T'))}{rng.randint(10000, 999999)}",
            "version": f"{rng.randint(1, 17)}.{rng.randint(0, 9)}.{rng.randint(0, 30)}",
            "date": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2024",
        }
        text = template.format(**values)
        keeps = keep + tuple(v for k, v in values.items() if "{" + k + "}" in template and k != "price")
        clean.append(GoldenNote(text, (), keeps))
    clean.extend(GoldenNote(text, (), keep) for text, keep in CLEAN_LOWER)
    return tuple(pii), tuple(clean)


_PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PARTICLES = {"van", "von", "de", "der", "den", "del", "da", "di", "du", "la", "le", "al", "bin", "el", "dela"}


def leaked(kind: str, value: str, out: str) -> bool:
    """Whether any part of ``value`` that identifies someone is still in ``out``.

    A name leaks when any of its words (2+ letters, not a particle) is still a word of the output, in any case; an
    e-mail address when its local part is still there (punctuation ignored); any other identifier leaks when six
    characters in a row of its letters and digits (all of them, if shorter) are
    still there, ignoring spaces and punctuation: "+44 <PHONE> 900123" leaks, "<PHONE>" does not.
    """
    from ingest.normalise import normalise

    value, out = normalise(value), _PLACEHOLDER.sub(" ", out)
    if kind == "PERSON":
        words = {w.lower() for w in _NAME_WORD.findall(out)}
        return any(w.lower() in words for w in _NAME_WORD.findall(value) if len(w) > 1 and w.lower() not in _PARTICLES)
    haystack = re.sub(r"[\W_]", "", out).lower()
    if kind == "EMAIL":
        # The local part is what names someone; a domain left beside "<EMAIL>" ("mailto:") names no one.
        local = re.split(r"(?i)\s*(?:@|[(\[]at[)\]]|\sat\s)\s*", value, maxsplit=1)[0]
        compact = re.sub(r"[\W_]", "", local.removeprefix("mailto:")).lower()
        return len(compact) >= 3 and compact in haystack
    compact = re.sub(r"[\W_]", "", value).lower()
    width = min(6, len(compact))
    return any(compact[i : i + width] in haystack for i in range(len(compact) - width + 1))


ATTACK_PII_NOTES, ATTACK_CLEAN_NOTES = attack_family()
