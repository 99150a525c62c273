"""The fifth redaction attack family: what contact centres outside the English-speaking world hold.

Written without reading Earshot's redaction rules. Every note is something an agent (or a helpdesk export)
could really hold; every planted value is one a real person could have (phones validated by `phonenumbers`
for their country, national numbers with their real check digits, see ids.py).

A plant is a dict: category (what it is), kind ("name" | "cjk" | "id": how check.py decides a leak), value
(as it must not survive), trick (how it is written), lang, and optionally field (where in the record it was
put), alts (other spellings of the same value, e.g. what a number cell becomes), cs (match a name word only
with its capital: the same word is also an everyday word in that note), region (for phones), tokens (a number
spelled in words: [word, digits it stands for]; it leaks when words worth 6+ of its digits survive).

NOTES go to the CLI's main CSV unless build.py puts them elsewhere; the other lists belong to one carrier.
"""

from __future__ import annotations

import ids

NAME_CATS = {"NAME"}


def P(cat: str, value: str, trick: str, **kw) -> dict:  # noqa: N802 (short: used ~450 times)
    kind = kw.pop("kind", None) or ("name" if cat in ("NAME", "NAME_SCRIPT") else "id")
    return dict(category=cat, kind=kind, value=value, trick=trick, **kw)


def ones(words: str) -> list[list]:
    """A number spelled digit by digit: each word stands for one digit (check.py counts surviving digits)."""
    return [[w, 1] for w in words.split()]


def N(lang: str, text: str, *plants: dict, **fields) -> dict:  # noqa: N802
    return dict(lang=lang, text=text, plants=list(plants), fields=fields)


# ------------------------------------------------------------------------------------------ check-digit values
DNI_1 = ids.dni(48213574)
NIE_1 = ids.nie("Y", 4821733)
NSS_ES = ids.nss_es(28, 48213377)
CPF_1 = ids.cpf("482173395")
CPF_2 = ids.cpf("307118224")
PESEL_1 = ids.pesel("9208154821")
PESEL_2 = ids.pesel("8511227733")
DOWOD = ids.polish_id_card("AXN", "48213")
BSN_1 = ids.bsn("31124873")
BSN_2 = ids.bsn("24816357")
TC_1 = ids.tc_kimlik("482173391")
TC_2 = ids.tc_kimlik("175239460")
STEUER_1 = ids.steuer_id("8542197638")
STEUER_2 = ids.steuer_id("4830192756")
NIR_1 = ids.nir("2850375115042")
CF_1 = ids.codice_fiscale("BNCLNZ80A01H501")
CF_2 = ids.codice_fiscale("FNTCHR91E52F205")
PNR_SE = ids.personnummer("850712482")
AHV_1 = ids.ahv("482173395")
NHS_1 = ids.nhs("482173391")
HETU_1 = ids.hetu("220490", "-", "482")
RRN_BE = ids.belgian_rrn("850730482")
RRN_BE2 = ids.belgian_rrn("720215173")
RUT_1 = ids.rut(14821733)
CUIL_1 = ids.cuil("27", "30482117")
CURP_1 = ids.curp("TEOX850314MDFLLM0")
NIF_PT = ids.nif_pt("24817339")
NIF_PT2 = ids.nif_pt("23018475")
MEDICARE = ids.medicare_au("24821733", "1")
MYNUMBER = ids.my_number("48217339015")
CN_ID = ids.china_id("11010519900307482")
KR_RRN = ids.korea_rrn("900715248211")
SIN_1 = ids.sin_ca("13069254")
ZA_ID = ids.za_id("920314482008")
CNP_RO = ids.cnp_ro("290081740482")
SVNR_AT = ids.svnr_at("123", "010180")
RC_CZ = ids.rodne_cislo("855712")
AMKA_GR = ids.amka("0101854821")
IBAN_CH = ids.iban("CH", "0076201162385295" + "7")
IBAN_PL = ids.iban("PL", "109010140000071219812874")
NRB_PL = IBAN_PL[2:]  # the domestic form Poles write: 26 digits, no country code
CLABE_MX = ids.clabe("01218000482173395")


def grouped(s: str, n: int = 4, sep: str = " ") -> str:
    return sep.join(s[i : i + n] for i in range(0, len(s), n))


NBSP, NNBSP, ZWJ, ZWNJ, ZWSP, SHY = "\u00a0", "\u202f", "\u200d", "\u200c", "\u200b", "\u00ad"


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def arabic_indic(s: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in s)


def persian(s: str) -> str:
    return "".join(chr(0x06F0 + int(c)) if c.isdigit() else c for c in s)


def devanagari(s: str) -> str:
    return "".join(chr(0x0966 + int(c)) if c.isdigit() else c for c in s)


def math_bold(s: str) -> str:
    out = []
    for c in s:
        if "A" <= c <= "Z":
            out.append(chr(0x1D400 + ord(c) - 65))
        elif "a" <= c <= "z":
            out.append(chr(0x1D41A + ord(c) - 97))
        else:
            out.append(c)
    return "".join(out)


