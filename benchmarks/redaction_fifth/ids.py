"""Check digits for the national numbers the fifth family plants, so every planted number is one a real person
could hold (a redactor that validates checksums must not be given a free pass by an invalid value)."""

from __future__ import annotations


def luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def dni(number: int) -> str:  # Spain
    return f"{number:08d}" + "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]


def nie(prefix: str, number: int) -> str:  # Spain, foreigners
    return f"{prefix}{number:07d}" + "TRWAGMYFPDXBNJZSQVHLCKE"[int(f"{'XYZ'.index(prefix)}{number:07d}") % 23]


def nss_es(prov: int, body: int) -> str:  # Spanish social-security number (provincia/número/control)
    ctrl = int(f"{prov:02d}{body:08d}") % 97
    return f"{prov:02d}/{body:08d}/{ctrl:02d}"


def cpf(nine: str) -> str:  # Brazil
    d = [int(c) for c in nine]
    c1 = sum(v * w for v, w in zip(d, range(10, 1, -1), strict=True)) * 10 % 11 % 10
    d.append(c1)
    c2 = sum(v * w for v, w in zip(d, range(11, 1, -1), strict=True)) * 10 % 11 % 10
    s = nine + f"{c1}{c2}"
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def pesel(ten: str) -> str:  # Poland
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return ten + str((10 - sum(int(c) * x for c, x in zip(ten, w, strict=True)) % 10) % 10)


def polish_id_card(series: str, digits5: str) -> str:  # dowód osobisty: AAA + check + 5 digits
    vals = [ord(c) - 55 for c in series] + [int(c) for c in digits5]
    w = [7, 3, 1, 7, 3, 1, 7, 3]
    return f"{series}{sum(v * x for v, x in zip(vals, w, strict=True)) % 10}{digits5}"


def bsn(eight: str) -> str:  # Netherlands, 11-proof
    s = sum(int(c) * w for c, w in zip(eight, range(9, 1, -1), strict=True)) % 11
    if s == 10:
        raise ValueError("no valid BSN for this base")
    return eight + str(s)


def tc_kimlik(nine: str) -> str:  # Turkey
    d = [int(c) for c in nine]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return nine + f"{d10}{d11}"


def steuer_id(ten: str) -> str:  # Germany, ISO 7064 MOD 11,10
    product = 10
    for c in ten:
        s = (int(c) + product) % 10 or 10
        product = s * 2 % 11
    check = 11 - product
    return ten + str(0 if check == 10 else check)


def nir(thirteen: str) -> str:  # France, sécurité sociale
    return thirteen + f"{97 - int(thirteen) % 97:02d}"


_ODD_DIGITS = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]  # the odd-position values of 0-9, and of A-J
_ODD_K_TO_Z = [2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", [*_ODD_DIGITS, *_ODD_DIGITS, *_ODD_K_TO_Z], strict=True))


def codice_fiscale(fifteen: str) -> str:  # Italy
    total = 0
    for i, c in enumerate(fifteen):
        if i % 2 == 0:
            total += _CF_ODD[c]
        else:
            total += int(c) if c.isdigit() else ord(c) - 65
    return fifteen + chr(65 + total % 26)


def personnummer(nine: str) -> str:  # Sweden (YYMMDDNNN + Luhn)
    return nine + luhn_digit(nine)


def ahv(nine: str) -> str:  # Switzerland, EAN-13 with 756 prefix
    body = "756" + nine
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    full = body + str((10 - s % 10) % 10)
    return f"{full[:3]}.{full[3:7]}.{full[7:11]}.{full[11:]}"


def nhs(nine: str) -> str:  # UK NHS number
    s = sum(int(c) * w for c, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - s % 11
    if check == 10:
        raise ValueError("invalid NHS base")
    full = nine + str(0 if check == 11 else check)
    return f"{full[:3]} {full[3:6]} {full[6:]}"


def hetu(ddmmyy: str, sep: str, nnn: str) -> str:  # Finland
    return f"{ddmmyy}{sep}{nnn}" + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(ddmmyy + nnn) % 31]


def belgian_rrn(nine: str) -> str:  # born before 2000
    check = 97 - int(nine) % 97
    return f"{nine[:2]}.{nine[2:4]}.{nine[4:6]}-{nine[6:9]}.{check:02d}"


def rut(body: int) -> str:  # Chile
    s, m = 0, 2
    for c in reversed(str(body)):
        s += int(c) * m
        m = 2 if m == 7 else m + 1
    r = 11 - s % 11
    dv = "0" if r == 11 else "K" if r == 10 else str(r)
    return f"{body:,}".replace(",", ".") + "-" + dv


def cuil(prefix: str, dni8: str) -> str:  # Argentina
    body = prefix + dni8
    s = sum(int(c) * w for c, w in zip(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2], strict=True))
    r = 11 - s % 11
    dv = 0 if r == 11 else 9 if r == 10 else r
    return f"{prefix}-{dni8}-{dv}"


