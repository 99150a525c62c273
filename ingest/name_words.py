"""Word lists the name finder (:mod:`ingest.names`) judges model entities by: products and brands, model words,
organisation and place words, the roles people in a call have, and verbs only people do.

Lower case; compared case-insensitively. Written for Earshot from general knowledge, not taken from any data set.
"""

from __future__ import annotations

__all__ = ["MODEL_WORDS", "ORGANISATION_WORDS", "PERSON_VERBS", "PLACE_WORDS", "PRODUCT_TERMS", "ROLE_WORDS"]

# Brands and product words agents write capitalised, in lower case. Names of the demo's made-up telecom and its
# rivals are here because the demo notes are full of them; real deployments add theirs with redact_keep_terms.
PRODUCT_TERMS = frozenset(
    """brightline vodaline nimbus fibrenow skynet galaxy pixel iphone ipad imac macbook airpods kindle echo alexa
    siri playstation xbox nintendo switch roku firestick chromecast nest fitbit garmin gopro surface thinkpad
    ideapad chromebook oneplus oppo realme vivo huawei xiaomi honor motorola moto nokia sony samsung apple google
    amazon microsoft netflix spotify disney hulu paramount peacock youtube whatsapp instagram facebook tiktok
    snapchat telegram signal zoom teams slack outlook gmail hotmail yahoo icloud dropbox onedrive office excel word
    powerpoint windows android ios macos linux ubuntu chrome safari firefox edge opera tesla ford toyota honda bmw
    audi mercedes volkswagen vw nissan hyundai kia volvo peugeot renault fiat dyson bosch miele philips lg panasonic
    hp dell lenovo asus acer logitech canon nikon epson brother ikea argos tesco sainsbury asda aldi lidl walmart
    target costco ebay etsy shopify paypal stripe klarna visa mastercard amex revolut monzo starling barclays hsbc
    natwest lloyds santander vodafone ee o2 three bt virgin sky talktalk plusnet verizon comcast xfinity spectrum
    orange telefonica movistar telekom telstra optus rogers bell telus jio airtel airbnb uber lyft deliveroo
    doordash grubhub fedex ups usps dhl hermes evri royal mail router hub modem box plan app portal stream tv atm
    broadband fibre fiber mobile sim esim wifi mesh booster extender smart home""".split()
)
# A word after a capitalised candidate that makes it a product: "Jordan 5", "Vodaline Max", "Pixel Pro".
MODEL_WORDS = frozenset(
    "pro max plus ultra mini lite air se fe edge neo prime go note fold flip watch buds tab pad box hub stick tv "
    "5g 4g lte sim esim app plan router premium unlimited".split()
)
ORGANISATION_WORDS = frozenset(
    """inc ltd llc plc corp co company group holdings bank insurance telecom telecoms energy power water gas
    electric airlines airways rail railways university college school council hospital clinic pharmacy services
    solutions systems technologies networks logistics partners associates foundation trust agency ministry
    department office club hotel restaurant cafe store stores shop market mall motors financial finance lending
    loans capital credit mortgage mortgages servicing funding federal collections recovery payments bancorp
    incentives""".split()
)
# Words for the people in a call, never a name themselves ("Cardholder called", "Customer Jane Doe").
ROLE_WORDS = frozenset(
    """customer customers cust cx caller callers client member subscriber cardholder accountholder policyholder
    holder tenant guest passenger patient pt agent rep representative supervisor manager technician tech engineer
    courier driver husband wife son daughter mother father mum mom dad brother sister partner spouse owner user
    applicant beneficiary recipient landlord neighbour neighbor colleague boss team staff someone nobody""".split()
)
PERSON_VERBS = frozenset(
    """said says asked asks called calls rang rings phoned phones emailed emails texted wrote writes wants wanted
    needs needed complained complains explained explains confirmed confirms mentioned mentions told tells
    requested requests reported reports insisted insists threatened threatens agreed agrees refused refuses
    claimed claims thinks thought feels felt believes paid pays booked books cancelled canceled returned returns
    visited visits mailed chatted messaged replied replies responded responds stated states""".split()
)
# Words that make a capitalised pair a place or a building, not a person: "Victoria Station", "Austin Road".
PLACE_WORDS = frozenset(
    """station street road lane avenue line park square bridge airport centre center hall house court terminal
    branch hospital tower gardens village city town county district estate way place close drive""".split()
)