# ============================================================================ the main CSV (CLI), by language
NOTES: list[dict] = [
    # ---------------------------------------------------------------------------------------------- Spanish
    N(
        "es",
        "Llamó la clienta Lucía Fernández Ruiz, dice que el router se reinicia cada noche. Su móvil 612 48 90 17, "
        "prefiere que la llamen por la tarde.",
        P("NAME", "Lucía Fernández Ruiz", "cue:es"),
        P("PHONE", "612 48 90 17", "local-format", region="ES"),
    ),
    N(
        "es",
        f"hablé con javier morales díaz, DNI {DNI_1}, quiere cambiar la titularidad del contrato a nombre de su hija",
        P("NAME", "javier morales díaz", "lowercase"),
        P("NATIONAL_ID", DNI_1, "cue:es"),
    ),
    N(
        "es",
        "Cliente: Dolores Vidal Prieto. Fecha de nacimiento: 12 de mayo de 1979. Pide duplicado de la factura de "
        "septiembre.",
        P("NAME", "Dolores Vidal Prieto", "word-name"),
        P("DOB", "12 de mayo de 1979", "words:es"),
    ),
    N(
        "es",
        "Doña Carmen Herrero llamó otra vez por la permanencia; vive en C/ Alcalá 123, 3º B, 28009 Madrid y el "
        "técnico no encontró el portal.",
        P("NAME", "Carmen Herrero", "honorific"),
        P("ADDRESS", "C/ Alcalá 123, 3º B", "address:es"),
    ),
    N(
        "es",
        "Luz llamó porque la luz del módem parpadea en rojo desde el lunes; le expliqué cómo reiniciarlo.",
        P("NAME", "Luz", "word-name", cs=True),
    ),
    N(
        "es",
        "Pego su correo: «Hola Marta, gracias por la rápida respuesta, pero sigo sin línea.» Firma:\n"
        "Un saludo,\nMarta Ruiz Castillo\nTel. 91 345 67 82",
        P("NAME", "Marta Ruiz Castillo", "signature"),
        P("PHONE", "91 345 67 82", "local-format", region="ES"),
    ),
    N(
        "es",
        "El mar., 3 nov 2026 a las 10:14, Iñaki Etxeberria <inaki.etxeberria@euskaltel.net> escribió:\n"
        "> No me funciona la fibra desde ayer por la tarde.",
        P("NAME", "Iñaki Etxeberria", "quoted-reply"),
        P("EMAIL", "inaki.etxeberria@euskaltel.net", "quoted-reply"),
    ),
    N(
        "es",
        "Vehículo de sustitución con matrícula 4821 KZP; la titular, Pilar Soler, dice que el taller no le devolvió "
        "la llave.",
        P("PLATE", "4821 KZP", "cue:es"),
        P("NAME", "Pilar Soler", "cue:es"),
    ),
    N(
        "es",
        "Socio Iberia Plus nº IB48213377, pide que le suban de categoría por los vuelos de octubre.",
        P("ACCOUNT", "IB48213377", "loyalty"),
    ),
    N(
        "es",
        f"Clienta mexicana, CURP {CURP_1}, quiere domiciliar el pago; tel. 55 4812 7391",
        P("NATIONAL_ID", CURP_1, "cue:es"),
        P("PHONE", "55 4812 7391", "local-format", region="MX"),
    ),
    N(
        "es",
        "Argentino, DNI 30.482.117, vive en Av. Corrientes 1847, piso 5, CABA. Reclama la bonificación.",
        P("NATIONAL_ID", "30.482.117", "cue:es"),
        P("ADDRESS", "Av. Corrientes 1847, piso 5", "address:ar"),
    ),
    N(
        "es",
        "Me dictó el correo: mruiz.castillo79 arroba hotmail punto es (lo deletreó dos veces)",
        P("EMAIL", "mruiz.castillo79", "spelled:es"),
    ),
    N(
        "es",
        "la sra. rocío castaño pregunta por la portabilidad; número a portar: seis uno dos, tres cuatro cinco, "
        "seis siete ocho",
        P("NAME", "rocío castaño", "lowercase"),
        P(
            "PHONE",
            "seis uno dos, tres cuatro cinco, seis siete ocho",
            "words:es",
            tokens=ones("seis uno dos tres cuatro cinco seis siete ocho"),
        ),
    ),
    N(
        "es",
        "Adjunto: DNI_Alejandro_Navarro_anverso.jpg y factura_octubre.pdf; falta el reverso del documento.",
        P("NAME", "Alejandro Navarro", "filename"),
    ),
    N(
        "es",
        "La Sra. Guadalupe Hernández González pide factura con RFC HEGG781203K27 para su negocio.",
        P("NAME", "Guadalupe Hernández González", "honorific"),
        P("NATIONAL_ID", "HEGG781203K27", "cue:es"),
    ),
    N(
        "es",
        "Me atendió el titular, Ángel Pastor, nacido el 02/09/1961, quiere dar de baja la línea fija.",
        P("NAME", "Ángel Pastor", "word-name"),
        P("DOB", "02/09/1961", "cue:es"),
    ),
    N(
        "es",
        f"RUT {RUT_1} de la clienta Francisca Muñoz Soto; pide cambiar el plan a prepago.",
        P("NATIONAL_ID", RUT_1, "cue:es"),
        P("NAME", "Francisca Muñoz Soto", "cue:es"),
    ),
    N(
        "es",
        "Colombiano con cédula de ciudadanía 1.020.482.173, no le llegan los SMS de verificación.",
        P("NATIONAL_ID", "1.020.482.173", "cue:es"),
    ),
    N(
        "es",
        f"Nº de afiliación a la Seguridad Social {NSS_ES} para la tarifa social; NIE {NIE_1}.",
        P("NATIONAL_ID", NSS_ES, "cue:es"),
        P("NATIONAL_ID", NIE_1, "cue:es"),
    ),
    N(
        "es",
        f"Transferencia a la CLABE {CLABE_MX} rechazada; el cliente insiste en que es correcta.",
        P("BANK", CLABE_MX, "cue:es"),
    ),
    N(
        "es",
        "Atendí a Consuelo en la tienda; Consuelo Prieto quiere el mismo descuento que su vecina.",
        P("NAME", "Consuelo Prieto", "word-name"),
    ),
    N(
        "es",
        "Tarjeta de fidelización Carrefour Club nº 9250 0482 1733 95 no acumula puntos.",
        P("ACCOUNT", "9250 0482 1733 95", "loyalty"),
    ),
    # ----------------------------------------------------------------------------------------------- German
    N(
        "de",
        "Kundin Sabine Krüger ruft an, Router blinkt rot. Rückruf bitte unter 0171/5550123 (ab 17 Uhr).",
        P("NAME", "Sabine Krüger", "cue:de"),
        P("PHONE", "0171/5550123", "odd-separator", region="DE"),
    ),
    N(
        "de",
        "Kunden-Mail eingefügt: »Sehr geehrte Damen und Herren, seit drei Wochen kein Internet. "
        "Mit freundlichen Grüßen\nAnneliese Hofmann\nLindenstraße 14\n53721 Siegburg«",
        P("NAME", "Anneliese Hofmann", "signature"),
        P("ADDRESS", "Lindenstraße 14", "address:de"),
    ),
    N(
        "de",
        "Herr Dieter Fuchs, geb. 14.07.1962, Kundennummer 4711-0815-22, will den Vertrag zum Jahresende kündigen.",
        P("NAME", "Dieter Fuchs", "word-name"),
        P("DOB", "14.07.1962", "cue:de"),
        P("ACCOUNT", "4711-0815-22", "cue:de"),
    ),
    N(
        "de",
        "sprach mit jürgen weiß wegen der Rechnung; wohnt Hauptstr. 5, 10115 Berlin, Techniker kam nicht.",
        P("NAME", "jürgen weiß", "lowercase"),
        P("ADDRESS", "Hauptstr. 5", "address:de"),
    ),
    N(
        "de",
        "Am 03.11.2026 um 09:41 schrieb Klaus-Dieter Schröder <kd.schroeder@t-online.de>:\n> Das Paket kam nie an.",
        P("NAME", "Klaus-Dieter Schröder", "quoted-reply"),
        P("EMAIL", "kd.schroeder@t-online.de", "quoted-reply"),
    ),
    N(
        "de",
        f"Für den Sozialtarif braucht sie die Steuer-ID: {STEUER_1[:2]} {STEUER_1[2:5]} {STEUER_1[5:8]} {STEUER_1[8:]}",
        P("NATIONAL_ID", f"{STEUER_1[:2]} {STEUER_1[2:5]} {STEUER_1[5:8]} {STEUER_1[8:]}", "cue:de"),
    ),
    N(
        "de",
        "Personalausweis-Nr. LFC4R7X29 liegt als Scan vor (Personalausweis_Heike_Vogel.pdf), Vertrag freigeschaltet.",
        P("ID_DOCUMENT", "LFC4R7X29", "cue:de"),
        P("NAME", "Heike Vogel", "filename"),
    ),
    N(
        "de",
        "Kennzeichen M-KL 4821: Leasingfahrzeug steht seit Montag in der Werkstatt, Ersatzwagen gewünscht.",
        P("PLATE", "M-KL 4821", "cue:de"),
    ),
    N(
        "de",
        "PAYBACK-Kartennummer 3083 4821 7733 9512 wurde beim Einkauf nicht erkannt.",
        P("ACCOUNT", "3083 4821 7733 9512", "loyalty"),
    ),
    N(
        "de",
        "Frau Dr. Monika Braun-Ebner bittet um Rückruf: null eins sieben sechs, vier acht zwei, eins drei drei "
        "sieben sieben",
        P("NAME", "Monika Braun-Ebner", "honorific"),
        P(
            "PHONE",
            "null eins sieben sechs, vier acht zwei, eins drei drei sieben sieben",
            "words:de",
            tokens=ones("null eins sieben sechs vier acht zwei eins drei drei sieben sieben"),
        ),
    ),
    N(
        "de",
        f"Anrufer: Uwe Koch aus Graz, SVNR {SVNR_AT}, will die Rechnung per Post.",
        P("NAME", "Uwe Koch", "word-name"),
        P("NATIONAL_ID", SVNR_AT, "cue:de"),
    ),
    N(
        "de",
        f"Herr Reto Zürcher, AHV-Nr. {AHV_1}, Natel 079 613 52 08 — will auf das Abo Swiss Plus wechseln.",
        P("NAME", "Reto Zürcher", "honorific"),
        P("NATIONAL_ID", AHV_1, "cue:de"),
        P("PHONE", "079 613 52 08", "local-format", region="CH"),
    ),
    N(
        "de",
        "Führerscheinnummer B072RRE2I55 für die Mietwagen-Buchung hinterlegt.",
        P("ID_DOCUMENT", "B072RRE2I55", "cue:de"),
    ),
    N(
        "de",
        "Geburtsdatum laut Kundin: 4. März 1985. Passt nicht zum Vertrag, bitte prüfen.",
        P("DOB", "4. März 1985", "words:de"),
    ),
    N(
        "de",
        "@birgit.sommer hat auf Instagram gepostet, dass unser Shop in Köln sie abgewiesen hat.",
        P("HANDLE_URL", "birgit.sommer", "mention"),
    ),
    N(
        "de",
        "Hallo Torsten, wie besprochen schicken wir Ihnen das Ersatzgerät. — Antwort an den Kunden Torsten "
        "Lehmkuhl, Ticket offen.",
        P("NAME", "Torsten Lehmkuhl", "greeting"),
    ),
    N(
        "de",
        "Alte Bankverbindung: Kontonummer 0532013000, BLZ 370 400 44 — Lastschrift ging zurück.",
        P("BANK", "0532013000", "cue:de"),
    ),
    N(
        "de",
        "Versichertennummer K482173951 für die Gerätekasko, Kundin Ingeborg Wendt.",
        P("NATIONAL_ID", "K482173951", "cue:de"),
        P("NAME", "Ingeborg Wendt", "cue:de"),
    ),
    N(
        "de",
        "Ralf Engel beschwert sich, dass der Techniker zweimal nicht gekommen ist.",
        P("NAME", "Ralf Engel", "word-name"),
    ),
    # ----------------------------------------------------------------------------------------------- French
    N(
        "fr",
        "Mme Hélène Fabre a appelé : sa box ne synchronise plus. Tél. 06.12.48.93.70",
        P("NAME", "Hélène Fabre", "honorific"),
        P("PHONE", "06.12.48.93.70", "odd-separator", region="FR"),
    ),
    N(
        "fr",
        "J'ai parlé avec benoît lefèvre, il habite 12 rue de la Paix, 75002 Paris, et attend le technicien depuis "
        "mardi.",
        P("NAME", "benoît lefèvre", "lowercase"),
        P("ADDRESS", "12 rue de la Paix", "address:fr"),
    ),
    N(
        "fr",
        "Le mar. 3 nov. 2026 à 10:14, Amélie Rousseau <amelie.rousseau@orange.fr> a écrit :\n> Toujours pas de "
        "remboursement.",
        P("NAME", "Amélie Rousseau", "quoted-reply"),
        P("EMAIL", "amelie.rousseau@orange.fr", "quoted-reply"),
    ),
    N(
        "fr",
        f"Cliente née le 3 mars 1985, numéro de sécurité sociale {NIR_1[0]} {NIR_1[1:3]} {NIR_1[3:5]} "
        f"{NIR_1[5:7]} {NIR_1[7:10]} {NIR_1[10:13]} {NIR_1[13:]}",
        P("DOB", "3 mars 1985", "words:fr"),
        P(
            "NATIONAL_ID",
            f"{NIR_1[0]} {NIR_1[1:3]} {NIR_1[3:5]} {NIR_1[5:7]} {NIR_1[7:10]} {NIR_1[10:13]} {NIR_1[13:]}",
            "cue:fr",
        ),
    ),
    N(
        "fr",
        "Mail du client collé :\n« Bonjour, je n'ai toujours pas reçu mon colis.\nCordialement,\nClaire Petit\n"
        "01 42 68 53 07 »",
        P("NAME", "Claire Petit", "signature"),
        P("PHONE", "01 42 68 53 07", "local-format", region="FR"),
    ),
    N(
        "fr",
        "Immatriculation du véhicule : GH-482-TK, le client veut ajouter l'option assistance.",
        P("PLATE", "GH-482-TK", "cue:fr"),
    ),
    N(
        "fr",
        "Numéro fiscal de référence 30 48 217 339 052 pour l'attestation, à renvoyer par courrier.",
        P("NATIONAL_ID", "30 48 217 339 052", "cue:fr"),
    ),
    N(
        "fr",
        "Son adresse mail : guyboucher.42 arobase free point fr — à vérifier, le mail revient.",
        P("EMAIL", "guyboucher.42", "spelled:fr"),
    ),
    N(
        "fr",
        "Carte fidélité Fnac n° 1048 2173 3954 refusée en caisse.",
        P("ACCOUNT", "1048 2173 3954", "loyalty"),
    ),
    N(
        "fr",
        f"M. Marc-André Tremblay, NAS {SIN_1}, 4521 rue Saint-Denis, Montréal H2J 2L2 — veut résilier.",
        P("NAME", "Marc-André Tremblay", "honorific"),
        P("NATIONAL_ID", SIN_1, "cue:fr"),
        P("ADDRESS", "4521 rue Saint-Denis", "address:ca"),
    ),
    N(
        "fr",
        "Le client a dicté son numéro en toutes lettres : zéro six, douze, quarante-huit, quatre-vingt-treize, "
        "soixante et onze",
        P(
            "PHONE",
            "zéro six, douze, quarante-huit, quatre-vingt-treize, soixante et onze",
            "words:fr",
            tokens=[
                ["zéro", 1],
                ["six", 1],
                ["douze", 2],
                ["quarante-huit", 2],
                ["quatre-vingt-treize", 2],
                ["soixante et onze", 2],
            ],
        ),
    ),
    N(
        "fr",
        f"Numéro de registre national {RRN_BE} pour l'abonnement social (client belge).",
        P("NATIONAL_ID", RRN_BE, "cue:fr"),
    ),
    N(
        "fr",
        "Passeport n° 18AB48213 envoyé pour l'ouverture de ligne ; photo floue.",
        P("ID_DOCUMENT", "18AB48213", "cue:fr"),
    ),
    N(
        "fr",
        "Pièces jointes : CNI-recto-verso-Amelie-Garnier.jpg, justificatif_domicile.pdf",
        P("NAME", "Amelie-Garnier", "filename"),
    ),
    N(
        "fr",
        "Océane Leroy rappellera demain pour confirmer le rendez-vous du technicien.",
        P("NAME", "Océane Leroy", "no-cue"),
    ),
    N(
        "fr",
        "Madame Blanc, cliente depuis 1998, menace de partir chez Free.",
        P("NAME", "Blanc", "honorific"),
    ),
    # -------------------------------------------------------------------------------------------- Portuguese
    N(
        "pt",
        f"Falei com a cliente Maria da Graça Ferreira, NIF {NIF_PT}, pediu a segunda via da fatura.",
        P("NAME", "Maria da Graça Ferreira", "cue:pt"),
        P("NATIONAL_ID", NIF_PT, "cue:pt"),
    ),
    N(
        "pt",
        "O Sr. Rui Carvalho mora na Rua Augusta, 274, 2º Esq., 1100-053 Lisboa; o router chegou partido.",
        P("NAME", "Rui Carvalho", "honorific"),
        P("ADDRESS", "Rua Augusta, 274, 2º Esq.", "address:pt"),
    ),
    N(
        "pt",
        "Telemóvel 912 345 678 — ligar depois das 18h, a cliente trabalha por turnos.",
        P("PHONE", "912 345 678", "cue:pt", region="PT"),
    ),
    N(
        "pt",
        f"Cliente Thiago Nascimento, CPF {CPF_1}, celular (11) 98765-4321, quer portabilidade.",
        P("NAME", "Thiago Nascimento", "cue:pt"),
        P("NATIONAL_ID", CPF_1, "cue:pt"),
        P("PHONE", "(11) 98765-4321", "local-format", region="BR"),
    ),
    N(
        "pt",
        "Dona Fátima Sousa ligou de novo; data de nascimento 05/11/1990, confirma a titularidade.",
        P("NAME", "Fátima Sousa", "honorific"),
        P("DOB", "05/11/1990", "cue:pt"),
    ),
    N(
        "pt",
        "A Esperança Pinto reclamou outra vez do débito em conta em duplicado.",
        P("NAME", "Esperança Pinto", "word-name"),
    ),
    N(
        "pt",
        "Chave PIX aleatória 7f3c9b2e-4821-4d7a-9c33-1a2b3c4d5e6f cadastrada errado, estorno pendente.",
        P("BANK", "7f3c9b2e-4821-4d7a-9c33-1a2b3c4d5e6f", "cue:pt"),
    ),
    N(
        "pt",
        "Em seg., 2 de nov. de 2026 às 14:05, Inês Rodrigues <ines.rodrigues@sapo.pt> escreveu:\n> Quero cancelar.",
        P("NAME", "Inês Rodrigues", "quoted-reply"),
        P("EMAIL", "ines.rodrigues@sapo.pt", "quoted-reply"),
    ),
    N(
        "pt",
        "Matrícula 42-XP-87, seguro automóvel renovado sem autorização.",
        P("PLATE", "42-XP-87", "cue:pt"),
    ),
    N(
        "pt",
        "Cartão Continente nº 2012 4821 7339 5 não acumula saldo desde outubro.",
        P("ACCOUNT", "2012 4821 7339 5", "loyalty"),
    ),
    N(
        "pt",
        "RG 48.217.339-2 SSP/SP; a cliente mudou de nome depois do casamento.",
        P("NATIONAL_ID", "48.217.339-2", "cue:pt"),
    ),
    N(
        "pt",
        "Entrega na Av. Paulista, 1578, apto 52, CEP 01310-200 — o porteiro não recebeu.",
        P("ADDRESS", "Av. Paulista, 1578", "address:br"),
    ),
    N(
        "pt",
        'Resposta do cliente colada:\n"Obrigado pela ajuda.\nAtenciosamente,\nJoão Pedro Almeida"',
        P("NAME", "João Pedro Almeida", "signature"),
    ),
    N(
        "pt",
        "o cliente gonçalo matos pediu para falar com um supervisor",
        P("NAME", "gonçalo matos", "lowercase"),
    ),
    N(
        "pt",
        "Cartão de Cidadão nº 14821733 4 ZX2 válido até 2031.",
        P("ID_DOCUMENT", "14821733 4 ZX2", "cue:pt"),
    ),
    # ---------------------------------------------------------------------------------------------- Italian
    N(
        "it",
        "Ho parlato con la signora Giulia Esposito, cell. 333 482 1795, vuole disdire entro fine mese.",
        P("NAME", "Giulia Esposito", "honorific"),
        P("PHONE", "333 482 1795", "cue:it", region="IT"),
    ),
    N(
        "it",
        f"Codice fiscale {CF_1} per l'intestazione del contratto.",
        P("NATIONAL_ID", CF_1, "cue:it"),
    ),
    N(
        "it",
        "Il sig. Alessandro Ricci abita in Via Garibaldi 18, 20121 Milano; il tecnico ha sbagliato civico.",
        P("NAME", "Alessandro Ricci", "honorific"),
        P("ADDRESS", "Via Garibaldi 18", "address:it"),
    ),
    N(
        "it",
        "Cliente nata il 21/04/1968 a Napoli, chiede lo sconto over 55.",
        P("DOB", "21/04/1968", "cue:it"),
    ),
    N(
        "it",
        "Targa FD 482 KT: l'auto in noleggio ha il navigatore guasto.",
        P("PLATE", "FD 482 KT", "cue:it"),
    ),
    N(
        "it",
        "Patente n. MI7654821X caricata sul portale, in attesa di verifica.",
        P("ID_DOCUMENT", "MI7654821X", "cue:it"),
    ),
    N(
        "it",
        "Carta d'identità CA48213BC scaduta, il cliente deve rifare il riconoscimento.",
        P("ID_DOCUMENT", "CA48213BC", "cue:it"),
    ),
    N(
        "it",
        "Risposta del cliente:\n«Attendo vostre notizie.\nCordiali saluti,\nFrancesca Colombo»",
        P("NAME", "Francesca Colombo", "signature"),
    ),
    N(
        "it",
        "Il giorno lun 2 nov 2026 alle ore 09:12 Salvatore Russo <s.russo48@libero.it> ha scritto:\n> Il modem "
        "non si accende.",
        P("NAME", "Salvatore Russo", "quoted-reply"),
        P("EMAIL", "s.russo48@libero.it", "quoted-reply"),
    ),
    N(
        "it",
        "Serena ha chiamato tre volte; era serena nonostante il disservizio, ma vuole un rimborso.",
        P("NAME", "Serena", "word-name", cs=True),
    ),
    N(
        "it",
        "cliente chiara fontana, tessera Esselunga Fìdaty 0482 1733 9512, non vede i punti.",
        P("NAME", "chiara fontana", "lowercase"),
        P("ACCOUNT", "0482 1733 9512", "loyalty"),
    ),
    N(
        "it",
        "Il cliente ha dettato il numero: tre tre nove, quattro otto due, uno sette sette tre",
        P(
            "PHONE",
            "tre tre nove, quattro otto due, uno sette sette tre",
            "words:it",
            tokens=ones("tre tre nove quattro otto due uno sette sette tre"),
        ),
    ),
    N(
        "it",
        "Fortunato Gallo chiede il trasloco della linea a Bari.",
        P("NAME", "Fortunato Gallo", "word-name"),
    ),
    # ------------------------------------------------------------------------------------------------ Dutch
    N(
        "nl",
        "Klant Sanne de Jong belde, 06-48213377, over de storing in haar straat.",
        P("NAME", "Sanne de Jong", "cue:nl"),
        P("PHONE", "06-48213377", "local-format", region="NL"),
    ),
    N(
        "nl",
        "Mevrouw Van den Berg woont op Keizersgracht 12, 1015 CJ Amsterdam; de monteur stond voor een dichte deur.",
        P("NAME", "Van den Berg", "honorific"),
        P("ADDRESS", "Keizersgracht 12", "address:nl"),
    ),
    N(
        "nl",
        f"BSN {BSN_1} opgegeven voor de huurtoeslag-korting.",
        P("NATIONAL_ID", BSN_1, "cue:nl"),
    ),
    N(
        "nl",
        "Kenteken 87-XKL-4, leaseauto krijgt geen verbinding met de app.",
        P("PLATE", "87-XKL-4", "cue:nl"),
    ),
    N(
        "nl",
        "Mail van klant:\n'Graag een reactie.\nMet vriendelijke groet,\nDaan Visser'",
        P("NAME", "Daan Visser", "signature"),
    ),
    N(
        "nl",
        "Op di 3 nov. 2026 om 11:02 schreef Femke Bakker <femke.bakker@ziggo.nl>:\n> Ik wil opzeggen.",
        P("NAME", "Femke Bakker", "quoted-reply"),
        P("EMAIL", "femke.bakker@ziggo.nl", "quoted-reply"),
    ),
    N(
        "nl",
        "gesproken met pieter de groot, geboren 9 januari 1975, wil een ouderenkorting",
        P("NAME", "pieter de groot", "lowercase"),
        P("DOB", "9 januari 1975", "words:nl"),
    ),
    N(
        "nl",
        "Bonuskaart 2620 4821 7339 5 werkt niet in de app.",
        P("ACCOUNT", "2620 4821 7339 5", "loyalty"),
    ),
    N(
        "nl",
        "Rijbewijsnummer 5048217339 klopt niet met de huurovereenkomst.",
        P("ID_DOCUMENT", "5048217339", "cue:nl"),
    ),
    N(
        "nl",
        f"meneer Jeroen Peeters (Antwerpen), rijksregisternummer {RRN_BE2}",
        P("NAME", "Jeroen Peeters", "honorific"),
        P("NATIONAL_ID", RRN_BE2, "cue:nl"),
    ),
    N(
        "nl",
        "Dhr. Kees Koster belt voor de derde keer over de factuur.",
        P("NAME", "Kees Koster", "honorific"),
    ),
    # ----------------------------------------------------------------------------------------------- Polish
    N(
        "pl",
        "Klientka Agnieszka Wiśniewska dzwoniła w sprawie faktury, tel. 512 345 678.",
        P("NAME", "Agnieszka Wiśniewska", "cue:pl"),
        P("PHONE", "512 345 678", "cue:pl", region="PL"),
    ),
    N(
        "pl",
        "Rozmawiałem z panem Krzysztofem Wójcikiem, chce przenieść numer do innej sieci.",
        P("NAME", "Krzysztofem Wójcikiem", "inflected"),
    ),
    N(
        "pl",
        f"PESEL {PESEL_1} podany do umowy, zgodny z dowodem.",
        P("NATIONAL_ID", PESEL_1, "cue:pl"),
    ),
    N(
        "pl",
        "Adres do wysyłki: ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa",
        P("ADDRESS", "ul. Marszałkowska 84/92 m. 15", "address:pl"),
    ),
    N(
        "pl",
        f"Nr dowodu osobistego {DOWOD}, klient prosi o aneks.",
        P("ID_DOCUMENT", DOWOD, "cue:pl"),
    ),
    N(
        "pl",
        "Odpowiedź klientki:\n„Czekam na zwrot.\nPozdrawiam,\nMałgorzata Kowalczyk”",
        P("NAME", "Małgorzata Kowalczyk", "signature"),
    ),
    N(
        "pl",
        "Pani Zofia Nowak, ur. 15.08.1992, pyta o zniżkę dla studentów.",
        P("NAME", "Zofia Nowak", "honorific"),
        P("DOB", "15.08.1992", "cue:pl"),
    ),
    N(
        "pl",
        "Numer rejestracyjny WA 48213, auto zastępcze potrzebne od jutra.",
        P("PLATE", "WA 48213", "cue:pl"),
    ),
    N(
        "pl",
        "katarzyna dąbrowska pisała na czacie, że nie działa internet",
        P("NAME", "katarzyna dąbrowska", "lowercase"),
    ),
    N(
        "pl",
        f"Zwrot na konto {grouped(NRB_PL[:2], 2)} {grouped(NRB_PL[2:])} — klient podał numer przez telefon.",
        P("BANK", f"{grouped(NRB_PL[:2], 2)} {grouped(NRB_PL[2:])}", "cue:pl"),
    ),
    N(
        "pl",
        "Paweł Wróbel zgłasza brak zasięgu w piwnicy.",
        P("NAME", "Paweł Wróbel", "word-name"),
    ),
    N(
        "pl",
        "Oddzwonić do pani Jadwigi Zając: pięćset dwanaście, trzysta czterdzieści pięć, sześćset siedemdziesiąt osiem",
        P("NAME", "Jadwigi Zając", "inflected"),
        P(
            "PHONE",
            "pięćset dwanaście, trzysta czterdzieści pięć, sześćset siedemdziesiąt osiem",
            "words:pl",
            tokens=[
                ["pięćset", 1],
                ["dwanaście", 2],
                ["trzysta", 1],
                ["czterdzieści pięć", 2],
                ["sześćset", 1],
                ["siedemdziesiąt osiem", 2],
            ],
        ),
    ),
    # ---------------------------------------------------------------------------------------------- Turkish
    N(
        "tr",
        "Müşteri Ayşe Yılmaz aradı, faturasına itiraz ediyor. Cep: 0532 481 27 93",
        P("NAME", "Ayşe Yılmaz", "cue:tr"),
        P("PHONE", "0532 481 27 93", "cue:tr", region="TR"),
    ),
    N(
        "tr",
        f"Mehmet Bey ile görüştüm, TC kimlik no {TC_1}, hattı kendi üzerine almak istiyor.",
        P("NAME", "Mehmet", "honorific"),
        P("NATIONAL_ID", TC_1, "cue:tr"),
    ),
    N(
        "tr",
        "Zeynep Hanım'ın adresi: Bağdat Cad. No:145 D:7, 34728 Kadıköy/İstanbul — kurulum yapılmadı.",
        P("NAME", "Zeynep", "suffix"),
        P("ADDRESS", "Bağdat Cad. No:145", "address:tr"),
    ),
    N(
        "tr",
        "Deniz Arslan deniz aşırı dolaşım paketini sordu.",
        P("NAME", "Deniz Arslan", "word-name", cs=True),
    ),
    N(
        "tr",
        "Müşterinin doğum tarihi 01.02.1988, kimlik doğrulaması tamam.",
        P("DOB", "01.02.1988", "cue:tr"),
    ),
    N(
        "tr",
        "Plaka 34 ABC 482, araç takip cihazı sinyal vermiyor.",
        P("PLATE", "34 ABC 482", "cue:tr"),
    ),
    N(
        "tr",
        'Müşteri e-postası:\n"İade bekliyorum.\nSaygılarımla,\nEmre Çelik"',
        P("NAME", "Emre Çelik", "signature"),
    ),
    N(
        "tr",
        "Umut Koç'un e-postası umutkoc1987 et işareti hotmail nokta com, fatura oraya gitsin.",
        P("NAME", "Umut Koç", "suffix"),
        P("EMAIL", "umutkoc1987", "spelled:tr"),
    ),
    N(
        "tr",
        "müşteri burak aydın hattının kapatılmasını istiyor",
        P("NAME", "burak aydın", "lowercase"),
    ),
    N(
        "tr",
        "Hülya Yıldız aradı, modem ışıkları yanıp sönüyor.",
        P("NAME", "Hülya Yıldız", "word-name"),
    ),
    # ------------------------------------------------------------------------------------ other countries
    N(
        "ja",
        "佐藤花子様より入電。電話番号 090-4821-7735、住所 東京都渋谷区神南1-2-3。ルーターが繋がらない。",
        P("NAME_SCRIPT", "佐藤花子", "honorific", kind="cjk"),
        P("PHONE", "090-4821-7735", "local-format", region="JP"),
        P("ADDRESS", "神南1-2-3", "address:jp"),
    ),
    N(
        "ja",
        "田中一郎さん、生年月日 1985年3月4日、本人確認済み。",
        P("NAME_SCRIPT", "田中一郎", "honorific", kind="cjk"),
        P("DOB", "1985年3月4日", "words:ja"),
    ),
    N(
        "ja",
        f"マイナンバー {MYNUMBER[:4]} {MYNUMBER[4:8]} {MYNUMBER[8:]} の提出を求められたと苦情。",
        P("NATIONAL_ID", f"{MYNUMBER[:4]} {MYNUMBER[4:8]} {MYNUMBER[8:]}", "cue:ja"),
    ),
    N(
        "ko",
        "김민준 고객님 통화, 연락처 010-4821-3377, 요금제 변경 원함.",
        P("NAME_SCRIPT", "김민준", "honorific", kind="cjk"),
        P("PHONE", "010-4821-3377", "local-format", region="KR"),
    ),
    N(
        "ko",
        f"이서연 님 주민등록번호 {KR_RRN} 확인, 생년월일 1990.07.15",
        P("NAME_SCRIPT", "이서연", "honorific", kind="cjk"),
        P("NATIONAL_ID", KR_RRN, "cue:ko"),
        P("DOB", "1990.07.15", "cue:ko"),
    ),
    N(
        "zh",
        f"王小明先生来电，手机 138 0013 8000，身份证号 {CN_ID}，要求退款。",
        P("NAME_SCRIPT", "王小明", "honorific", kind="cjk"),
        P("PHONE", "138 0013 8000", "local-format", region="CN"),
        P("NATIONAL_ID", CN_ID, "cue:zh"),
    ),
    N(
        "el",
        "Ο πελάτης Γιώργος Παπαδόπουλος τηλεφώνησε, κινητό 694 123 4567, θέλει διακοπή.",
        P("NAME_SCRIPT", "Γιώργος Παπαδόπουλος", "cue:el"),
        P("PHONE", "694 123 4567", "local-format", region="GR"),
    ),
    N(
        "el",
        f"ΑΜΚΑ {AMKA_GR} για την κοινωνική χρέωση.",
        P("NATIONAL_ID", AMKA_GR, "cue:el"),
    ),
    N(
        "ar",
        "العميل محمد العتيبي اتصل، رقم الجوال " + arabic_indic("0551928374") + " ، يريد إلغاء الاشتراك.",
        P("NAME_SCRIPT", "محمد العتيبي", "cue:ar"),
        P("PHONE", "0551928374", "arabic-digits", region="SA"),
    ),
    N(
        "he",
        "הלקוח יוסי כהן התקשר, טלפון 052-4821773, רוצה לבטל.",
        P("NAME_SCRIPT", "יוסי כהן", "cue:he"),
        P("PHONE", "052-4821773", "local-format", region="IL"),
    ),
    N(
        "hi",
        "ग्राहक राहुल शर्मा ने कॉल किया, मोबाइल " + devanagari("98765 43210") + ", रिचार्ज नहीं हुआ।",
        P("NAME_SCRIPT", "राहुल शर्मा", "cue:hi"),
        P("PHONE", "98765 43210", "devanagari-digits", region="IN"),
    ),
    N(
        "th",
        "คุณสมชาย ใจดี โทรมา เบอร์ 081 234 5678 อินเทอร์เน็ตช้า",
        P("NAME_SCRIPT", "คุณสมชาย ใจดี", "honorific"),
        P("PHONE", "081 234 5678", "local-format", region="TH"),
    ),
    N(
        "fa",
        "مشتری علی‌رضا حسینی تماس گرفت، شماره " + persian("0912 345 6789"),
        P("NAME_SCRIPT", "علی‌رضا حسینی", "zwnj"),
        P("PHONE", "0912 345 6789", "persian-digits", region="IR"),
    ),
    N(
        "sv",
        f"Kunden Åsa Lindqvist, personnummer {PNR_SE[:6]}-{PNR_SE[6:]}, vill säga upp abonnemanget.",
        P("NAME", "Åsa Lindqvist", "cue:sv"),
        P("NATIONAL_ID", f"{PNR_SE[:6]}-{PNR_SE[6:]}", "cue:sv"),
    ),
    N(
        "da",
        "Kunde Søren Jørgensen, CPR-nr. 120585-4821, ringede om regningen.",
        P("NAME", "Søren Jørgensen", "cue:da"),
        P("NATIONAL_ID", "120585-4821", "cue:da"),
    ),
    N(
        "fi",
        f"Asiakas Aino Virtanen, henkilötunnus {HETU_1}, soitti laskusta.",
        P("NAME", "Aino Virtanen", "cue:fi"),
        P("NATIONAL_ID", HETU_1, "cue:fi"),
    ),
    N(
        "cs",
        f"Zákaznice Jiřina Dvořáková, rodné číslo {RC_CZ}, žádá o splátkový kalendář.",
        P("NAME", "Jiřina Dvořáková", "cue:cs"),
        P("NATIONAL_ID", RC_CZ, "cue:cs"),
    ),
    N(
        "ro",
        f"Clienta Ioana Popescu, CNP {CNP_RO}, cere factura pe e-mail.",
        P("NAME", "Ioana Popescu", "cue:ro"),
        P("NATIONAL_ID", CNP_RO, "cue:ro"),
    ),
    N(
        "hu",
        "Az ügyfél Nagy Zsófia, telefonszáma 06 30 482 1773, számlát reklamál.",
        P("NAME", "Nagy Zsófia", "cue:hu"),
        P("PHONE", "06 30 482 1773", "local-format", region="HU"),
    ),
    N(
        "en-ie",
        "Siobhán Ní Bhriain rang, Eircode D02 X285, broadband down since Sunday.",
        P("NAME", "Siobhán Ní Bhriain", "no-cue"),
        P("ADDRESS", "D02 X285", "address:ie"),
    ),
    N(
        "en-gb",
        "cust lives at flat 3, 27 mill lane, leeds ls6 2ab — engineer went to number 29",
        P("ADDRESS", "27 mill lane", "lowercase"),
        P("ADDRESS", "ls6 2ab", "lowercase"),
    ),
    N(
        "en-au",
        f"Caller's at Unit 4/27 Brunswick St, Fitzroy VIC 3065; Medicare no. {MEDICARE}; rego 1XK 4BD",
        P("ADDRESS", "Unit 4/27 Brunswick St", "address:au"),
        P("NATIONAL_ID", MEDICARE, "cue:en"),
        P("PLATE", "1XK 4BD", "cue:en"),
    ),
    N(
        "en-ca",
        f"Customer in Toronto, SIN on file {ids.sin_ca('27483916')}, postal code M5V 2T6, wants paper bills.",
        P("NATIONAL_ID", ids.sin_ca("27483916"), "cue:en"),
        P("ADDRESS", "M5V 2T6", "postcode:ca"),
    ),
    N(
        "en-in",
        "PAN card BKZPS4821M uploaded for the postpaid upgrade; customer asked twice.",
        P("NATIONAL_ID", "BKZPS4821M", "cue:en"),
    ),
    N(
        "en-za",
        f"ID number {ZA_ID} given for the RICA check, cell 082 482 1773.",
        P("NATIONAL_ID", ZA_ID, "cue:en"),
        P("PHONE", "082 482 1773", "local-format", region="ZA"),
    ),
    N(
        "en-gb",
        f"NHS no. {NHS_1} quoted for the carer discount.",
        P("NATIONAL_ID", NHS_1, "cue:en"),
    ),
    N(
        "en-gb",
        "UK driving licence WENDT753116IM9XY scanned for the car-sharing account.",
        P("ID_DOCUMENT", "WENDT753116IM9XY", "cue:en"),
    ),
    N(
        "en",
        f"Refund to Swiss account {grouped(IBAN_CH)} failed, customer in Zürich.",
        P("BANK", grouped(IBAN_CH), "grouped"),
    ),
    # --------------------------------------------------------------------------- URLs, handles, file names
    N(
        "de",
        "Kunde schickt sein Profil: linkedin.com/in/joerg-schneider-4a5b6c — will B2B-Vertrag.",
        P("NAME", "joerg-schneider", "url"),
    ),
    N(
        "es",
        "Nos escribió por Facebook: facebook.com/lourdes.villanueva.ortiz.7 con capturas del cobro.",
        P("NAME", "lourdes.villanueva.ortiz", "url"),
    ),
    N(
        "pl",
        "Klient B2B prosi o termin przez swój link: calendly.com/tomasz-kaczmarek-serwis/30min",
        P("NAME", "tomasz-kaczmarek", "url"),
    ),
    N(
        "en",
        "CRM link: https://crm.example.com/contacts?email=lucia.fernandez%40gmail.com&name=Lucia+Fernandez&src=chat",
        P("EMAIL", "lucia.fernandez%40gmail.com", "url-query"),
        P("NAME", "Lucia+Fernandez", "url-query"),
    ),
    N(
        "it",
        "Ci ha scritto su Telegram: t.me/giulia_bellini_mi, allegando lo scontrino.",
        P("HANDLE_URL", "giulia_bellini_mi", "url"),
    ),
    N(
        "de",
        "XING-Profil des Ansprechpartners: xing.com/profile/Wolfgang_Petersen3",
        P("NAME", "Wolfgang_Petersen", "url"),
    ),
    N(
        "tr",
        "TikTok'ta şikayet videosu: tiktok.com/@elif.sahin.34, çok izlendi.",
        P("HANDLE_URL", "elif.sahin.34", "url"),
    ),
    N(
        "es",
        "Adjunta: pasaporte_escaneado_JavierMontoya.pdf y la factura de la tienda",
        P("HANDLE_URL", "JavierMontoya", "filename"),
    ),
    N(
        "pt",
        "Anexos: RG_frente_ThiagoBarbosa.png, comprovante_residencia.pdf",
        P("HANDLE_URL", "ThiagoBarbosa", "filename"),
    ),
    N(
        "tr",
        "Ek: kimlik_on_yuz_selin_ozdemir.jpeg — kimlik fotoğrafı bulanık.",
        P("NAME", "selin_ozdemir", "filename"),
    ),
    N(
        "pl",
        "Załącznik: dowod_Lewandowski_Grzegorz.pdf, skan nieczytelny",
        P("NAME", "Lewandowski_Grzegorz", "filename"),
    ),
    N(
        "nl",
        "Instagram DM van @lotte.hendriks_ over de kapotte telefoon.",
        P("HANDLE_URL", "lotte.hendriks_", "mention"),
    ),
    N(
        "es",
        "Ha tuiteado @martaruizc79 quejándose del corte de fibra; respondimos por DM.",
        P("HANDLE_URL", "martaruizc79", "mention"),
    ),
    N(
        "fr",
        "Le client a partagé sa vidéo : youtube.com/@maximeguerin-vlog — 40 000 vues.",
        P("HANDLE_URL", "maximeguerin", "url"),
    ),
    N(
        "en",
        "Customer sent a WhatsApp link wa.me/4917648213377 so we can send photos there.",
        P("PHONE", "4917648213377", "url", region="DE", intl=True),
    ),
    # ------------------------------------------------------------------------------------ Unicode tricks
    N(
        "fr",
        "Rappeler Mme Garnier au 06" + NBSP + "12" + NBSP + "73" + NBSP + "48" + NBSP + "21 après 18 h.",
        P("NAME", "Garnier", "honorific"),
        P("PHONE", "06 12 73 48 21", "nbsp", region="FR"),
    ),
    N(
        "fr",
        "Numéro fixe : 01" + NNBSP + "45" + NNBSP + "82" + NNBSP + "17" + NNBSP + "33 (bureau du client).",
        P("PHONE", "01 45 82 17 33", "narrow-nbsp", region="FR"),
    ),
    N(
        "ja",
        "山本健二様、電話" + fullwidth("090-7733-4821") + "までご連絡ください。",
        P("NAME_SCRIPT", "山本健二", "honorific", kind="cjk"),
        P("PHONE", "090-7733-4821", "fullwidth", region="JP"),
    ),
    N(
        "es",
        "Clienta Ma" + ZWJ + "ribel Qu" + ZWJ + "intana llamó por el cobro duplicado.",
        P("NAME", "Maribel Quintana", "zwj"),
    ),
    N(
        "de",
        "Kunde Jo" + ZWSP + "hannes Hart" + ZWSP + "mann, Tel. 0176" + NBSP + "4821" + NBSP + "3377.",
        P("NAME", "Johannes Hartmann", "zero-width"),
        P("PHONE", "0176 4821 3377", "nbsp", region="DE"),
    ),
    N(
        "en",
        "Social post from " + math_bold("Valentina Moretti") + " about the outage in Turin.",
        P("NAME", "Valentina Moretti", "math-alnum"),
    ),
    N(
        "tr",
        "MÜŞTERİ AYLİN KARAKAYA ARADI, İADE İSTİYOR.",
        P("NAME", "AYLİN KARAKAYA", "uppercase"),
    ),
    N(
        "es",
        "Tel. 6\u200b1\u200b2 9\u200b0\u200b7 7\u200b3\u200b3 (lo pegó desde el chat).",
        P("PHONE", "612 907 733", "zero-width", region="ES"),
    ),
    N(
        "de",
        "Kundin Brigitte Schäfer (Schreibweise mit NFD: Scha\u0308fer), Rückruf 030\u20114821\u20117733.",
        P("NAME", "Brigitte Schäfer", "nfd"),
        P("PHONE", "030 4821 7733", "nb-hyphen", region="DE"),
    ),
    N(
        "ar",
        "رقم هوية العميل " + arabic_indic("1048217339") + " مطلوب للتحقق",
        P("NATIONAL_ID", "1048217339", "arabic-digits"),
    ),
    N(
        "it",
        "Cliente Ｍａｒｃｏ Ｌｏｍｂａｒｄｉ ha scritto dal telefono giapponese.",
        P("NAME", "Marco Lombardi", "fullwidth"),
    ),
    # ------------------------------------------------------------------------- markdown / html in text
    N(
        "en",
        "Escalated. Contact: [Rosalía Méndez](mailto:rosalia.mendez@telefonica.net) — see thread.",
        P("NAME", "Rosalía Méndez", "markdown"),
        P("EMAIL", "rosalia.mendez@telefonica.net", "markdown"),
    ),
    N(
        "de",
        '<p>Kunde <a href="mailto:h.bergmann@web.de">Hartmut Bergmann</a> ruft wegen Rechnung an</p>',
        P("NAME", "Hartmut Bergmann", "html"),
        P("EMAIL", "h.bergmann@web.de", "html"),
    ),
    N(
        "fr",
        "Client **Gérard Dupuis** (tél. `06 73 48 21 90`) attend toujours le remboursement.",
        P("NAME", "Gérard Dupuis", "markdown"),
        P("PHONE", "06 73 48 21 90", "markdown", region="FR"),
    ),
]

