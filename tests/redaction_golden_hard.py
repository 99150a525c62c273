"""The hard golden notes: identifiers in the forms the first golden set did not hold, written as an attacker would.

Written for Earshot (issue #9), not taken from any data set; every value is made up (documentation phone ranges,
test card numbers, example IBANs, documentation IP ranges, invented names). Each note plants identifiers in one
country's conventions, in Unicode disguises, in everyday wording without cue words, in other naming cultures, at the
start of a sentence, in lower case. The clean notes are full of the things that look like identifiers and are not:
order numbers, prices, dates, ticket ids, product codes, versions, and product and company names (some of them
also given names).

``{}`` in a template marks where the value goes; :func:`_one` builds the note.
"""

from __future__ import annotations

from tests.redaction_golden import GoldenNote


def _one(kind: str, value: str, template: str, *keep: str) -> GoldenNote:
    text = template.format(value)
    return GoldenNote(text, ((kind, value),), tuple(keep))


def _many(text: str, *pii: tuple[str, str], keep: tuple[str, ...] = ()) -> GoldenNote:
    return GoldenNote(text, tuple(pii), keep)


# -------------------------------------------------------------------------------------------------- phones
_PHONES = [
    # United States
    ("(415) 555-0134", "Cust asked us to call {} after 5pm re order 88123", "order 88123"),
    ("415.555.0134", "Best number is {}, ticket CS-4471", "CS-4471"),
    ("+1-415-555-0134", "Reach her on {} tomorrow", ""),
    ("415 555 0134", "{} is the number on file, verified", ""),
    # United Kingdom
    ("07700 900123", "Number {}.", ""),
    ("020 7946 0958", "Customer's number is {}", ""),
    ("07700 900 456", "texted {} with the RMA label", ""),
    ("+44 (0)7700 900789", "Mobile {} for the engineer visit", ""),
    ("0161 496 0000", "landline {} - no answer twice", ""),
    ("07700-900-321", "left vm at {} about the Brightline Hub swap", "Brightline Hub"),
    ("0113 496 0123", "she can be reached at {} during office hours", ""),
    ("07700900654", "cb 07700900654 pls".replace("07700900654", "{}"), ""),
    # Germany
    ("030 12345678", "Kunde erreichbar unter {} ab 18 Uhr", ""),
    ("0151 23456789", "Handy {} - Rückruf wegen Vertrag", ""),
    ("+49 (0)30 1234567", "Tel. {} for the Vodaline contract", "Vodaline"),
    ("089/1234567", "Festnetz {} (München)", ""),
    # France
    ("06 12 34 56 78", "Rappeler le client au {} demain", ""),
    ("01.23.45.67.89", "Numéro fixe {}, commande 5521", "5521"),
    ("+33 6 12 34 56 78", "She gave {} for the courier", ""),
    ("06-12-34-56-78", "portable {} (messagerie pleine)", ""),
    # Spain
    ("612 34 56 78", "Llamar al {} por la tarde", ""),
    ("+34 912 345 678", "Office line {} for the refund query", ""),
    ("91 234 56 78", "teléfono fijo {}", ""),
    ("612345678", "móvil 612345678, pedido 7781".replace("612345678", "{}", 1), "7781"),
    # Italy
    ("333 123 4567", "Cellulare {}, richiamare", ""),
    ("06 1234 5678", "Numero di casa {}", ""),
    ("+39 333 1234567", "Whatsapp {} for the photos of the damage", ""),
    # Netherlands
    ("06-12345678", "Bel klant terug op {}", ""),
    ("020-1234567", "vaste lijn {} na 17u", ""),
    ("+31 6 12345678", "Mobiel {} voor de monteur", ""),
    # India
    ("98765 43210", "Customer mobile {}, prefers SMS", ""),
    ("+91 98765 43210", "Call back on {} before 8pm IST", "8pm"),
    ("022 2345 6789", "Office number {} (Mumbai)", ""),
    ("9876543210", "ph 9876543210 for OTP issues".replace("9876543210", "{}"), "OTP"),
    # Australia
    ("0412 345 678", "Mob {} - arvo is best", ""),
    ("(02) 9876 5432", "Home {} for the NBN tech", "NBN"),
    ("+61 412 345 678", "She's on {} if the parcel is late", ""),
    # Disguised
    ("07700\u2011900\u2011987", "Callback {} after six", ""),
    ("+44\u00a020\u00a07946\u00a00123", "Number with no-break spaces {} ok", ""),
    ("０７７００ ９００１１１", "Full-width digits {} in the chat", ""),
    ("٠٧٧٠٠ ٩٠٠٢٢٢", "Her mobile is {} she says", ""),
    ("0\u200b7700 900333", "Zero-width space inside {} too", ""),
    ("+49 151 2345\u20116789", "Non-breaking hyphen {} mid-number", ""),
]
PHONE_NOTES = tuple(_one("PHONE", value, template, *([keep] if keep else [])) for value, template, keep in _PHONES)

