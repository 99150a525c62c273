"""Finding planted personal data in everything a test stored, without tripping on machine-made values."""

from __future__ import annotations

import re
from collections.abc import Iterable


def leaked(secrets: Iterable[str], text: str) -> list[str]:
    """The planted ``secrets`` found in ``text`` (case-insensitive).

    A secret made only of digits (a fragment of a phone or card number) counts only where it stands apart
    from other letters and digits: the same four digits inside a timestamp's microseconds or a hex digest
    are not a leak, while ``"4111 1111 …"`` or ``"…on 07700 900123"`` are.
    """
    found = []
    for secret in secrets:
        if secret.replace(" ", "").isdigit():
            pattern = rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])"
            if re.search(pattern, text):
                found.append(secret)
        elif secret.lower() in text.lower():
            found.append(secret)
    return found
