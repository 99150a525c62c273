"""Held-out golden notes: written after the recognizers were tuned on the other two sets, run once, never tuned on.

Written for Earshot (issue #9); every value is made up. The benchmark reports this family on its own, so the gap
between it and the sets the rules were tuned on shows how far the figures carry to notes nobody listed.
"""

from __future__ import annotations

from tests.redaction_golden import GoldenNote


def _n(text: str, *pii: tuple[str, str], keep: tuple[str, ...] = ()) -> GoldenNote:
    return GoldenNote(text, tuple(pii), keep)


HELDOUT_PII_NOTES: tuple[GoldenNote, ...] = (
    _n("Agnieszka Zielińska phoned in, upset about the Fibre 900 price rise.", ("PERSON", "Agnieszka Zielińska"),
       keep=("Fibre 900",)),
    _n("Call transferred from Oluwadamilare Ogunleye, who wants a new Brightline Hub.",
       ("PERSON", "Oluwadamilare Ogunleye"), keep=("Brightline Hub",)),
    _n("customer siddharth iyer can't log in since the 6.12 update", ("PERSON", "siddharth iyer"), keep=("6.12",)),
    _n("Warrick Jansen van Rensburg asked us to stop the direct debit.", ("PERSON", "Warrick Jansen van Rensburg")),
    _n("Spoke with Nomvula Dube; she wants paper bills.", ("PERSON", "Nomvula Dube")),
    _n("Refund for Bartholomew Featherstonehaugh approved, £12.50.", ("PERSON", "Bartholomew Featherstonehaugh"),
       keep=("£12.50",)),
    _n("Ji-woo Park said the Galaxy S24 FE keeps rebooting.", ("PERSON", "Ji-woo Park"), keep=("Galaxy S24 FE",)),
    _n("cx name: aleksander wojcik, wants to port out", ("PERSON", "aleksander wojcik")),
    _n("Mr. Abernathy-Lowe disputes invoice INV-2291.", ("PERSON", "Abernathy-Lowe"), keep=("INV-2291",)),
    _n("Complaint raised by Dolores Ybarra about the engineer no-show.", ("PERSON", "Dolores Ybarra")),
    _n("Thanks, Ravindra - will call back tomorrow re ticket 88120", ("PERSON", "Ravindra"),
       keep=("ticket 88120",)),
    _n("Customer: SEAN MURPHY, account upgraded to Vodaline Max", ("PERSON", "SEAN MURPHY"),
       keep=("Vodaline Max",)),
    _n("callback number 0161 555 0199 for the landlord", ("PHONE", "0161 555 0199")),
    _n("She can be reached on 06 98 76 54 32 after work.", ("PHONE", "06 98 76 54 32")),
    _n("Numero 347 765 4321 per il tecnico", ("PHONE", "347 765 4321")),
    _n("Rückruf unter 0172 9876543 erbeten", ("PHONE", "0172 9876543")),
    _n("Her mobile: 0423 987 654 (Brisbane).", ("PHONE", "0423 987 654")),
    _n("Call him back at 212.555.0187 before noon", ("PHONE", "212.555.0187")),
    _n("whatsapp +34 699 12 34 56 for photos", ("PHONE", "+34 699 12 34 56")),
    _n("Mobile 0611-223344 (NL)", ("PHONE", "0611-223344")),
    _n("Send the quote to m.kowalczyk@onet.pl please", ("EMAIL", "m.kowalczyk@onet.pl")),
    _n("email is sam underscore lee at gmail dot com", ("EMAIL", "sam underscore lee at gmail dot com")),
    _n("contact: ｒａｊ．ｐａｔｅｌ＠ｏｕｔｌｏｏｋ．ｃｏｍ", ("EMAIL", "ｒａｊ．ｐａｔｅｌ＠ｏｕｔｌｏｏｋ．ｃｏｍ")),
    _n("Card 4000 0566 5566 5556 was declined at the till", ("CARD", "4000 0566 5566 5556")),
    _n("Refund to IBAN LU28 0019 4006 4475 0000", ("IBAN", "LU28 0019 4006 4475 0000")),
    _n("Please pay back to FI21 1234 5600 0007 85", ("IBAN", "FI21 1234 5600 0007 85")),
    _n("SSN 078-05-1120 read out by the caller", ("SSN", "078-05-1120")),
    _n("National Insurance JT 98 76 54 B given for the claim", ("NATIONAL_ID", "JT 98 76 54 B")),
    _n("Her router's public IP is 198.51.100.77", ("IP", "198.51.100.77")),
    _n("He lives at 9 Lime Tree Avenue, Reading RG1 8BY.", ("ADDRESS", "9 Lime Tree Avenue, Reading RG1 8BY")),
    _n("Deliver to 250 Fifth Avenue, New York", ("ADDRESS", "250 Fifth Avenue, New York")),
    _n("Dirección: Calle de Alcalá 48, Madrid", ("ADDRESS", "Calle de Alcalá 48, Madrid")),
    _n("DOB is the 22nd of November 1971", ("DOB", "22nd of November 1971")),
    _n("born 5 May 1988, verified with the passport", ("DOB", "5 May 1988")),
    _n("Customer Thandiwe Mokoena (0821234567) asked about roaming", ("PERSON", "Thandiwe Mokoena"),
       ("PHONE", "0821234567")),
    _n("Per Ingeborg in Returns, the RMA is approved", ("PERSON", "Ingeborg")),
    _n("Escalated by Tomás Ó Súilleabháin after the third outage", ("PERSON", "Tomás Ó Súilleabháin")),
    _n("Mrs van den Heuvel wants the bill in Dutch", ("PERSON", "van den Heuvel")),
    _n("Left a voicemail for kofi mensah-bonsu about the refund", ("PERSON", "kofi mensah-bonsu")),
    _n("Anastasia Volkov's order 4471 arrived damaged", ("PERSON", "Anastasia Volkov"), keep=("order 4471",)),
)  # fmt: skip