# -------------------------------------------------------------------------------------------------- e-mails
_EMAILS = [
    ("jane dot doe at gmail dot com", "Contact {} for the invoice"),
    ("jane.doe(at)example(dot)org", "email {} re refund"),
    ("j.smith [at] company [dot] co [dot] uk", "Mail {} the statement"),
    ("priya.r {at} yahoo {dot} in", "send receipt to {}"),
    ("tom_harris at outlook.com", "his email is {}"),
    ("JANE.DOE@GMAIL.COM", "EMAIL ON FILE {} VERIFIED"),
    ("jane+billing@brightline-customer.co.uk", "alias {} for invoices"),
    ("ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ", "Email {}, asked for a call"),
    ("jane.doe@gma\u2060il.com", "Write to {} about the refund"),
    ("j\u00ada\u200dne.doe@gmail.com", "or {} (soft hyphen and joiner inside)"),
    ("jose.garcia@correo.es", "Cliente escribe desde {}"),
    ("müller.hans@web.de", "Mail von {} wegen Rechnung"),
    ("ahmed.k @ hotmail.com", "email typed with spaces {}"),
    ("maria dot rossi at libero dot it", "scrive da {}"),
    ("kwame.mensah at gmail.com", "his address is {}"),
    ("l.nguyen<at>fastmail<dot>com", "contact {} for photos"),
]
EMAIL_NOTES = tuple(_one("EMAIL", value, template) for value, template in _EMAILS)

# -------------------------------------------------------------------------------------------------- cards
_CARDS = [
    ("4111 1111 1111 1111", "Card {} declined at checkout, order 5521-A", "5521-A"),
    ("5500-0000-0000-0004", "paid with {} yesterday", ""),
    ("378282246310005", "amex 378282246310005 charged twice".replace("378282246310005", "{}"), ""),
    ("４１１１ １１１１ １１１１ １１１１", "Full-width card {} in the chat", ""),
    ("6011 1111 1111 1117", "Discover {} refunded £49.99", "£49.99"),
    ("3530 1113 3330 0000", "JCB {} exp 11/27", "11/27"),
    ("4111\u00a01111\u00a01111\u00a01111", "card with no-break spaces {} declined", ""),
    ("5555555555554444", "the card 5555555555554444 was charged $129.00".replace("5555555555554444", "{}"), "$129.00"),
]
CARD_NOTES = tuple(_one("CARD", value, template, *([keep] if keep else [])) for value, template, keep in _CARDS)

# -------------------------------------------------------------------------------------------------- IBANs
_IBANS = [
    ("FR76 1834 1908 2386 1352 12", "Refund to {} approved"),
    ("GB29 NWBK 6016 1331 9268 19", "pay into {} please"),
    ("GB29NWBK60161331926819", "IBAN {} for the refund"),
    ("ES91 2100 0418 4502 0005 1332", "Reembolso a {}"),
    ("IT60 X054 2811 1010 0000 0123 456", "Rimborso su {}"),
    ("NL91 ABNA 0417 1643 00", "Terugbetaling naar {}"),
    ("BE68 5390 0754 7034", "remboursement sur {}"),
    ("CH93 0076 2011 6238 5295 7", "Rückerstattung auf {}"),
    ("AT61 1904 3002 3457 3201", "Konto {} für die Gutschrift"),
    ("PL61 1090 1014 0000 0712 1981 2874", "zwrot na {}"),
    ("PT50 0002 0123 1234 5678 9015 4", "reembolso para {}"),
    ("IE29 AIBK 9311 5212 3456 78", "refund to {} (AIB)"),
    ("de89 3704 0044 0532 0130 00", "lower-case iban {} given by phone"),
    ("DE89-3704-0044-0532-0130-00", "IBAN with dashes {} ok"),
    ("SE45 5000 0000 0583 9825 7466", "återbetalning till {}"),
    ("DK50 0040 0440 1162 43", "refusion til {}"),
]
IBAN_NOTES = tuple(_one("IBAN", value, template) for value, template in _IBANS)

# -------------------------------------------------------------------------------------------------- national ids
_IDS = [
    ("SSN", "123-45-6789", "Caller read out SSN {} for verification"),
    ("SSN", "123 45 6789", "ssn {} on the form"),
    ("NATIONAL_ID", "QQ 12 34 56 C", "NI number {} on the claim"),
    ("NATIONAL_ID", "AB123456C", "NI no. {} confirmed"),
    ("NATIONAL_ID", "12345678Z", "DNI {} del titular"),
    ("NATIONAL_ID", "X1234567L", "NIE {} para el contrato"),
    ("NATIONAL_ID", "RSSMRA85T10A562S", "codice fiscale {} per la fattura"),
    ("NATIONAL_ID", "1 84 07 75 123 456 78", "numéro de sécu {}"),
    ("NATIONAL_ID", "2345 6789 0123", "Aadhaar {} for KYC"),
    ("NATIONAL_ID", "123456782", "BSN {} van de klant"),
    ("NATIONAL_ID", "K1234567", "passport K1234567 scanned".replace("K1234567", "{}")),
    ("NATIONAL_ID", "SMITH812064J99AB", "driving licence {} for ID"),
    # A device's id points at the person who carries it, as an IP address does (2026-12-01: these two were kept
    # as "clean" before; the fourth attack family made the case for removing them).
    ("DEVICE", "356938035643809", "IMEI {} blocked after theft report; police ref CR/2024/00123."),
    ("DEVICE", "00:1A:2B:3C:4D:5E", "MAC filter blocked the new laptop; added {} by request."),
]
ID_NOTES = tuple(_one(kind, value, template) for kind, value, template in _IDS)

