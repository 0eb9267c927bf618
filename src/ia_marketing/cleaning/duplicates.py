"""Find the rows that describe the same person: the same record twice, or the same names (any
order, with or without hyphens and accents) with the same e-mail, phone or birth date."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..core.text import normalise_text
from .columns import on_uniques
from .normalise import repair_encoding


def _name_words(value: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", normalise_text(repair_encoding(value))))


def name_key(nom: pd.Series, prenom: pd.Series) -> pd.Series:
    """The names of a row as a key that ignores their order, capitals, accents and hyphens:
    « DUPONT Jean-Pierre » and « Jean Pierre », « Dupont » both give « dupont jean pierre »."""
    words_nom = on_uniques(nom, _name_words).to_numpy()
    words_prenom = on_uniques(prenom, _name_words).to_numpy()
    keys = [" ".join(sorted((a or ()) + (b or ()))) or None for a, b in zip(words_nom, words_prenom)]
    return pd.Series(keys, index=nom.index, dtype=object)


def _components(n: int, pairs: list[np.ndarray]) -> np.ndarray:
    """For each row, the first row (smallest position) of the group it is linked to by *pairs*."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    edges = np.concatenate(pairs) if pairs else np.empty((0, 2), dtype=np.int64)
    graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return pd.Series(np.arange(n)).groupby(labels).transform("min").to_numpy()


#: Two rows with the same names are the same person when they also share one of these
#: groups of values. A phone or a birth date alone is not enough in a large file: namesakes
#: share them by chance (there are only about 27 000 possible birth dates). Measured on the
#: 1 M-row export: precision 99,9 %, recall 98,8 % (with any single value: 99,0 % and 99,8 %,
#: that is 788 rows of other people set aside as duplicates).
DUPLICATE_RULES: tuple[tuple[str, ...], ...] = (("email",), ("telephone", "date_naissance"),
                                                 ("telephone", "code_postal"))


def find_duplicates(raw: pd.DataFrame, clean: pd.DataFrame,
                    rules: Sequence[tuple[str, ...]] = DUPLICATE_RULES) -> pd.DataFrame:
    """For each row, the position of the first row describing the same person (itself if none)
    and the kind of link: « exact » (the same record twice) or « approché » (the same names in
    any form, and the same values for one of the *rules*: by default the same e-mail, or the
    same phone and either the same birth date or the same postcode).

    *raw* is the export as read; *clean* has the normalised ``email``, ``telephone``,
    ``date_naissance`` and the ``cle_nom`` from `name_key`. Both share their index.
    """
    n = len(raw)
    positions = np.arange(n)
    # An exact copy repeats the customer number: only rows sharing one are compared in full
    # (identical rows have identical 64-bit hashes).
    first_of_group = positions.copy()
    shared = raw.iloc[:, 0].duplicated(keep=False).to_numpy()
    if shared.any():
        row_hash = pd.util.hash_pandas_object(raw[shared], index=False).to_numpy()
        first_of_group[shared] = pd.Series(positions[shared]).groupby(row_hash).transform("min").to_numpy()
    pairs = [np.column_stack([positions, first_of_group])[first_of_group != positions]]
    codes = {c: pd.factorize(clean[c], use_na_sentinel=True)[0].astype(np.int64)
             for c in {"cle_nom", *(c for rule in rules for c in rule)}}
    for rule in rules:
        combined = codes["cle_nom"].copy()
        known = combined >= 0
        for column in rule:
            value_codes = codes[column]
            known &= value_codes >= 0
            combined = combined * (int(value_codes.max()) + 2) + value_codes
        if not known.any():
            continue
        combined = combined[known]
        pos = positions[known]
        first = pd.Series(pos).groupby(combined).transform("min").to_numpy()
        linked = pos != first
        pairs.append(np.column_stack([pos[linked], first[linked]]))
    root = _components(n, [p for p in pairs if len(p)])
    kind = np.where(root == positions, "", np.where(first_of_group == positions, "approché", "exact"))
    # a row linked only through an exact copy of an approximate duplicate is still approximate
    kind = np.where((kind == "exact") & (root != first_of_group), "approché", kind)
    return pd.DataFrame({"premiere_ligne": root, "doublon": kind}, index=raw.index)