# Planted in other fields of main.csv rows: (text, field values, plants)
FIELD_NOTES: list[dict] = [
    N(
        "es",
        "Quiere el descuento de familia numerosa",
        P("NAME", "remedios_lozano", "tag", field="tags"),
        P("PHONE", "612907744", "tag", field="tags", region="ES"),
        tags="vip;cliente_remedios_lozano;tel_612907744",
    ),
    N(
        "de",
        "Router tauschen, Kunde wartet seit Wochen",
        P("NAME", "Kühnel", "product-field", field="product"),
        product="FRITZ!Box 7590 für Frau Kühnel",
    ),
    N(
        "fr",
        "Demande de geste commercial",
        P("NAME", "Lemaire", "segment-field", field="customer_segment"),
        customer_segment="VIP – Famille Lemaire",
    ),
    N(
        "pl",
        "Prośba o fakturę korygującą",
        P("NAME", "Wiesław Pietrzak", "team-field", field="team"),
        team="Opiekun: Wiesław Pietrzak",
    ),
    N(
        "tr",
        "Fatura itirazı",
        P("PHONE", "0533 482 17 73", "tag", field="tags", region="TR"),
        P("NAME", "serkan_yurt", "tag", field="tags"),
        tags="geri_arama 0533 482 17 73, serkan_yurt",
    ),
]