# -------------------------------------------------------------------------------------------------- IPs
_IPS = [
    ("203.0.113.45", "Login attempts from {} blocked"),
    ("2001:db8::8a2e:370:7334", "their router shows {} as WAN address"),
    ("198.51.100.7", "IP {} geo-located to Leeds"),
    ("fe80::1ff:fe23:4567:890a", "link-local {} on the modem"),
]
IP_NOTES = tuple(_one("IP", value, template) for value, template in _IPS)

# -------------------------------------------------------------------------------------------------- addresses
_ADDRESSES = [
    ("221B Baker Street, London NW1 6XE", "customer lives at {} and wants a visit"),
    ("42 Wallaby Way, Sydney", "Deliver to {} next week"),
    ("12 rue de la Paix, 75002 Paris", "adresse: {}"),
    ("Hauptstraße 5, 10115 Berlin", "Lieferadresse {}"),
    ("Calle Mayor 5, 28013 Madrid", "dirección {} para el envío"),
    ("Via Roma 12, 00184 Roma", "indirizzo {} per il tecnico"),
    ("Keizersgracht 123, 1015 CJ Amsterdam", "bezorgadres {}"),
    ("1600 Pennsylvania Avenue NW", "Ship to {} (customer insists)"),
    ("14 Elm Grove, Leeds LS6 2AB", "new address is {} from Monday"),
    ("7 Oak Road", "Engineer to attend {} between 8 and 12"),
]
ADDRESS_NOTES = tuple(_one("ADDRESS", value, template) for value, template in _ADDRESSES)

# -------------------------------------------------------------------------------------------------- dates of birth
_DOBS = [
    ("fourteenth of July nineteen eighty-four", "customer was born on the {}"),
    ("3rd March 1990", "DOB: {}, verified"),
    ("1990-03-03", "date of birth {} on the account"),
    ("14/07/1984", "birthday is {} apparently"),
    ("14. Juli 1984", "geboren am {}"),
    ("July 14, 1984", "d.o.b. {} matched"),
    ("12 janvier 1975", "née le {}"),
]
DOB_NOTES = tuple(_one("DOB", value, template) for value, template in _DOBS)

# -------------------------------------------------------------------------------------------------- names
_NAMES = [
    # Other naming cultures, with cue words.
    ("Nguyễn Thị Mai", "Spoke with {} about the Galaxy S24 screen", "Galaxy S24"),
    ("Zhang Wei", "Customer {} wants a refund on order 5521", "order 5521"),
    ("Abdullah bin Khalid al-Harbi", "Call from {} re billing", ""),
    ("Venkata Subramaniam", "spoke to {} about Vodaline roaming", "Vodaline"),
    ("Oluwaseun Adebayo", "Refund approved for {}, Galaxy S24 Ultra", "Galaxy S24 Ultra"),
    ("Nagy Zoltán", "Ügyfél {} called about the router", ""),
    ("María José García Márquez", "Customer {} says the fibre drops", ""),
    ("João da Silva", "Talked to {} about the Brightline app", "Brightline app"),
    ("Jan van der Berg", "Customer {} wants to cancel", ""),
    ("Siobhán Ní Bhriain", "Spoke with {} about the bill", ""),
    ("Kim Min-jun", "customer {} asked for a callback", ""),
    ("Sato Haruka", "Caller {} reported no signal", ""),
    ("Małgorzata Wiśniewska", "Spoke with {} re invoice 2291", "invoice 2291"),
    ("Ayşe Yılmaz", "Customer {} wants the Vodaline Max plan", "Vodaline Max"),
    ("Giorgos Papadopoulos", "Caller {} asked about roaming", ""),
    ("Dmitri Ivanov", "Customer {} complained about speed", ""),
    ("Aroha Ngata", "Spoke with {} about her Brightline TV box", "Brightline TV"),
    ("Chiamaka Okonkwo", "Complaint from {} about the Pixel 8 Pro", "Pixel 8 Pro"),
    ("Thabo Nkosi", "Customer {} says the router resets nightly", ""),
    ("Svetlana Kuznetsova", "Spoke with {} today", ""),
    # At the start of a sentence, no cue.
    ("Priya Raghunathan", "{} asked for a refund on order 55123.", "order 55123"),
    ("Tomasz Kowalski", "{} wants to upgrade to Fibre 500.", "Fibre 500"),
    ("Fatima Zahra Benali", "{} rang twice about the Vodaline bill.", "Vodaline"),
    ("Hiroshi Tanaka", "{} said the Galaxy S24 overheats.", "Galaxy S24"),
    ("Ingrid Johansson", "{} complained about the engineer.", ""),
    ("Rahul Mehta", "{} called about a double charge of £29.99.", "£29.99"),
    ("Chen Jing", "{} emailed the photos of the damaged box.", ""),
    ("Aisha Bello", "{} needs a new SIM after the move.", ""),
    ("Lars Eriksen", "{} is unhappy with the Brightline Hub.", "Brightline Hub"),
    ("Camille Dubois", "{} confirmed the appointment for 14/05.", "14/05"),
    # Lower case after cue words (and before a person-verb).
    ("jane doe", "customer {} called about the Vodaline bill", "Vodaline"),
    ("john smith", "spoke with {} about his Galaxy S24 order 55123", "Galaxy S24"),
    ("priya sharma", "cust {} wants a refund", ""),
    ("ahmed hassan", "caller {} reported an outage", ""),
    ("maria gonzalez", "spoke to {} re invoice 4471", "invoice 4471"),
    ("li wei", "customer {} asked about roaming charges", ""),
    ("tomasz nowak", "{} rang about his Brightline contract", "Brightline"),
    ("olga petrova", "name is {}, verified by DOB check", ""),
    ("kwame asante", "callback for {} tomorrow", ""),
    ("sophie martin", "mrs {} wants the engineer moved", ""),
    # Capitalised, cue-less, mid-sentence.
    ("Jane Doe", "Router resets, Care for {} arranged", ""),
    ("Hannah Becker", "Escalated after {} threatened to leave", ""),
    ("Mohammed Al-Farsi", "Invoice corrected for {} on 12/03", "12/03"),
    ("Lucía Fernández", "Engineer booked; {} will be home after 2pm", "2pm"),
    ("Emeka Obi", "Gift voucher sent to {} by post", ""),
]
NAME_NOTES = tuple(_one("PERSON", value, template, *([keep] if keep else [])) for value, template, keep in _NAMES)

