"""RFM per customer at a reference date — récence, fréquence, montant — with every row accounted
for: rows that cannot count are set aside with their reason, kept + set aside = input.

Works unchanged on any transactions table: the course's ``billets`` (one row per seat), a public
retail export (one row per invoice line), a CRM extract. Column names are arguments.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.fr import count, integer
from .inputs import SegmentationError, amounts, check_columns, customer_codes, day_numbers, order_codes

__all__ = ["REASONS", "RFMResult", "rfm", "read_transactions"]

#: Why a row does not count, in the order the checks are made (a row gets the first that applies).
REASONS: tuple[str, ...] = (
    "client manquant",
    "date manquante ou illisible",
    "montant manquant ou illisible",
    "montant négatif ou nul (retour, annulation, article offert)",
    "numéro de commande manquant",
    "date le jour de référence ou après",
)
NO_CUSTOMER, NO_DATE, NO_AMOUNT, NOT_POSITIVE, NO_ORDER, TOO_LATE = range(1, 7)


@dataclass(repr=False)
class RFMResult:
    """What `rfm` gives back: ``n_kept + len(set_aside) == n_input``, always.

    ``table``      one row per customer (index: the customer), columns ``recence`` (days between the
                   last purchase and the reference date), ``frequence`` (distinct orders) and
                   ``montant`` (sum of the amounts);
    ``set_aside``  the rows that do not count, unchanged, with a ``raison`` column;
    ``at``         the reference date; ``n_input``, ``n_kept``: rows read and rows counted.
    """

    table: pd.DataFrame
    set_aside: pd.DataFrame
    n_input: int
    n_kept: int
    at: pd.Timestamp

    @property
    def reasons(self) -> pd.Series:
        """Rows set aside per reason (every reason listed, zeros included)."""
        found = self.set_aside["raison"].value_counts()
        return pd.Series({r: int(found.get(r, 0)) for r in REASONS}, name="lignes")

    @property
    def counts(self) -> dict[str, int]:
        """Rows read, counted and set aside, and customers in the table."""
        return {"lignes": self.n_input, "gardees": self.n_kept, "mises_de_cote": len(self.set_aside),
                "clients": len(self.table)}

    def summary(self) -> str:
        """A French summary: rows read, kept, set aside per reason, customers."""
        aside = len(self.set_aside)
        lines = [f"{count(self.n_input, 'ligne lue', 'lignes lues')} : "
                 f"{count(self.n_kept, 'comptée', 'comptées')}, {count(aside, 'mise de côté', 'mises de côté')}.",
                 *(f"  - {reason} : {integer(n)}" for reason, n in self.reasons.items() if n),
                 f"{count(len(self.table), 'client', 'clients')} au {self.at.strftime('%d/%m/%Y')} (date de référence)."]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()


def _distinct_per_customer(codes: np.ndarray, within: np.ndarray, m: int) -> np.ndarray:
    """How many distinct values of *within* (integers ≥ 0) each customer code has: sort the pairs,
    count where a new pair begins."""
    if within.max(initial=0) >= 2 ** 62 // max(m, 1):
        within, _ = pd.factorize(within)
    base = int(within.max(initial=0)) + 1
    key = codes * base + within
    if len(key) > 1:  # the lines of one order usually follow each other: drop those repeats first
        key = key[np.concatenate([[True], key[1:] != key[:-1]])]
    key.sort()
    starts = np.concatenate([[True], key[1:] != key[:-1]])
    return np.bincount(key[starts] // base, minlength=m)


def _timestamp(at: object) -> pd.Timestamp:
    try:
        value = pd.Timestamp(at)
    except (TypeError, ValueError):
        value = pd.NaT
    if pd.isna(value):
        raise SegmentationError(f"La date de référence at={at!r} n'est pas une date.",
                                conseil="Écrivez par exemple at=\"2026-07-01\" ou at=pd.Timestamp(\"2026-07-01\").")
    return value.tz_localize(None).normalize() if value.tzinfo else value.normalize()


def _order_columns(order: str | Sequence[str] | None) -> list[str]:
    if order is None:
        return []
    return [order] if isinstance(order, str) else list(order)


def rfm(transactions: pd.DataFrame, *, customer: str, date: str, amount: str,
        order: str | Sequence[str] | None = None, at: str | Date | pd.Timestamp | None = None,
        date_format: str | None = None) -> RFMResult:
    """RFM of each customer of *transactions* at the reference date *at*.

    - ``recence``: days from the customer's last purchase to *at* (a purchase the day before *at*
      gives 1). Default *at*: the day after the last dated purchase that counts.
    - ``frequence``: distinct orders. *order* names the column (or columns) identifying an order,
      such as an invoice number; without it, a customer's lines of the same day make one purchase
      (the course's ``billets`` has one line per seat: two seats bought together are one purchase).
    - ``montant``: sum of *amount* over the rows that count.

    Rows set aside, each with the first reason that applies (`REASONS`): no customer (missing or
    blank), missing or unreadable date, missing or unreadable amount, amount ≤ 0 (returns,
    cancellations, free items), missing order number (when *order* is given), date on or after *at*.

    A public retail export (e.g. « Online Retail ») shows the usual problems: cancelled invoices
    (number starting with « C ») carry negative quantities, so their amount is negative and they
    are set aside as « montant négatif ou nul », while the original sale stays counted; zero
    prices are set aside the same way; lines without a customer id are set aside; several lines of
    one invoice count once in ``frequence`` (pass ``order="Invoice"``) and add up in ``montant``.
    Compute the amount first (``df["montant"] = df["Quantity"] * df["Price"]``).

    Dates may be dates or text: ISO (« 2024-03-12 », with or without time) and « 12/03/2024 »
    forms are read; whether « 01/02/2024 » is day first (French) or month first (US export) is
    decided from the values, and refused with advice when nothing tells (pass *date_format*,
    e.g. ``"%m/%d/%Y %H:%M"``). Amounts may be text with a decimal comma. The input is not modified.
    """
    orders = _order_columns(order)
    df = check_columns(transactions, [customer, date, amount, *orders], "rfm")
    n = len(df)
    if n == 0:
        raise SegmentationError("Le tableau des transactions est vide : il n'y a rien à compter.",
                                conseil="Vérifiez le fichier lu ou le filtre appliqué avant rfm.")
    codes, customers = customer_codes(df[customer])
    day, dated = day_numbers(df[date], date, date_format)
    value = amounts(df[amount], amount)

    reason = np.zeros(n, dtype=np.int8)
    reason[np.isnan(value)] = NO_AMOUNT
    reason[~dated] = NO_DATE
    reason[codes < 0] = NO_CUSTOMER
    reason[(reason == 0) & (value <= 0)] = NOT_POSITIVE
    order_code = None
    if orders:
        order_code = order_codes(df, orders)
        reason[(reason == 0) & (order_code < 0)] = NO_ORDER
    if at is None:
        ok = reason == 0
        if not ok.any():
            found = np.bincount(reason, minlength=len(REASONS) + 1)
            detail = " ; ".join(f"{REASONS[i - 1]} : {integer(found[i])}" for i in range(1, len(found)) if found[i])
            raise SegmentationError(f"Aucune ligne ne peut compter ({detail}).",
                                    conseil="Vérifiez les colonnes indiquées (customer, date, amount) et leur contenu.")
        at_day = int(day[ok].max()) + 1
    else:
        at_day = int(_timestamp(at).to_datetime64().astype("datetime64[D]").astype(np.int64))
    reason[(reason == 0) & (day >= at_day)] = TOO_LATE
    kept = reason == 0
    n_kept = int(np.count_nonzero(kept))

    rows_aside = np.flatnonzero(~kept)
    set_aside = df.iloc[rows_aside].copy()
    set_aside["raison"] = np.array(("",) + REASONS, dtype=object)[reason[rows_aside]]
    at_stamp = pd.Timestamp(np.datetime64(at_day, "D"))
    if n_kept == 0:
        empty = pd.DataFrame({"recence": pd.Series(dtype=np.int64), "frequence": pd.Series(dtype=np.int64),
                              "montant": pd.Series(dtype=np.float64)})
        empty.index.name = customer
        return RFMResult(empty, set_aside, n, 0, at_stamp)

    if n_kept < n:
        codes, day, value = codes[kept], day[kept], value[kept]
        order_code = order_code[kept] if order_code is not None else None
    present = np.bincount(codes, minlength=len(customers)) > 0
    m = int(np.count_nonzero(present))
    if m < len(customers):
        codes = (np.cumsum(present) - 1)[codes]
    last = np.full(m, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, day)
    total = np.bincount(codes, weights=value, minlength=m)
    frequency = _distinct_per_customer(codes, day - day.min() if order_code is None else order_code, m)

    index = pd.Index(customers[present], name=customer)
    table = pd.DataFrame({"recence": at_day - last, "frequence": frequency.astype(np.int64), "montant": total},
                         index=index)
    try:
        table = table.sort_index()
    except TypeError:  # customers of mixed types (numbers and text) cannot be sorted: keep their order
        pass
    assert n_kept + len(set_aside) == n
    return RFMResult(table, set_aside, n, n_kept, at_stamp)


#: Arrow infers each column's type on the first block of this many bytes, then reads the next
#: blocks in parallel; a later value that does not fit (a date « 31/12 » after ISO dates) makes
#: Arrow refuse the file, and pandas reads it instead.
ARROW_BLOCK_BYTES = 8 << 20


def _read_with_arrow(file: Path, columns: list[str], *, text: list[str], sep: str,
                     encoding: str) -> pd.DataFrame | None:
    """*columns* of *file* read by pyarrow.csv (customer and order ids as categories, ISO dates as
    dates, numbers as numbers), or None when Arrow refuses the file: the caller then reads it
    with pandas, which reports problems row by row."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    as_text = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pacsv.read_csv(
            file, read_options=pacsv.ReadOptions(encoding=encoding, block_size=ARROW_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=sep),
            convert_options=pacsv.ConvertOptions(include_columns=columns, column_types={c: as_text for c in text},
                                                 strings_can_be_null=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    return table.to_pandas(date_as_object=False, self_destruct=True)


def read_transactions(path: str | os.PathLike[str], *, customer: str, date: str, amount: str,
                      order: str | Sequence[str] | None = None, sep: str = ",",
                      encoding: str = "utf-8") -> pd.DataFrame:
    """Read only the columns RFM needs from a large CSV file, fast: the customer as a category,
    the date as a date when it is written « AAAA-MM-JJ » (as text otherwise: `rfm` reads it),
    the amount as a number when it can be (as text otherwise).

    Uses Apache Arrow's multithreaded CSV reader on the needed columns only (eleven million lines
    in about two seconds on two cores), and pandas' C reader when Arrow cannot read the file as
    typed columns (a date column with one unreadable value, for instance): same result, slower.
    """
    file = Path(path)
    if not file.is_file():
        raise SegmentationError(f"Le fichier « {file} » est introuvable.",
                                conseil="Vérifiez le chemin ; pour les données du cours, utilisez dataset_path(\"billets\").")
    columns = [customer, date, amount, *_order_columns(order)]
    try:
        with file.open(encoding=encoding, newline="") as handle:
            header = next(csv.reader([handle.readline().lstrip("\ufeff")], delimiter=sep), [])
    except UnicodeDecodeError:
        raise SegmentationError(f"Le fichier « {file.name} » ne se lit pas avec l'encodage « {encoding} ».",
                                conseil="Essayez encoding=\"cp1252\" (Excel, logiciels Windows).") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise SegmentationError(
            f"Colonne{'s' if len(missing) > 1 else ''} absente{'s' if len(missing) > 1 else ''} du fichier "
            f"« {file.name} » : {', '.join(f'« {c} »' for c in missing)}.",
            conseil=f"Colonnes du fichier : {', '.join(f'« {c} »' for c in header[:20])}. "
                    f"Vérifiez aussi le séparateur (sep=\"{sep}\").")
    frame = _read_with_arrow(file, columns, text=[customer, *_order_columns(order)], sep=sep, encoding=encoding)
    if frame is None:
        ids = [customer, *_order_columns(order)]  # read as text: « 007 » is not the number 7
        frame = pd.read_csv(file, sep=sep, encoding=encoding, usecols=columns, dtype={c: str for c in ids},
                            low_memory=False)
        frame[ids] = frame[ids].astype("category")
    if not pd.api.types.is_datetime64_any_dtype(frame[date]):
        try:  # « AAAA-MM-JJ » is read at C speed with an explicit format; any other form stays text
            frame[date] = pd.to_datetime(frame[date], format="%Y-%m-%d")
        except (ValueError, TypeError):
            pass
    return frame[columns]