# ============================================================================================ clean notes
CLEAN: list[tuple[str, str]] = [
    (
        "en",
        "Three customers in a row asked whether the Oxford Street store stocks the Galaxy S25 Ultra 512GB; "
        "stock arrives 14 Nov.",
    ),
    ("en", "Router firmware 7.57 fixed the Wi-Fi drops for most; ticket INC0048213 closed."),
    ("en", "Order 402-7781234-5512309 shipped from the Frankfurt warehouse, tracking pending."),
    ("en", "Customer in Manchester wants the £12.50 roaming add-on to cover Switzerland too."),
    ("en", "Price went up from €29.99 to €34.99 on 1 October; lots of calls about it."),
    ("es", "La tienda de Gran Vía no tiene stock del iPhone 16 Pro hasta el 20 de noviembre."),
    ("es", "El pedido 2026-118734 llegó incompleto: falta el cargador de 65 W."),
    ("es", "Muchos clientes de Sevilla preguntan por la tarifa Fibra 600 Mb a 29,90 €/mes."),
    ("es", "La luz del router parpadea en naranja tras la actualización 3.2.1."),
    ("es", "El Corte Inglés de Castellana pide más folletos de la promo Black Friday."),
    ("es", "Tienda de Santiago de Compostela: el datáfono falla con tarjetas Visa desde las 12:40."),
    ("de", "Filiale Kaufingerstraße München meldet, dass die Kartenzahlung seit 14:30 ausfällt."),
    ("de", "Bestellung 100-4821733 vom 28.10.2026 wurde doppelt abgebucht (2 × 49,99 €)."),
    ("de", "Viele fragen nach dem Winter-Tarif; das Sommerangebot endete am 30.09.2026."),
    ("de", "Update auf App-Version 5.12.0 behebt den Login-Fehler unter Android 14."),
    ("de", "Dr. Oetker Lieferung für die Filiale Stuttgart kam beschädigt an."),
    ("de", "Kunden fragen, ob die MagentaEINS-Rabatte auch für Prepaid gelten."),
    ("de", "Black-Friday-Aktion endete am 30.11.2026 um 23:59 Uhr, trotzdem kommen noch Anfragen."),
    ("fr", "La boutique des Champs-Élysées n'a plus de Freebox Pop en stock depuis le 2 novembre."),
    ("fr", "Commande n° FR-2026-558120 : livraison prévue le 15 décembre, le client est d'accord."),
    ("fr", "Les clients de Lyon se plaignent du prix : 39,99 € au lieu de 29,99 €."),
    ("fr", "Mise à jour 4.1.2 de l'application : le paiement Apple Pay échoue encore."),
    ("fr", "Galeries Lafayette Haussmann demande la facture groupée d'octobre."),
    ("fr", "Le forfait « Série Spéciale 100 Go » à 9,99 € est le plus demandé cette semaine."),
    ("pt", "A loja do Chiado ficou sem cartões SIM pré-pagos na sexta-feira."),
    ("pt", "Encomenda 7781-2026 entregue no Porto com a caixa danificada; valor 89,90 €."),
    ("pt", "Vários clientes de São Paulo reclamam da fatura de outubro (R$ 129,90)."),
    ("pt", "Esperança de resolver até sexta: o técnico da Vodafone volta amanhã."),
    ("it", "Il negozio di Via del Corso chiede più volantini per l'offerta Fibra 2.5 Gbps."),
    ("it", "Ordine n. 2026/44817 consegnato a Bologna senza il modem TIM Hub+."),
    ("it", "Aggiornamento firmware 2.4.7: il Wi-Fi 6 ora è stabile."),
    ("it", "Molti chiedono se Esselunga accetta ancora i buoni del 2025."),
    ("nl", "De winkel op de Kalverstraat heeft geen iPhone 16 meer tot 18 november."),
    ("nl", "Bestelling 2026-55817 is twee keer afgeschreven (2× € 24,95)."),
    ("nl", "Storing in Utrecht en Amersfoort sinds 09:15, monteur onderweg."),
    ("nl", "Albert Heijn Zaandam vraagt naar de nieuwe pinautomaat van Worldline."),
    ("nl", "Klanten uit Den Bosch en De Bilt melden dezelfde storing."),
    ("pl", "Salon w Galerii Mokotów nie ma już Samsunga A55 w kolorze granatowym."),
    ("pl", "Zamówienie nr 2026/11/48213 dotarło uszkodzone do Krakowa."),
    ("pl", "Klienci z Gdańska pytają o abonament 5G za 59,99 zł."),
    ("pl", "Abonament „Rodzina” za 89 zł cieszy się dużym zainteresowaniem."),
    ("tr", "Kadıköy mağazasında iPhone 16 stoku 20 Kasım'a kadar yok."),
    ("tr", "Sipariş no 2026-778812 Ankara'ya iki gün geç teslim edildi."),
    ("tr", "Deniz aşırı dolaşım paketi 299 TL; çok soru geliyor."),
    ("tr", "Müşteriler Yıldız Teknik Üniversitesi kampüsünde çekim sorunu bildiriyor."),
    ("ja", "渋谷店でiPhone 16の在庫切れ。11月20日入荷予定。"),
    ("ja", "注文番号 2026-4481 の請求が二重になっています。"),
    ("en", "Tim Hortons at Union Station wants the bulk SIM order invoiced in CAD 1,240.00."),
    ("en", "Marks & Spencer Marble Arch asked for the November promo posters."),
    ("en", "Flight LH 2024 from Munich was cancelled, so the roaming pass wasn't used."),
    ("en", "EAN 4006381333931 scans as the wrong product at the Hamburg store."),
    ("en", "Firmware 10.2.0.4 on the FRITZ!Box 7590 AX solves the DSL resync issue."),
    ("en", "Hugo Boss outlet in Metzingen needs a second card terminal before 1 Dec."),
    ("en", "Santa Cruz and San Sebastián stores report the same POS outage since 08:00."),
    ("en", "Ben & Jerry's promo code BJ-2026-FREE did not apply at checkout."),
    ("en", "Customers from Victoria (BC) and Victoria (AU) both got the wrong time zone in the app."),
    ("en", "Model SM-S928B/DS: customer only asked about the 45 W charger."),
    ("en", "Paris, Berlin and Madrid stores all ran out of the 256 GB model on Saturday."),
    ("en", "Version 2.0.3 of the Smart Home app crashes on Pixel 8 (Android 15)."),
]


