"""Pseudonymisation: replace personal data by placeholders or keyed fingerprints, and back.

Pseudonymised data are still personal data under the GDPR (recital 26): whoever holds the table
or the key can re-identify the people.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

from .detection import CUSTOMER, EMAIL, IBAN, PERSON, PHONE, Finding, find_personal_data, name_words


# -- pseudonymisation -----------------------------------------------------------------------
def _canonical(finding: Finding) -> str:
    """One key per real value, so that two writings of it share a placeholder."""
    value = finding.text
    if finding.kind == EMAIL:
        return value.casefold()
    if finding.kind == PHONE:
        # every number found has 9 significant digits after the 0 / country code
        return "0" + re.sub(r"\D", "", value)[-9:]
    if finding.kind == IBAN:
        return re.sub(r"[^0-9A-Za-z]", "", value).upper()
    if finding.kind in (CUSTOMER, PERSON):
        return " ".join(sorted(name_words(value)))
    return " ".join(name_words(value) + re.findall(r"\d+", value))


def pseudonym(value: str, salt: str | bytes) -> str:
    """A short keyed fingerprint of *value*: the first 10 hex digits of HMAC-SHA-256(salt, value).

    *salt* is the HMAC's secret key (the parameter keeps its historical name): unlike a real
    salt, which is random but not secret, it must stay secret for the pseudonym to protect.

    The same value with the same salt always gives the same pseudonym (useful to follow one
    customer across several prompts); without the salt, nobody can recompute it from a
    guessed value. It is still a pseudonym, not an anonymisation: whoever holds the salt can
    test candidate values (phone numbers are few enough to try them all), so keep the salt
    secret, out of notebooks and repositories.
    """
    if isinstance(salt, str):
        salt = salt.encode("utf-8")
    if not salt:
        raise ValueError("La clé secrète (paramètre salt) ne peut pas être vide : sans clé, n'importe qui "
                         "pourrait recalculer le pseudonyme à partir d'une valeur devinée.")
    return hmac.new(salt, str(value).encode("utf-8"), hashlib.sha256).hexdigest()[:10]


def pseudonymise(text: str, *, salt: str | bytes | None = None, known_names: Any = None,
                 keyed: bool = False) -> tuple[str, dict[str, str]]:
    """Replace each piece of personal data of *text* by a placeholder.

    Returns ``(new_text, mapping)`` where *mapping* goes from each placeholder to the value it
    replaces (its first writing), so the answer of a remote model can be re-identified on this
    machine with `reidentify`. Placeholders are ``[EMAIL_1]``, ``[TEL_1]``, ``[IBAN_1]``,
    ``[ADRESSE_1]``, ``[PERSONNE_1]``, numbered per kind in order of first appearance; the
    same value (even written differently: « 06 12 34 56 78 » and « +33 6 12 34 56 78 »,
    « Julien Bailly » and « BAILLY Julien ») gets the same placeholder.

    With ``keyed=True``, the number is replaced by a keyed fingerprint of the value
    (`pseudonym` of the kind and the value, with *salt*: ``[EMAIL_3f9a1c2b7d]``): the same person then has the same placeholder in every text
    pseudonymised with the same *salt*, which lets results of several prompts be joined.

    Pseudonymisation is not anonymisation: the mapping (or the salt) re-identifies people, and
    the rest of the text may too; pseudonymised data remains personal data under the GDPR
    (recital 26). Keep the mapping on this machine.
    """
    if keyed and not salt:
        raise ValueError("keyed=True demande une clé secrète : pseudonymise(texte, salt=\"…\", keyed=True).")
    findings = find_personal_data(text, known_names=known_names)
    by_key: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    mapping: dict[str, str] = {}
    pieces: list[str] = []
    last = 0
    for f in findings:
        key = (f.code, _canonical(f))
        placeholder = by_key.get(key)
        if placeholder is None:
            if keyed:
                assert salt is not None
                suffix = pseudonym(f"{f.code}:{key[1]}", salt)
            else:
                counters[f.code] = counters.get(f.code, 0) + 1
                suffix = str(counters[f.code])
            placeholder = f"[{f.code}_{suffix}]"
            by_key[key] = placeholder
            mapping[placeholder] = f.text
        pieces.append(text[last:f.start])
        pieces.append(placeholder)
        last = f.end
    pieces.append(text[last:])
    return "".join(pieces), mapping


def reidentify(text: str, mapping: Mapping[str, str]) -> str:
    """Put the original values back in place of the placeholders of `pseudonymise`
    (on this machine, e.g. in the answer of a remote model)."""
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)