# -------------------------------------------------------------------------------------------------- mixed notes
MIXED_NOTES = (
    _many(
        "Customer Ana Pereira (ana.pereira@sapo.pt, +351 912 345 678) wants the refund on PT50 0002 0123 1234 5678 "
        "9015 4; order 2024-7781",
        ("PERSON", "Ana Pereira"),
        ("EMAIL", "ana.pereira@sapo.pt"),
        ("PHONE", "+351 912 345 678"),
        ("IBAN", "PT50 0002 0123 1234 5678 9015 4"),
        keep=("order 2024-7781",),
    ),
    _many(
        "spoke with jane doe, she lives at 221B Baker Street, London NW1 6XE, mobile 07700 900123, dob 1984-07-14",
        ("PERSON", "jane doe"),
        ("ADDRESS", "221B Baker Street, London NW1 6XE"),
        ("PHONE", "07700 900123"),
        ("DOB", "1984-07-14"),
    ),
    _many(
        "Kunde Jürgen Weiß, Tel. 030 12345678, IBAN DE89 3704 0044 0532 0130 00, Vertrag VD-55120",
        ("PERSON", "Jürgen Weiß"),
        ("PHONE", "030 12345678"),
        ("IBAN", "DE89 3704 0044 0532 0130 00"),
        keep=("VD-55120",),
    ),
    _many(
        "Client Pierre Lefèvre, 06 12 34 56 78, pierre.lefevre@orange.fr — box Brightline en panne depuis le 12/03",
        ("PERSON", "Pierre Lefèvre"),
        ("PHONE", "06 12 34 56 78"),
        ("EMAIL", "pierre.lefevre@orange.fr"),
        keep=("Brightline", "12/03"),
    ),
    _many(
        "Cliente Giulia Romano, cell 333 123 4567, codice fiscale RSSMRA85T10A562S, ordine 88-1209",
        ("PERSON", "Giulia Romano"),
        ("PHONE", "333 123 4567"),
        ("NATIONAL_ID", "RSSMRA85T10A562S"),
        keep=("ordine 88-1209",),
    ),
    _many(
        "Priya Nair rang from 98765 43210 about the Galaxy S24 Ultra; card 4111 1111 1111 1111 was charged twice",
        ("PERSON", "Priya Nair"),
        ("PHONE", "98765 43210"),
        ("CARD", "4111 1111 1111 1111"),
        keep=("Galaxy S24 Ultra",),
    ),
    _many(
        "Customer Liam O'Brien, NI QQ 12 34 56 C, born on the 3rd of March 1990, wants Vodaline Unlimited",
        ("PERSON", "Liam O'Brien"),
        ("NATIONAL_ID", "QQ 12 34 56 C"),
        ("DOB", "3rd of March 1990"),
        keep=("Vodaline Unlimited",),
    ),
    _many(
        "Spoke with Sipho Dlamini; his router at 203.0.113.45 keeps dropping, firmware 2.4.1, ticket INC-20931",
        ("PERSON", "Sipho Dlamini"),
        ("IP", "203.0.113.45"),
        keep=("firmware 2.4.1", "INC-20931"),
    ),
)