# A second held-out batch, written after the fixes the first one prompted (see the README), and not tuned on.
HELDOUT2_PII_NOTES: tuple[GoldenNote, ...] = (
    _n("Mrs Okafor-Williams rang about the Brightline TV box again.", ("PERSON", "Okafor-Williams"),
       keep=("Brightline TV",)),
    _n("Callback requested by Dieter Bräutigam, Vodaline Business customer.", ("PERSON", "Dieter Bräutigam"),
       keep=("Vodaline Business",)),
    _n("Pham Minh Chau wants to downgrade to Fibre 150.", ("PERSON", "Pham Minh Chau"), keep=("Fibre 150",)),
    _n("customer ingrid halvorsen asked for a refund", ("PERSON", "ingrid halvorsen")),
    _n("Spoke to Rajesh Kumar Venkataraman about the outage.", ("PERSON", "Rajesh Kumar Venkataraman")),
    _n("Escalation for Zeynep Arslan: engineer missed two slots.", ("PERSON", "Zeynep Arslan")),
    _n("Aroha sent the photos, thanks Aroha!", ("PERSON", "Aroha")),
    _n("mobile 07911 123 456, please text first", ("PHONE", "07911 123 456")),
    _n("Office: +49 89 12345678 ext 22", ("PHONE", "+49 89 12345678 ext 22")),
    _n("Tel 01 70 36 39 50 pour le rappel", ("PHONE", "01 70 36 39 50")),
    _n("her number is 0490 123 456", ("PHONE", "0490 123 456")),
    _n("Email me at tanvi.k+orders@proton.me", ("EMAIL", "tanvi.k+orders@proton.me")),
    _n("j.müller (at) gmx (dot) de wrote twice", ("EMAIL", "j.müller (at) gmx (dot) de")),
    _n("Paid with 5425 2334 3010 9903 yesterday", ("CARD", "5425 2334 3010 9903")),
    _n("IBAN: HU42 1177 3016 1111 1018 0000 0000", ("IBAN", "HU42 1177 3016 1111 1018 0000 0000")),
    _n("SSN 219-09-9999 on the application form", ("SSN", "219-09-9999")),
    _n("She lives at 18 Rosemary Close, Oxford OX4 2JQ", ("ADDRESS", "18 Rosemary Close, Oxford OX4 2JQ")),
    _n("date of birth: 9th September 1993", ("DOB", "9th September 1993")),
    _n("From IP 203.0.113.201 the login failed", ("IP", "203.0.113.201")),
    _n("Customer Siobhan Kelleher's direct debit bounced", ("PERSON", "Siobhan Kelleher")),
)  # fmt: skip

