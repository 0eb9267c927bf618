"""Hypothesis strategies of fake French personal data, shared by the privacy tests."""

from __future__ import annotations

from hypothesis import strategies as st

_SEPARATORS = ["", " ", ".", "-", "\u00a0", "\u202f"]


@st.composite
def french_phones(draw) -> str:
    first = draw(st.integers(1, 9))
    pairs = [f"{draw(st.integers(0, 99)):02d}" for _ in range(4)]
    sep = draw(st.sampled_from(_SEPARATORS))
    national = f"0{first}" + "".join(sep + p for p in pairs)
    prefix = draw(st.sampled_from(["+33", "+33 ", "0033", "0033 ", "+33 (0)", "+33 (0) ", "+33(0)", "+33 0"]))
    international = prefix + str(first) + "".join(sep + p for p in pairs)
    return draw(st.sampled_from([national, international]))


#: A letter holding every kind of personal data the guard detects, some twice.
LETTER = (
    "Bonjour,\n"
    "Merci de relancer Julien Bailly (bailly.julien@courriel.example, 04 65 71 26 72),\n"
    "domicilié 12 rue des Lilas, 06290 Port-Rivage. Remboursement sur FR76 3000 6000 0112 3456 7890 189.\n"
    "Son adresse en capitales : BAILLY.JULIEN@COURRIEL.EXAMPLE ; portable +33 4 65 71 26 72.\n"
    "Et Christine Le Roux (christine.leroux@mail.example) ? BAILLY Julien a déjà payé.\n"
)