# ================================================================= CSV exports with extra columns (CLI)
# German helpdesk export: core columns in English (Earshot must find the text), extras in German.
DE_EXPORT_HEADERS = [
    "id",
    "created_at",
    "agent",
    "channel",
    "text",
    "Kundenname",
    "Telefon",
    "Geburtsdatum",
    "Anschrift",
    "Kfz-Kennzeichen",
    "Kundennummer",
    "Steuer-ID",
    "Bemerkung intern",
]
DE_EXPORT_ROWS: list[dict] = [
    dict(
        text="Kündigung wegen Umzug ins Ausland",
        cells={
            "Kundenname": "Gisela Brandt",
            "Telefon": "0176 48213377",
            "Geburtsdatum": "23.06.1958",
            "Anschrift": "Schillerstraße 27, 04109 Leipzig",
        },
        plants=[
            P("NAME", "Gisela Brandt", "column:de"),
            P("PHONE", "0176 48213377", "column:de", region="DE"),
            P("DOB", "23.06.1958", "column:de"),
            P("ADDRESS", "Schillerstraße 27", "column:de"),
        ],
    ),
    dict(
        text="Rechnung doppelt bezahlt, Erstattung gewünscht",
        cells={
            "Kundenname": "weber, horst",
            "Kundennummer": "KD-48217339",
            "Steuer-ID": STEUER_2,
            "Bemerkung intern": "Rückruf Herr Weber auf Festnetz 089 2093 5716",
        },
        plants=[
            P("NAME", "Horst Weber", "column:de"),
            P("ACCOUNT", "KD-48217339", "column:de"),
            P("NATIONAL_ID", STEUER_2, "column:de"),
            P("PHONE", "089 2093 5716", "column:de", region="DE"),
        ],
    ),
    dict(
        text="Werkstatttermin für Leasingwagen verschoben",
        cells={"Kfz-Kennzeichen": "HH-TW 4821", "Kundenname": "Tanja Wollny", "Telefon": "+49 (0) 40 48217339"},
        plants=[
            P("PLATE", "HH-TW 4821", "column:de"),
            P("NAME", "Tanja Wollny", "column:de"),
            P("PHONE", "40 48217339", "column:de", region="DE"),
        ],
    ),
    dict(
        text="Kunde will Tarifwechsel auf 250 Mbit",
        cells={"Bemerkung intern": "spricht nur mit Herrn Oberhuber, Ferdinand; Geb. 02.11.1949"},
        plants=[
            P("NAME", "Oberhuber, Ferdinand", "column:de"),
            P("DOB", "02.11.1949", "column:de"),
        ],
    ),
]

