"""Duplicate finding (`ia_marketing.cleaning.duplicates`): name keys and linking rules."""

from __future__ import annotations

import pandas as pd

from ia_marketing import cleaning as K

S = pd.Series


def test_name_key_ignores_order_case_accents_and_hyphens():
    keys = K.name_key(S(["DUPONT Jean-Pierre", "Dupont", "Jean Pierre", "DUPONT", None], dtype="str"),
                      S([None, "Jean Pierre", "Dupont", "Jean-Pierre", None], dtype="str"))
    assert keys.tolist()[:4] == ["dupont jean pierre"] * 4
    assert keys.iloc[4] is None


def test_duplicate_rules_trade_precision_for_recall():
    clean = pd.DataFrame({"cle_nom": ["dupont jean", "dupont jean", "dupont jean"],
                          "email": [None, None, None], "telephone": ["+33600000000"] * 3,
                          "date_naissance": [pd.Timestamp("1980-01-01"), pd.Timestamp("1990-01-01"), None],
                          "code_postal": ["06290", "75011", "06290"]})
    rows = pd.DataFrame({"numero_client": ["1", "2", "3"]})
    strict = K.find_duplicates(rows, clean)
    assert strict["premiere_ligne"].tolist() == [0, 1, 0]  # phone + postcode links 3 to 1 only
    loose = K.find_duplicates(rows, clean, rules=(("telephone",),))
    assert loose["premiere_ligne"].tolist() == [0, 0, 0]
