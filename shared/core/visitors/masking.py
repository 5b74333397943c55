"""Personal details shown partly: enough for a visitor to recognise their own, not to read
someone else's. What a kiosk sees of a returning visitor's guest-book entry."""

from __future__ import annotations


def mask_word(word: str) -> str:
    """``Siti`` -> ``S***``: the first letter and the length."""
    return word[:1] + "*" * (len(word) - 1)


def mask_name(name: str) -> str:
    """``Siti Aisyah Pakaya`` -> ``S*** A***** P*****``."""
    return " ".join(mask_word(word) for word in name.split(" "))


def mask_email(email: str) -> str:
    """``siti.pakaya@example.com`` -> ``s**********@e******.com``."""
    local, at, domain = email.rpartition("@")
    if not at:
        return mask_word(email)
    host, dot, top = domain.rpartition(".")
    masked_domain = f"{mask_word(host)}{dot}{top}" if dot else mask_word(domain)
    return f"{mask_word(local)}@{masked_domain}"


def mask_phone(phone: str | None) -> str | None:
    """``081234567890`` -> ``0812******90``: the operator prefix and the last two digits."""
    if not phone:
        return phone
    keep_start = 4 if len(phone) > 8 else 1
    return phone[:keep_start] + "*" * (len(phone) - keep_start - 2) + phone[-2:]


def mask_id_number(id_number: str) -> str:
    """Hide the middle of an ID number for screens, tickets and logs.

    More than 8 characters: keep the first 4 and last 4 (``7502********0001``).
    3 to 8 characters: keep only the last 2. 1 or 2 characters: hide everything.
    The length is always preserved.
    """
    n = len(id_number)
    if n > 8:
        return id_number[:4] + "*" * (n - 8) + id_number[-4:]
    if n > 2:
        return "*" * (n - 2) + id_number[-2:]
    return "*" * n