INTL_EXPORT_HEADERS = [
    "id",
    "created_at",
    "agent",
    "channel",
    "text",
    "Nome do cliente",
    "Telemóvel",
    "Morada",
    "Imię i nazwisko",
    "Telefon komórkowy",
    "PESEL",
    "Müşteri Adı",
    "Cep Telefonu",
    "TC Kimlik No",
    "Kundnamn",
    "Personnummer",
    "氏名",
    "電話番号",
    "住所",
    "Jméno a příjmení",
    "Rodné číslo",
    "Nome e cognome",
    "Codice fiscale",
    "Naam klant",
    "Geboortedatum",
]
INTL_EXPORT_ROWS: list[dict] = [
    dict(
        text="Pedido de portabilidade para outra operadora",
        cells={
            "Nome do cliente": "Conceição Lopes",
            "Telemóvel": "936 482 173",
            "Morada": "Rua do Almada 212, 4050-032 Porto",
        },
        plants=[
            P("NAME", "Conceição Lopes", "column:pt"),
            P("PHONE", "936 482 173", "column:pt", region="PT"),
            P("ADDRESS", "Rua do Almada 212", "column:pt"),
        ],
    ),
    dict(
        text="Reklamacja dotycząca rachunku za październik",
        cells={"Imię i nazwisko": "Bożena Szymańska", "Telefon komórkowy": "601 482 173", "PESEL": PESEL_2},
        plants=[
            P("NAME", "Bożena Szymańska", "column:pl"),
            P("PHONE", "601 482 173", "column:pl", region="PL"),
            P("NATIONAL_ID", PESEL_2, "column:pl"),
        ],
    ),
    dict(
        text="Fatura tutarı yüksek geldi, kontrol istiyor",
        cells={"Müşteri Adı": "Gökhan Şentürk", "Cep Telefonu": "0542 482 17 39", "TC Kimlik No": TC_2},
        plants=[
            P("NAME", "Gökhan Şentürk", "column:tr"),
            P("PHONE", "0542 482 17 39", "column:tr", region="TR"),
            P("NATIONAL_ID", TC_2, "column:tr"),
        ],
    ),
    dict(
        text="Vill byta till ett billigare abonnemang",
        cells={"Kundnamn": "Björn Karlsson", "Personnummer": "19720315-4823"},
        plants=[P("NAME", "Björn Karlsson", "column:sv"), P("NATIONAL_ID", "19720315-4823", "column:sv")],
    ),
    dict(
        text="光回線の工事日を変更したい",
        cells={"氏名": "鈴木美咲", "電話番号": "080-4821-7339", "住所": "大阪府大阪市北区梅田3-1-1"},
        plants=[
            P("NAME_SCRIPT", "鈴木美咲", "column:ja", kind="cjk"),
            P("PHONE", "080-4821-7339", "column:ja", region="JP"),
            P("ADDRESS", "梅田3-1-1", "column:ja"),
        ],
    ),
    dict(
        text="Žádost o změnu tarifu",
        cells={"Jméno a příjmení": "Petra Svobodová", "Rodné číslo": ids.rodne_cislo("905203")},
        plants=[
            P("NAME", "Petra Svobodová", "column:cs"),
            P("NATIONAL_ID", ids.rodne_cislo("905203"), "column:cs"),
        ],
    ),
    dict(
        text="Richiesta di rimborso per doppio addebito",
        cells={"Nome e cognome": "Chiara Fontanesi", "Codice fiscale": CF_2},
        plants=[P("NAME", "Chiara Fontanesi", "column:it"), P("NATIONAL_ID", CF_2, "column:it")],
    ),
    dict(
        text="Wil een ouderenkorting op het abonnement",
        cells={"Naam klant": "Willemijn Smit", "Geboortedatum": "17-03-1951"},
        plants=[P("NAME", "Willemijn Smit", "column:nl"), P("DOB", "17-03-1951", "column:nl")],
    ),
]