# A second batch, written before the recognizers were tuned on the first: more cultures, more wordings.
LATE_NOTES = (
    _one("PERSON", "Bogdan Popescu", "Follow-up with {} on the Brightline Fibre 150 install", "Brightline Fibre 150"),
    _one("PERSON", "Esperanza Villalobos", "{} confirmed the new direct debit date."),
    _one("PERSON", "Tran Van Duc", "Customer {} disputes the roaming charge of €42"),
    _one("PERSON", "Yusuf Demir", "Escalation raised by {} after three failed visits"),
    _one("PERSON", "Anjali Deshpande", "{} wants the Galaxy S24 returned", "Galaxy S24"),
    _one("PERSON", "Mateus Oliveira", "cliente {} pediu segunda via da fatura"),
    _one("PERSON", "Ngozi Eze", "Thanks to {} for the photos of the router", ""),
    _one("PERSON", "Björn Lindqvist", "Mr {} asked for an itemised bill"),
    _one("PERSON", "Isabella Rossi", "Engineer met {} at the property"),
    _one("PERSON", "Kenji Watanabe", "{} called about the Vodaline eSIM", "Vodaline eSIM"),
    _one("PERSON", "rosa martinez", "customer {} says the app logs her out", ""),
    _one("PERSON", "david cohen", "spoke with {} re porting his number", ""),
    _one("PERSON", "fatima malik", "{} phoned about the Brightline bill again", "Brightline"),
    _one("ADDRESS", "Flat 2, 33 Queen's Road, Bristol BS8 1QU", "customer lives at {} since March"),
    _one("ADDRESS", "Rua Augusta 120, 1100-053 Lisboa", "morada: {}"),
    _one("ADDRESS", "Av. Paulista 1000", "endereço Av. Paulista 1000 para entrega".replace("Av. Paulista 1000", "{}")),
    _one("DOB", "second of February nineteen ninety", "she was born on the {}"),
    _one("DOB", "21.09.1979", "Geburtsdatum: 21.09.1979 laut Ausweis".replace("21.09.1979", "{}")),
    _one("DOB", "03/11/1966", "D.O.B {} verified against the account"),
    _one("PHONE", "+353 87 123 4567", "Irish mobile {} for the callback"),
    _one("PHONE", "087 123 4567", "her Irish number is {}"),
    _one("PHONE", "(03) 9123 4567", "Melbourne landline {}"),
    _one("EMAIL", "rahul.mehta@company.co.in", "cc {} on the quote"),
    _one("EMAIL", "info at mehta-traders dot in", "send the invoice to {}"),
    _one("IBAN", "NO93 8601 1117 947", "refund to {} (Norway)"),
)

HARD_PII_NOTES: tuple[GoldenNote, ...] = (
    PHONE_NOTES + EMAIL_NOTES + CARD_NOTES + IBAN_NOTES + ID_NOTES + IP_NOTES + ADDRESS_NOTES + DOB_NOTES + NAME_NOTES
    + MIXED_NOTES + LATE_NOTES
)  # fmt: skip


# -------------------------------------------------------------------------------------------------- clean notes
def _clean(text: str, *keep: str) -> GoldenNote:
    return GoldenNote(text, (), keep)