def curp(seventeen: str) -> str:  # Mexico
    alphabet = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
    s = sum(alphabet.index(c) * (18 - i) for i, c in enumerate(seventeen))
    return seventeen + str((10 - s % 10) % 10)


def nif_pt(eight: str) -> str:  # Portugal
    r = sum(int(c) * w for c, w in zip(eight, range(9, 1, -1), strict=True)) % 11
    return eight + str(0 if r < 2 else 11 - r)


def medicare_au(eight: str, issue: str) -> str:
    w = [1, 3, 7, 9, 1, 3, 7, 9]
    check = sum(int(c) * x for c, x in zip(eight, w, strict=True)) % 10
    full = f"{eight}{check}{issue}"
    return f"{full[:4]} {full[4:9]} {full[9:]}"


def my_number(eleven: str) -> str:  # Japan
    s = 0
    for n, c in enumerate(reversed(eleven), start=1):
        q = n + 1 if n <= 6 else n - 5
        s += int(c) * q
    r = s % 11
    return eleven + str(0 if r <= 1 else 11 - r)


def china_id(seventeen: str) -> str:
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return seventeen + "10X98765432"[sum(int(c) * x for c, x in zip(seventeen, w, strict=True)) % 11]


def korea_rrn(twelve: str) -> str:
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    full = twelve + str((11 - sum(int(c) * x for c, x in zip(twelve, w, strict=True)) % 11) % 10)
    return f"{full[:6]}-{full[6:]}"


def sin_ca(eight: str) -> str:
    full = eight + luhn_digit(eight)
    return f"{full[:3]} {full[3:6]} {full[6:]}"


def za_id(twelve: str) -> str:
    return twelve + luhn_digit(twelve)


def cnp_ro(twelve: str) -> str:
    s = sum(int(c) * int(w) for c, w in zip(twelve, "279146358279", strict=True)) % 11
    return twelve + ("1" if s == 10 else str(s))


def svnr_at(serial3: str, ddmmyy: str) -> str:
    d = [int(c) for c in serial3 + ddmmyy]
    w = [3, 7, 9, 5, 8, 4, 2, 1, 6]
    c = sum(v * x for v, x in zip(d, w, strict=True)) % 11
    if c == 10:
        raise ValueError("invalid SVNR base")
    return f"{serial3}{c} {ddmmyy}"


def rodne_cislo(yymmdd: str) -> str:  # Czech: the 10-digit number divisible by 11
    for tail in range(4821, 9999):
        n = int(yymmdd + f"{tail:04d}")
        if n % 11 == 0:
            return f"{yymmdd}/{tail:04d}"
    raise ValueError


def amka(ten: str) -> str:  # Greece, Luhn
    return ten + luhn_digit(ten)


def iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(num) % 97
    return f"{country}{check:02d}{bban}"


def clabe(seventeen: str) -> str:  # Mexico
    w = [3, 7, 1] * 6
    s = sum(int(c) * x % 10 for c, x in zip(seventeen, w, strict=False))
    return seventeen + str((10 - s % 10) % 10)