# Columns whose name does not say what they hold: what a helpdesk really exports.
NEUTRAL_HEADERS = [
    "id",
    "created_at",
    "agent",
    "channel",
    "text",
    "Ansprechpartner",
    "Interlocutor",
    "Titular",
    "Bill to",
    "Ship to",
    "Emergency contact",
    "Reported by",
    "Callback",
    "Remarks",
    "Custom field 360012345",
    "Vorgang",
    "Destinatario",
]
NEUTRAL_ROWS: list[dict] = [
    dict(
        text="B2B-Kunde will Sammelrechnung",
        cells={"Ansprechpartner": "Dr. Friederike Lange-Hoppe", "Callback": "0221 4821733"},
        plants=[
            P("NAME", "Friederike Lange-Hoppe", "column-neutral"),
            P("PHONE", "0221 4821733", "column-neutral", region="DE"),
        ],
    ),
    dict(
        text="Cambio de titular de la línea",
        cells={"Interlocutor": "Nerea Goikoetxea", "Titular": "Aitor Goikoetxea Urrutia"},
        plants=[
            P("NAME", "Nerea Goikoetxea", "column-neutral"),
            P("NAME", "Aitor Goikoetxea Urrutia", "column-neutral"),
        ],
    ),
    dict(
        text="Invoice address differs from delivery address",
        cells={
            "Bill to": "Mrs P. Okonkwo, 14 Harewood Avenue, Leeds LS8 1NQ",
            "Ship to": "c/o Adaeze Okonkwo, 3 Regent Terrace, Edinburgh EH7 5BN",
        },
        plants=[
            P("NAME", "Okonkwo", "column-neutral"),
            P("ADDRESS", "14 Harewood Avenue", "column-neutral"),
            P("NAME", "Adaeze", "column-neutral"),
            P("ADDRESS", "3 Regent Terrace", "column-neutral"),
        ],
    ),
    dict(
        text="Customer in hospital, account on hold",
        cells={"Emergency contact": "Wiremu Ngata (son) 021 482 1733", "Reported by": "Aroha Ngata"},
        plants=[
            P("NAME", "Wiremu Ngata", "column-neutral"),
            P("PHONE", "021 482 1733", "column-neutral", region="NZ"),
            P("NAME", "Aroha", "column-neutral"),
        ],
    ),
    dict(
        text="Réclamation sur la facture d'octobre",
        cells={
            "Remarks": "Mme Vasseur rappelle au 06 48 21 73 39, née le 08/08/1972",
            "Custom field 360012345": "Capucine Vasseur",
        },
        plants=[
            P("NAME", "Capucine Vasseur", "column-neutral"),
            P("PHONE", "06 48 21 73 39", "column-neutral", region="FR"),
            P("DOB", "08/08/1972", "column-neutral"),
        ],
    ),
    dict(
        text="Schaden am Gerät nach Sturz",
        cells={"Vorgang": "Schadensmeldung Fam. Dreßler, Am Lindenhof 7, 01307 Dresden"},
        plants=[P("NAME", "Dreßler", "column-neutral"), P("ADDRESS", "Am Lindenhof 7", "column-neutral")],
    ),
    dict(
        text="Spedizione rispedita al mittente",
        cells={"Destinatario": "Ludovica Marchetti, Corso Vittorio Emanuele II 112, 10121 Torino"},
        plants=[
            P("NAME", "Ludovica Marchetti", "column-neutral"),
            P("ADDRESS", "Corso Vittorio Emanuele II 112", "column-neutral"),
        ],
    ),
]