HELDOUT_CLEAN_NOTES: tuple[GoldenNote, ...] = (
    _n("Brightline Hub 4 firmware 4.0.12 fixes the 5 GHz drops.", keep=("Brightline Hub 4",)),
    _n("Vodaline Red Entertainment bundle renewal £38/month from 01/06.", keep=("Vodaline Red",)),
    _n("Order 998-2291-001 refunded $54.20 on 2024-05-02.", keep=("998-2291-001",)),
    _n("Galaxy A55 5G screen protector missing from box, SKU SA-A55-SP.", keep=("Galaxy A55 5G",)),
    _n("Ticket INC0012345 closed after the Teams outage.", keep=("INC0012345",)),
    _n("Ring Video Doorbell 4 offline since the Brightline Hub swap.", keep=("Ring Video Doorbell 4",)),
    _n("Customer wants to move from Nimbus to Brightline Fibre 300.", keep=("Nimbus",)),
    _n("Version 3.2.1 of the Vodaline app shows a blank balance.", keep=("3.2.1",)),
    _n("Engineer slot 13:00-17:00 on 11/07 confirmed.", keep=("13:00-17:00",)),
    _n("PayPal dispute PP-D-22910 resolved in our favour.", keep=("PP-D-22910",)),
    _n("iPad Air M2 won't connect to the 5 GHz band.", keep=("iPad Air M2",)),
    _n("Apple Music trial extended by 3 months as goodwill.", keep=("Apple Music",)),
    _n("Warranty repair WR-55120 for the Pixel Fold completed.", keep=("Pixel Fold",)),
    _n("Parcel 0034 0434 1610 9404 2564 returned to sender.", keep=("0034 0434 1610 9404 2564",)),
    _n("Quote 2024/118 for 12 Galaxy S24 handsets at €649 each.", keep=("2024/118",)),
    _n("Madison Square Garden tickets promo not applied to order 5521.", keep=("order 5521",)),
    _n("Sean Paul concert presale code failed for several customers.", keep=()),
    _n("Sophie's Choice DVD bundle out of stock, SKU DVD-1182.", keep=("DVD-1182",)),
    _n("Lincoln Continental owner's manual request, VIN not given.", keep=()),
    _n("Network team rebooted OLT-LDS-04 at 02:10; service restored.", keep=("OLT-LDS-04",)),
)

HELDOUT2_CLEAN_NOTES: tuple[GoldenNote, ...] = (
    _n("Brightline Fibre 900 price for new customers is £45 for 24 months.", keep=("Brightline Fibre 900",)),
    _n("Galaxy Z Flip6 hinge creak reported, repair ref RR-22910.", keep=("Galaxy Z Flip6",)),
    _n("Customer wants the Vodaline Family plan with 4 SIMs from 01/07.", keep=("Vodaline Family",)),
    _n("Harrods gift card not accepted online, order 7712-22.", keep=("7712-22",)),
    _n("Victoria Beckham fragrance out of stock until August.", keep=()),
    _n("Ticket #55120: Chromecast with Google TV loses wifi nightly.", keep=("#55120",)),
    _n("Refunded €19.99 for the Disney+ add-on on 2024-06-02.", keep=("€19.99",)),
    _n("Windows 11 24H2 update broke the printer driver v3.1.", keep=("24H2",)),
    _n("Price 1.299,00 € incl. MwSt. for the Bosch KGN39 fridge.", keep=("1.299,00 €",)),
    _n("Tracking JD014600003828293 delayed by the carrier.", keep=("JD014600003828293",)),
)