HARD_CLEAN_NOTES: tuple[GoldenNote, ...] = (
    _clean("Galaxy S24 Ultra screen flickers after One UI 6.1 update; ticket INC-20931.", "Galaxy S24 Ultra"),
    _clean("Vodaline Max 5G plan price went up to £25 a month from April.", "Vodaline Max 5G"),
    _clean("Brightline Fibre 500 drops every evening; line test LT-88213 passed.", "Brightline Fibre 500"),
    _clean("Upgraded to Windows 11 23H2 and the Brightline app crashes on launch.", "Windows 11 23H2"),
    _clean(
        "Kindle Paperwhite won't charge; Amazon support sent a replacement, order 112-3344556-7788990.",
        "Kindle Paperwhite",
        "112-3344556-7788990",
    ),
    _clean("Pixel 8 Pro battery drains overnight on Android 14, build UQ1A.240205.004.", "Pixel 8 Pro"),
    _clean("Customer switched from Vodaline to Brightline Mobile, porting ref PAC ABC123456.", "Brightline Mobile"),
    _clean("iPhone 15 Pro Max eSIM transfer failed twice; Apple Support case 102345678.", "iPhone 15 Pro Max"),
    _clean("Sky Glass TV loses picture; Virgin Media Hub 5 firmware 9.1.116 suspected.", "Virgin Media Hub 5"),
    _clean("Dyson V15 Detect battery recall query, serial NX4-UK-MSA1234A.", "Dyson V15 Detect"),
    _clean("Tesla Model 3 home charger trips the RCD; Octopus Energy tariff Intelligent Go.", "Tesla Model 3"),
    _clean("Nest Mini and Ring Doorbell offline since router swap on 03/04.", "Nest Mini", "Ring Doorbell"),
    _clean("Apple Watch Series 9 won't pair with iOS 17.4; advised reset.", "Apple Watch Series 9"),
    _clean("Samsung Galaxy Tab S9 FE keyboard cover missing from order 40013-22.", "Galaxy Tab S9 FE"),
    _clean("Philips Hue bridge v2 not found after Brightline Hub 3 reset.", "Philips Hue"),
    _clean("Refund of $1,299.00 issued 2024-03-12 for the MacBook Air M3, RMA 20240311-7.", "$1,299.00"),
    _clean("Invoice INV-2024-0042 shows €49,99 twice; credit note CN-88120 raised.", "INV-2024-0042", "€49,99"),
    _clean("Paid ₹4,999 for the JioFiber plan; OTP not received, ticket JF-22019.", "₹4,999"),
    _clean("Order 4155550123 shipped via DHL Express, tracking 1234567890.", "4155550123", "1234567890"),
    _clean("Tracking 1Z999AA10123456784 shows delivered 14/05 at 10:32.", "1Z999AA10123456784", "14/05"),
    _clean("SKU BL-5500-W out of stock until 2024-06-30; backorder BO-7712.", "BL-5500-W", "2024-06-30"),
    _clean("Version 10.4.2.1234 of the app fixes the login loop (KB-1192).", "10.4.2.1234"),
    _clean("Meter reading 004512.7 kWh on 01/03, estimate was 4,890 kWh.", "004512.7"),
    _clean("Speed test 312.4 Mbps down / 22.9 up, ping 14 ms, Fibre 500 plan.", "312.4 Mbps"),
    _clean("Call lasted 00:14:32; transferred to Tier 2 at 14:05 on 2024-03-15.", "00:14:32", "2024-03-15"),
    _clean("Customer wants 0% APR over 24 months on the Galaxy Z Fold5, deposit £99.", "Galaxy Z Fold5"),
    _clean("Contract VD-55120 ends 31.12.2025; early exit fee €120.", "31.12.2025"),
    _clean("Rechnung 2024-0815 über 39,99 € doppelt abgebucht; Gutschrift veranlasst.", "2024-0815"),
    _clean("Commande 5521 livrée le 12/03 mais la box Brightline ne s'allume pas.", "Commande 5521"),
    _clean("Pedido 7781-2290 retrasado; el router Vodaline llega el 15/04.", "7781-2290"),
    _clean("Ordine 88-1209 consegnato, ma il modem FRITZ!Box 7590 non si connette.", "FRITZ!Box 7590"),
    _clean("Bestelling 2024-55-1201 mist de Philips Hue lamp; retour RMA 55-0091.", "2024-55-1201"),
    _clean("Jordan 4 Retro trainers (size UK 9) arrived in the wrong colour; exchange booked.", "Jordan 4 Retro"),
    _clean("Victoria line delays made the engineer late; visit moved to 08:00-12:00.", "Victoria line"),
    _clean("Alexa stopped responding after the Echo Dot 5th gen update 8.2.", "Echo Dot"),
    _clean("Mercedes A-Class key fob battery; dealer ref MB-2291.", "Mercedes A-Class"),
    _clean("Ford Ranger recall notice 24S12 query; passed to dealer network.", "Ford Ranger"),
    _clean("Casper mattress return within 100 nights; collection ref CAS-7712.", "Casper"),
    _clean("Vodaline Unlimited Max roaming in Spain charged €3/day; refund €21.", "Vodaline Unlimited Max"),
    _clean("Brightline TV Max box reboots during Premier League streams.", "Brightline TV Max"),
    _clean("Customer asked whether Brightline Home Phone works with the Galaxy S24.", "Brightline Home Phone"),
    _clean("Microsoft Teams crashes on Windows 10 22H2 for the whole office.", "Microsoft Teams"),
    _clean("Zoom Rooms licence renewal quote Q-2024-118 sent.", "Q-2024-118"),
    _clean("Chrome 122 blocks the payment page; Firefox 123 works.", "Chrome 122"),
    _clean("macOS Sonoma 14.4 breaks the VPN client 5.2.1; rollback advised.", "macOS Sonoma 14.4"),
    _clean("PlayStation 5 NAT type strict behind the Brightline Hub; port forward 3478-3480.", "PlayStation 5"),
    _clean("Xbox Series X download speed 8 MB/s vs 500 Mb line.", "Xbox Series X"),
    _clean("Spotify Premium Family bundle not applied to account tier Gold.", "Spotify Premium"),
    _clean("Netflix Standard with ads added to the Brightline TV bundle from 01/05.", "Netflix Standard"),
    _clean("Disney+ code DPLUS-2024-ABCD failed at redemption.", "DPLUS-2024-ABCD"),
    _clean("Google Pixel Buds Pro 2 left earbud not charging; warranty claim W-55120.", "Pixel Buds Pro 2"),
    _clean("OnePlus 12 wifi calling toggle missing on Vodaline; carrier config 24.1.", "OnePlus 12"),
    _clean("Motorola Edge 40 stuck on boot logo after update 14.0.2.", "Motorola Edge 40"),
    _clean("Nokia G42 5G dual SIM slot 2 not detected.", "Nokia G42 5G"),
    _clean("Huawei P30 Pro can't install the Brightline app from AppGallery.", "Huawei P30 Pro"),
    _clean("Xiaomi Redmi Note 13 hotspot drops after 10 minutes.", "Redmi Note 13"),
    _clean("Garmin Forerunner 265 notifications stopped after Android 14.", "Garmin Forerunner 265"),
    _clean("Sonos Arc lost wifi after router channel changed to 149.", "Sonos Arc"),
    _clean("Roku Ultra 4K remote pairing fails; batteries replaced.", "Roku Ultra"),
    _clean("Fire TV Stick 4K Max buffering on Brightline Fibre 150.", "Fire TV Stick 4K Max"),
    _clean("Bosch Serie 6 dishwasher error E24; engineer booked 12/06 8-12.", "Bosch Serie 6"),
    _clean("Miele W1 washing machine delivered damaged, order 8812-009.", "Miele W1"),
    _clean("LG OLED C3 55 inch firmware 03.20.85 fixes HDMI handshake.", "LG OLED C3"),
    _clean("HP LaserJet Pro M404 prints blank pages; toner CF259A replaced.", "HP LaserJet Pro"),
    _clean("Dell XPS 13 9340 docking station WD19 not detected.", "Dell XPS 13"),
    _clean("Lenovo ThinkPad X1 Carbon Gen 11 BIOS 1.24 update bricked the keyboard.", "ThinkPad X1 Carbon"),
    _clean("Logitech MX Master 3S scroll wheel squeaks; replacement sent.", "MX Master 3S"),
    _clean("Canon EOS R50 kit missing lens cap, order 20-4471.", "Canon EOS R50"),
    _clean("Epson EcoTank ET-2850 ink refill code not accepted.", "ET-2850"),
    _clean("Klarna payment plan 3x €33.33 failed; PayPal fallback worked.", "€33.33"),
    _clean("Revolut card top-up from Brightline refund took 3 days.", "Revolut"),
    _clean("Monzo flagged the Vodaline direct debit as suspicious.", "Monzo"),
    _clean("Barclays chargeback ref CB-2024-7781 on the duplicate £59.99.", "CB-2024-7781"),
    _clean("Santander refused the SEPA mandate; new mandate M-8812 set up.", "M-8812"),
    _clean("FedEx Priority Overnight missed; claim 7712-8891-2291.", "7712-8891-2291"),
    _clean("Royal Mail Special Delivery ref AB123456789GB signed for by reception.", "AB123456789GB"),
    _clean("Evri parcel H01HYA0012345678 stuck at hub for 6 days.", "H01HYA0012345678"),
    _clean("UPS Access Point pickup code 4471 expired.", "4471"),
    _clean("USPS tracking 9400 1000 0000 0000 0000 00 shows in transit since 03/12.", "9400 1000 0000 0000 0000 00"),
    _clean("Customer Service escalated to Tier 3; KB-2210 updated with the workaround.", "Tier 3"),
    _clean("Billing team applied credit £15.00 against account tier Platinum.", "£15.00"),
    _clean("Technical Support rebooted the OLT; outage OUT-2024-0312 closed.", "OUT-2024-0312"),
    _clean("Returns desk approved RMA 20-4471; label emailed to the address on file.", "RMA 20-4471"),
    _clean("Field Engineer visit 2024-04-02 08:00-12:00 confirmed by SMS.", "2024-04-02"),
    _clean("Loyalty team offered 20% off for 12 months on Fibre 900.", "20%"),
    _clean("Customer on Premium Gold segment since 2019 asks for loyalty discount.", "2019"),
    _clean("Outage map shows LS6 area fault, ETA 18:00.", "18:00"),
    _clean("Postcode checker says FTTP available from Q3 2024.", "Q3 2024"),
    _clean("Network maintenance window 02:00-05:00 on 21/03 announced.", "02:00-05:00"),
    _clean("Router Brightline Hub 3 serial SN 2291-8812-0091 replaced under warranty.", "SN 2291-8812-0091"),
    _clean("DNS 1.1.1.1 and 8.8.8.8 both time out; ISP side issue.", "1.1.1.1", "8.8.8.8"),
    _clean("App version 5.0.0-rc2 crashes; hotfix 5.0.1 released 04/18.", "5.0.0-rc2"),
    _clean("Firmware 7.2.1.4 on the ONT fixed the sync drops.", "7.2.1.4"),
    _clean("Ticket #48213 merged into #48190 (duplicate).", "#48213", "#48190"),
    _clean("Case 00123456 reopened; SLA breach at 72h.", "00123456"),
    _clean("PO 4500012345 for 20 handsets approved by procurement.", "4500012345"),
    _clean("Gift card code 1234 5678 9012 3456 rejected at checkout; voucher outage GC-441.", "1234 5678 9012 3456"),
    _clean("Price match: Currys had the Galaxy S24 at £699 vs our £749.", "£699"),
    _clean("Bundle saving £120/year shown as £10/month in the app.", "£120/year"),
    _clean("Customer happy with the Brightline engineer, rated 5/5.", "5/5"),
    _clean("Survey NPS 9; comment: quick fix, friendly engineer.", "NPS 9"),
    _clean("Easter opening hours query: stores open 10:00-16:00 on 31/03.", "10:00-16:00"),
    _clean("Customer wants paper bills again; fee £1.50/month waived once.", "£1.50"),
    _clean("Direct debit date moved from the 1st to the 15th of each month.", "15th"),
    _clean("Number transfer from Vodaline completed 2024-03-19 09:14.", "2024-03-19 09:14"),
    _clean("SIM swap done; new ICCID ends 8812, old SIM deactivated.", "8812"),
    _clean("Customer asked for the 2023 annual statement PDF.", "2023"),
    _clean("Warranty ends 2025-09-30; extended cover offered at £4.99/month.", "2025-09-30"),
    _clean("Roaming bolt-on EU 5GB activated for 30 days.", "EU 5GB"),
    _clean("Data usage 48.7 GB of 50 GB; throttled after cap.", "48.7 GB"),
    _clean("Fair use warning after 1.2 TB in March.", "1.2 TB"),
    _clean("Setup fee £0.00 confirmed on the Fibre 150 offer.", "£0.00"),
    _clean("Customer pays A$129 per quarter for the NBN 100 plan.", "A$129"),
    _clean("Quote 1 299,00 € TTC for the Galaxy S24 Ultra 512 Go.", "1 299,00 €"),
    _clean("Ticket CS-2024-0042: Apple Pay not working with the Brightline card.", "CS-2024-0042"),
    _clean("Grace period for late payment is 14 days per policy 4.2.", "4.2"),
    _clean("Chase Sapphire card declined the Vodaline top-up.", "Chase Sapphire"),
    _clean("Will follow up with the Brightline billing team on Monday.", "Brightline"),
    _clean("Mark as resolved once the Galaxy S24 replacement arrives.", "Galaxy S24"),
    _clean("May need a second visit if the fibre splice fails.", ""),
    _clean("Frank feedback: the app is too slow on older phones.", ""),
    _clean("Florence store stock check for the Pixel 8a in Aloe.", "Pixel 8a"),
    _clean("Victoria Station branch closed for refit until 22/04.", "22/04"),
    _clean("Austin data centre outage affected EU customers for 40 minutes.", "40 minutes"),
    _clean("Georgia roaming not included in the Vodaline Europe zone.", "Vodaline"),
    _clean("Sydney office handles APAC escalations after 22:00 UK time.", "22:00"),
    _clean("Customer quoted section 75 of the Consumer Credit Act for the £450 sofa.", "£450"),
    _clean("Asked about the 2-year Brightline contract vs 30-day rolling.", "30-day"),
    _clean("cx happy, closing case 44120 after 3 calls.", "case 44120"),
    _clean("Agent note: escalated to Tier 2 at 10:15, callback promised by 16:00.", "10:15"),
    _clean("Order #A-99812 card ending 4421 declined twice; retried next day OK.", "#A-99812", "4421"),
    _clean("Model number SM-S928B/DS confirmed for the warranty claim.", "SM-S928B/DS"),
    _clean("Part number 020-7946-095 is the right charger for this router.", ""),
    _clean("Store 0151 in Leeds has the Galaxy S24 in stock.", "Store 0151"),
    _clean("Reference 07700 900123 belongs to the old meter, not a phone.", ""),
    _clean("Promo code SPRING24 gave 15% off the first 6 months.", "SPRING24"),
    _clean("Contract end 14/07/2026 confirmed, no early exit fee.", "14/07/2026"),
    _clean("Delivery slot 2024-07-14 between 07:00 and 11:00 booked.", "2024-07-14"),
    _clean("Customer since 1984 asks about the loyalty scheme.", "1984"),
    _clean("The Galaxy S24 launched on 31 January 2024 in the UK.", "31 January 2024"),
    _clean("Customer address updated in CRM; no other changes.", ""),
    _clean("IP address of the router reset to default; customer reconnected.", ""),
    _clean("Email bounced; asked customer to check spam folder.", ""),
    _clean("Phone number verified via SMS code, account unlocked.", ""),
    _clean("Name on the account matches the card; payment retried.", ""),
    _clean("Date of birth check passed on the second attempt.", ""),
    _clean("Sent the Brightline Fibre brochure to the address on file.", ""),
    _clean("Brightline Plus bundle: Fibre 500, TV Max and Mobile 20GB for £65.", "Brightline Plus"),
    _clean("Vodaline Business 5 lines, invoice VB-2024-0091 for €149.", "Vodaline Business"),
    _clean("Nimbus and FibreNow both offered cheaper deals, customer tempted.", "Nimbus", "FibreNow"),
    _clean("SkyNet Home router compatibility question; told them to use Brightline Hub 3.", "SkyNet Home"),
    _clean("Galaxy Watch6 Classic LTE activation on Vodaline failed, code E1-44.", "Galaxy Watch6 Classic"),
    _clean("Upgraded the Brightline app to 6.12.0 and the login works again.", "6.12.0"),
    _clean("Jasmine rice supplier invoice INV-7781 queried by the canteen team.", "INV-7781"),
    _clean("Harvey Norman price match refused for the Dyson Airwrap.", "Dyson Airwrap"),
    _clean("Marks & Spencer gift card balance £25.00 not showing.", "£25.00"),
    _clean("Stanley cup preorder 2291 delayed to 30/06.", "30/06"),
    _clean("Sainsbury's Nectar points not added to order 5512-88.", "5512-88"),
    _clean("Abbey Road studio booking system emails bounce (SMTP 550).", "SMTP 550"),
    _clean("The Grace Hopper room projector needs an HDMI adapter.", "HDMI"),
    _clean("Customer prefers the Ruby Red colour of the Pixel 8.", "Pixel 8"),
    _clean("Forwarded to Lloyds Bank fraud team, case FR-2291-77.", "FR-2291-77"),
    _clean("Jack Daniels gift set damaged in transit, order 7781.", "order 7781"),
)