# ============================================================================================ JSONL (CLI)
JSONL_ROWS: list[dict] = [
    dict(
        text="Solicita la baja por mudanza al extranjero",
        extra={
            "solicitante": {"nombre": "Begoña Arrieta", "teléfono": "688 482 173"},
            "custom_fields": [
                {"id": 360012345, "value": "Begoña Arrieta Zubizarreta"},
                {"id": 360012346, "value": "688 482 173"},
            ],
        },
        plants=[
            P("NAME", "Begoña Arrieta Zubizarreta", "json-nested"),
            P("PHONE", "688 482 173", "json-nested", region="ES"),
        ],
    ),
    dict(
        text="Beschwerde über Lieferverzögerung",
        extra={
            "via": {
                "channel": "email",
                "source": {"from": {"name": "Henrike Albrecht", "address": "henrike.albrecht@posteo.de"}},
            },
            "cc": ["u.kaltenbach@gmx.net"],
        },
        plants=[
            P("NAME", "Henrike Albrecht", "json-nested"),
            P("EMAIL", "henrike.albrecht@posteo.de", "json-nested"),
            P("EMAIL", "u.kaltenbach@gmx.net", "json-array"),
        ],
    ),
    dict(
        text="Demande de remboursement suite à une panne",
        extra={
            "attachments": [
                {
                    "file_name": "CNI_Margaux_Chevalier.jpg",
                    "content_url": "https://files.example.com/a/CNI_Margaux_Chevalier.jpg",
                },
                {"file_name": "facture.pdf"},
            ],
            "demandeur": {"nom": "Chevalier", "prénom": "Margaux"},
        },
        plants=[P("NAME", "Margaux Chevalier", "json-array")],
    ),
    dict(
        text="Quer mudar o plano para o pré-pago",
        extra={
            "satisfaction_rating": {"score": "bad", "comment": "Sou a Luana Oliveira e ninguém me ligou de volta!"},
            "fields": [["CPF", CPF_2], ["Nascimento", "1993-04-27"]],
        },
        plants=[
            P("NAME", "Luana Oliveira", "json-nested"),
            P("NATIONAL_ID", CPF_2, "json-array"),
            P("DOB", "1993-04-27", "json-array"),
        ],
    ),
    dict(
        text="Klant wil zijn abonnement pauzeren",
        extra={"aanvrager": {"naam": "Joost Verhoeven", "geboortedatum": "1966-11-30", "bsn": BSN_2}},
        plants=[
            P("NAME", "Joost Verhoeven", "json-nested"),
            P("DOB", "1966-11-30", "json-nested"),
            P("NATIONAL_ID", BSN_2, "json-nested"),
        ],
    ),
    dict(
        text="Müşteri fatura adresini değiştirmek istiyor",
        extra={"talep_eden": "Cemile Aksoy", "adres": "Atatürk Bulvarı No:48 Daire:12, Çankaya/Ankara"},
        plants=[
            P("NAME", "Cemile Aksoy", "json-nested"),
            P("ADDRESS", "Atatürk Bulvarı No:48 Daire:12", "json-nested"),
        ],
    ),
    dict(
        text="Prośba o duplikat faktury",
        extra={"zgłaszający": {"dane": "Ryszard Michalak, tel. 698 482 173"}, "licence_plate": "KR 7K482"},
        plants=[
            P("NAME", "Ryszard Michalak", "json-nested"),
            P("PHONE", "698 482 173", "json-nested", region="PL"),
            P("PLATE", "KR 7K482", "json-nested"),
        ],
    ),
    dict(
        text="Il cliente vuole la fattura elettronica",
        extra={"richiedente": "Benedetta Greco", "contatti": [{"tipo": "cellulare", "valore": "347 482 1733"}]},
        plants=[P("NAME", "Benedetta Greco", "json-nested"), P("PHONE", "347 482 1733", "json-array", region="IT")],
    ),
]

# ============================================================================================ XLSX (CLI)
# (text, {header: value}, plants) — values keep their Python type: int/float/date cells are typed cells.
XLSX_HEADERS = [
    "id",
    "created_at",
    "agent",
    "channel",
    "text",
    "Telefon",
    "Geburtsdatum",
    "Steuer-ID",
    "PESEL",
    "TC Kimlik",
    "Móvil",
    "Fecha de nacimiento",
    "Cliente",
    "Kontakt 2",
    "Kundennummer",
]

STEUER_3 = ids.steuer_id("7315908426")
PESEL_3 = ids.pesel("7604128821")
TC_3 = ids.tc_kimlik("284716359")
XLSX_ROWS: list[dict] = [
    dict(
        text="Kunde möchte seine Rufnummer zum neuen Anbieter mitnehmen",
        cells={"Telefon": 1764821733, "Geburtsdatum": ("date", 1971, 9, 23)},
        plants=[
            P("PHONE", "0176 4821733", "xlsx-number", region="DE", alts=["1764821733"]),
            P("DOB", "23.09.1971", "xlsx-date", alts=["1971-09-23", "26199"]),
        ],
    ),
    dict(
        text="Sozialtarif beantragt, Nachweis folgt per Post",
        cells={"Steuer-ID": int(STEUER_3), "Kundennummer": 48217340},
        plants=[
            P("NATIONAL_ID", STEUER_3, "xlsx-number"),
            P("ACCOUNT", "48217340", "xlsx-number"),
        ],
    ),
    dict(
        text="Zniżka dla seniora na abonament",
        cells={"PESEL": int(PESEL_3)},
        plants=[P("NATIONAL_ID", PESEL_3, "xlsx-number")],
    ),
    dict(
        text="Hat devri talebi",
        cells={"TC Kimlik": int(TC_3)},
        plants=[P("NATIONAL_ID", TC_3, "xlsx-number")],
    ),
    dict(
        text="Quiere el descuento para mayores de 65",
        cells={"Móvil": 612907755, "Fecha de nacimiento": ("date", 1957, 2, 18), "Cliente": "Inmaculada Serrano"},
        plants=[
            P("PHONE", "612 907 755", "xlsx-number", region="ES"),
            P("DOB", "18/02/1957", "xlsx-date", alts=["1957-02-18", "20869"]),
            P("NAME", "Inmaculada Serrano", "column:es"),
        ],
    ),
    dict(
        text="Rückruf auf Zweitnummer gewünscht",
        cells={"Kontakt 2": 491764821734.0},
        plants=[P("PHONE", "491764821734", "xlsx-number", region="DE", intl=True)],
    ),
    dict(
        text="Cliente Remedios Aguilar, nacida el",
        cells={"Fecha de nacimiento": ("date", 1949, 12, 8)},
        plants=[
            P("NAME", "Remedios Aguilar", "cue:es"),
            P("DOB", "08/12/1949", "xlsx-date", alts=["1949-12-08", "18240"]),
        ],
    ),
]

# Rows of main.csv that Earshot must reject (bad date, channel or kind): the rejected-rows file, the printed
# summary and the ledger must not carry what is in them.
REJECTED_ROWS: list[dict] = [
    dict(
        created_at="geb. 17.05.1979",
        channel="phone",
        kind="complaint",
        text="Kundin Rosemarie Ostermann, Rückruf 0157 39260418, Rechnung zu hoch",
        plants=[
            P("DOB", "17.05.1979", "rejected-row"),
            P("NAME", "Rosemarie Ostermann", "rejected-row"),
            P("PHONE", "0157 39260418", "rejected-row", region="DE"),
        ],
    ),
    dict(
        created_at="2026-10-20 10:00",
        channel="WhatsApp 0176 55104297",
        kind="need",
        text="quiere la factura en papel",
        plants=[P("PHONE", "0176 55104297", "rejected-row", region="DE")],
    ),
    dict(
        created_at="2026-10-20 11:00",
        channel="phone",
        kind="réclamation de Mme Ginette Beaumont",
        text="veut un geste commercial",
        plants=[P("NAME", "Ginette Beaumont", "rejected-row")],
    ),
    dict(
        created_at="0532 482 17 44",
        channel="phone",
        kind="need",
        text="Müşteri Nurcan Aktaş, hattın taşınmasını istiyor",
        plants=[P("PHONE", "0532 482 17 44", "rejected-row", region="TR"), P("NAME", "Nurcan Aktaş", "rejected-row")],
    ),
]

# Files whose *name* holds personal data (the ledger keeps file names; the summary prints them).
NAMED_FILES: list[dict] = [
    dict(
        name="Rückrufe Annegret Kühn November.csv",
        texts=["Rückruf wegen Tarifwechsel vereinbart", "Router wurde getauscht, alles ok"],
        plants=[P("NAME", "Annegret Kühn", "file-name")],
    ),
    dict(
        name="reclamaciones_Itziar_Larrañaga_612907766.jsonl",
        texts=["La fibra se corta por las noches", "Pide el cambio de router al modelo nuevo"],
        plants=[P("NAME", "Itziar Larrañaga", "file-name"), P("PHONE", "612907766", "file-name", region="ES")],
    ),
]
