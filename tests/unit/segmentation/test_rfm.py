"""RFM per customer (`ia_marketing.segmentation.rfm`): known values on hand-built tables, every row
accounted for, a public retail export's usual problems, dates read as text, the fast CSV reader."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing.segmentation import REASONS, SegmentationError, read_transactions, rfm

# the module itself: the package exports a function of the same name
rfm_module = importlib.import_module("ia_marketing.segmentation.rfm")

KEYS = dict(customer="client", date="jour", amount="euros")


def small() -> pd.DataFrame:
    return pd.DataFrame({
        "client": ["A", "A", "A", "B", "C", "C", None, "D"],
        "jour": pd.to_datetime(["2024-01-10", "2024-01-10", "2024-03-01", "2024-02-15", "2024-02-20",
                                "2024-02-01", "2024-02-02", "2024-04-01"]),
        "euros": [10.0, 5.0, 20.0, 30.0, -10.0, 15.0, 12.0, 8.0],
    })


def test_known_values_on_a_hand_built_table():
    result = rfm(small(), **KEYS, at="2024-04-01")
    table = result.table
    assert list(table.index) == ["A", "B", "C"]
    assert table.index.name == "client"
    assert table.loc["A"].tolist() == [31, 2, 35.0]     # two lines the same day are one purchase
    assert table.loc["B"].tolist() == [46, 1, 30.0]     # 2024 is a leap year
    assert table.loc["C"].tolist() == [60, 1, 15.0]     # the return is not counted
    assert table.dtypes.tolist() == [np.int64, np.int64, np.float64]
    assert result.at == pd.Timestamp("2024-04-01")


def test_kept_plus_set_aside_is_the_input_with_reasons():
    raw = small()
    result = rfm(raw, **KEYS, at="2024-04-01")
    assert result.n_kept + len(result.set_aside) == result.n_input == len(raw)
    assert result.set_aside["raison"].to_dict() == {
        4: "montant négatif ou nul (retour, annulation, article offert)",
        6: "client manquant",
        7: "date le jour de référence ou après",
    }
    assert result.set_aside.drop(columns="raison").equals(raw.loc[[4, 6, 7]])
    assert result.reasons.sum() == 3 and list(result.reasons.index) == list(REASONS)
    assert result.counts == {"lignes": 8, "gardees": 5, "mises_de_cote": 3, "clients": 3}
    assert "8 lignes lues : 5 comptées, 3 mises de côté." in result.summary()
    assert "client manquant : 1" in repr(result)


def test_the_input_is_not_modified():
    raw = small()
    before = raw.copy()
    rfm(raw, **KEYS)
    pd.testing.assert_frame_equal(raw, before)


def test_default_reference_date_is_the_day_after_the_last_purchase():
    result = rfm(small(), **KEYS)
    assert result.at == pd.Timestamp("2024-04-02")
    assert result.table.loc["D", "recence"] == 1
    assert len(result.set_aside) == 2


def test_blank_customer_and_unreadable_values_are_set_aside():
    raw = pd.DataFrame({"client": ["A", "  ", "B", "C", "D"],
                        "jour": ["2024-01-01", "2024-01-02", "pas une date", "2024-01-04", None],
                        "euros": ["12,50", "3", "4", "gratuit", "5"]})
    result = rfm(raw, **KEYS, at="2024-02-01")
    assert result.table.loc["A", "montant"] == 12.5                # decimal comma read
    assert result.set_aside["raison"].tolist() == [
        "client manquant", "date manquante ou illisible", "montant manquant ou illisible",
        "date manquante ou illisible"]


def test_an_order_column_counts_orders_not_lines():
    raw = pd.DataFrame({"client": ["A"] * 4, "commande": ["F1", "F1", "F2", "F3"],
                        "jour": pd.to_datetime(["2024-01-01"] * 3 + ["2024-01-05"]), "euros": [1.0, 2, 3, 4]})
    assert rfm(raw, **KEYS, order="commande").table.loc["A", "frequence"] == 3
    assert rfm(raw, **KEYS).table.loc["A", "frequence"] == 2
    assert rfm(raw, **KEYS, order=["commande", "jour"]).table.loc["A", "frequence"] == 3
    raw.loc[3, "commande"] = None
    result = rfm(raw, **KEYS, order="commande")
    assert result.set_aside["raison"].tolist() == ["numéro de commande manquant"]


# -- a public retail export (Online Retail style) -------------------------------------------------
def retail() -> pd.DataFrame:
    return pd.DataFrame({
        "Invoice": ["536365", "536365", "536366", "C536379", "536380", "536381", "536382"],
        "StockCode": ["85123A", "71053", "22633", "D", "22961", "22139", "21730"],
        "Quantity": [6, 6, 6, -1, 24, 10, 6],
        "InvoiceDate": ["12/1/2010 8:26", "12/1/2010 8:26", "12/1/2010 8:28", "12/1/2010 9:41",
                        "12/13/2010 9:41", "12/13/2010 10:00", "12/14/2010 10:00"],
        "Price": [2.55, 3.39, 1.85, 27.50, 1.45, 0.0, 4.25],
        "Customer ID": [17850.0, 17850.0, 17850.0, 14527.0, 14527.0, 14527.0, np.nan],
    })


def test_a_retail_export_with_cancellations_zero_prices_and_missing_customers():
    raw = retail()
    raw["montant"] = raw["Quantity"] * raw["Price"]
    result = rfm(raw, customer="Customer ID", date="InvoiceDate", amount="montant", order="Invoice")
    assert result.at == pd.Timestamp("2010-12-14")       # month first: « 12/13/2010 » says so
    assert result.table.loc[17850.0].tolist() == pytest.approx([13, 2, 46.74])
    assert result.table.loc[14527.0].tolist() == pytest.approx([1, 1, 34.8])
    reasons = result.set_aside.set_index("Invoice")["raison"].to_dict()
    assert reasons == {"C536379": "montant négatif ou nul (retour, annulation, article offert)",
                       "536381": "montant négatif ou nul (retour, annulation, article offert)",
                       "536382": "client manquant"}
    assert result.n_kept + len(result.set_aside) == len(raw)
    # without the invoice number, the two invoices of the same day make one purchase
    assert rfm(raw, customer="Customer ID", date="InvoiceDate", amount="montant").table.loc[17850.0, "frequence"] == 1


def test_ambiguous_text_dates_are_refused_with_what_to_do():
    raw = pd.DataFrame({"client": ["A", "B"], "jour": ["01/02/2024", "03/04/2024"], "euros": [1.0, 2.0]})
    with pytest.raises(SegmentationError, match="ambiguës") as error:
        rfm(raw, **KEYS)
    assert "date_format" in str(error.value) and "jour/mois" in str(error.value)
    french = rfm(raw, **KEYS, date_format="%d/%m/%Y")
    assert french.at == pd.Timestamp("2024-04-04")
    assert rfm(raw, **KEYS, date_format="%m/%d/%Y").at == pd.Timestamp("2024-03-05")


def test_french_and_mixed_text_dates():
    french = pd.DataFrame({"client": ["A", "A"], "jour": ["25/12/2023", "02/01/2024"], "euros": [1.0, 2.0]})
    assert rfm(french, **KEYS).at == pd.Timestamp("2024-01-03")      # « 25 » can only be a day
    mixed = pd.DataFrame({"client": ["A", "B"], "jour": ["25/12/2023", "12/25/2023"], "euros": [1.0, 2.0]})
    with pytest.raises(SegmentationError, match="mélangent"):
        rfm(mixed, **KEYS)


def test_a_column_without_any_date_is_refused():
    raw = pd.DataFrame({"client": ["A"], "jour": ["hier"], "euros": [1.0]})
    with pytest.raises(SegmentationError, match="ne se lit comme une date") as error:
        rfm(raw, **KEYS)
    assert "pd.to_datetime" in str(error.value)
    with pytest.raises(SegmentationError, match="contient des nombres, pas des dates"):
        rfm(pd.DataFrame({"client": ["A"], "jour": [3], "euros": [1.0]}), **KEYS)


@pytest.mark.parametrize("call, message", [
    (lambda: rfm("billets.csv", **KEYS), "attend un tableau pandas"),
    (lambda: rfm(small(), customer="id_client", date="jour", amount="euros"), "Colonne introuvable"),
    (lambda: rfm(small().iloc[:0], **KEYS), "vide"),
    (lambda: rfm(small(), **KEYS, at="demain"), "n'est pas une date"),
    (lambda: rfm(small().assign(euros=-1.0), **KEYS), "Aucune ligne ne peut compter"),
])
def test_bad_input_gets_a_french_message(call, message):
    with pytest.raises(SegmentationError, match=message) as error:
        call()
    assert "→" in str(error.value)      # and what to do


def test_categorical_customers_work_like_text():
    raw = small()
    as_category = raw.assign(client=raw["client"].astype("category"))
    pd.testing.assert_frame_equal(rfm(as_category, **KEYS).table, rfm(raw, **KEYS).table, check_index_type=False)


# -- properties -----------------------------------------------------------------------------------
rows = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 40),
                          st.sampled_from([-5.0, 0.0, 1.5, 2.0, 10.0, 99.99])), min_size=1, max_size=40)


def frame(data) -> pd.DataFrame:
    return pd.DataFrame({"client": [c for c, _, _ in data],
                         "jour": pd.Timestamp("2024-01-01") + pd.to_timedelta([d for _, d, _ in data], unit="D"),
                         "euros": [a for _, _, a in data]})


@settings(max_examples=60, deadline=None)
@given(rows, st.randoms(use_true_random=False))
def test_rfm_does_not_depend_on_row_order(data, random):
    raw = frame(data)
    if not (raw["euros"] > 0).any():
        return
    shuffled = raw.sample(frac=1.0, random_state=random.randint(0, 10_000))
    a, b = rfm(raw, **KEYS, at="2024-03-01"), rfm(shuffled, **KEYS, at="2024-03-01")
    pd.testing.assert_frame_equal(a.table, b.table)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_montant_is_the_sum_of_positive_amounts_and_nothing_is_lost(data):
    raw = frame(data)
    if not (raw["euros"] > 0).any():
        return
    result = rfm(raw, **KEYS, at="2024-03-01")
    positive = raw[raw["euros"] > 0]
    expected = positive.groupby("client")["euros"].sum()
    pd.testing.assert_series_equal(result.table["montant"], expected, check_names=False)
    days = positive.groupby("client")["jour"].nunique()
    assert (result.table["frequence"] == days).all()
    assert (result.table["recence"] == (pd.Timestamp("2024-03-01") - positive.groupby("client")["jour"].max()).dt.days).all()
    assert result.n_kept + len(result.set_aside) == len(raw)


# -- reading a large CSV ----------------------------------------------------------------------------
def test_read_transactions_reads_only_the_needed_columns(tmp_path):
    path = tmp_path / "billets.csv"
    small().assign(autre="x").to_csv(path, index=False)
    tickets = read_transactions(path, **KEYS)
    assert list(tickets.columns) == ["client", "jour", "euros"]
    assert isinstance(tickets["client"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(tickets["jour"])
    pd.testing.assert_frame_equal(rfm(tickets, **KEYS).table, rfm(small(), **KEYS).table, check_index_type=False)
    assert rfm(tickets, **KEYS).set_aside["raison"].tolist() == [
        "montant négatif ou nul (retour, annulation, article offert)", "client manquant"]


def test_read_transactions_keeps_other_date_forms_as_text_and_missing_values_missing(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("client,jour,euros\nA,12/03/2024,10\n,13/03/2024,5\nB,,7\nA,14/03/2024 18:30,2\n",
                    encoding="utf-8")
    tickets = read_transactions(path, **KEYS)
    assert pd.api.types.is_string_dtype(tickets["jour"])       # French day-first dates are left to rfm
    assert tickets["client"].isna().tolist() == [False, True, False, False]
    assert tickets["jour"].isna().tolist() == [False, False, True, False]
    result = rfm(tickets, **KEYS, at="2024-04-01")
    assert result.table.loc["A"].tolist() == [18, 2, 12.0]     # 14 March to 1 April, two days, 10 + 2
    assert result.set_aside["raison"].tolist() == ["client manquant", "date manquante ou illisible"]


def test_read_transactions_says_what_is_wrong(tmp_path):
    with pytest.raises(SegmentationError, match="introuvable"):
        read_transactions(tmp_path / "absent.csv", **KEYS)
    path = tmp_path / "billets.csv"
    small().to_csv(path, index=False, sep=";")
    with pytest.raises(SegmentationError, match="absentes du fichier") as error:
        read_transactions(path, **KEYS)
    assert "séparateur" in str(error.value)
    assert len(read_transactions(path, **KEYS, sep=";")) == len(small())


@pytest.mark.parametrize("content, encoding", [
    ("client,jour,euros\n007,2024-03-12,10.5\n,2024-03-13,5\n008,,7\n007,2024-03-14,-2\n", "utf-8"),
    ("client,jour,euros\nÉlodie,2024-03-12,\"12,50\"\nÉlodie,2024-03-14,3\n", "cp1252"),
])
def test_read_transactions_reads_the_same_with_arrow_and_with_pandas(tmp_path, monkeypatch, content, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(content.encode(encoding))
    fast = read_transactions(path, **KEYS, encoding=encoding)
    monkeypatch.setattr(rfm_module, "_read_with_arrow", lambda *args, **kwargs: None)
    slow = read_transactions(path, **KEYS, encoding=encoding)
    assert fast["client"].astype(object).tolist() == slow["client"].astype(object).tolist()  # « 007 » stays text
    pd.testing.assert_frame_equal(rfm(fast, **KEYS, at="2024-04-01").table, rfm(slow, **KEYS, at="2024-04-01").table)


def test_read_transactions_reads_a_later_block_that_does_not_fit_the_first(tmp_path, monkeypatch):
    monkeypatch.setattr(rfm_module, "ARROW_BLOCK_BYTES", 1024)  # many blocks; the last one has a French date
    lines = [f"C{i:04d},2024-03-{1 + i % 28:02d},{i % 7 + 1}" for i in range(400)] + ["C9999,31/12/2024,4"]
    path = tmp_path / "billets.csv"
    path.write_text("client,jour,euros\n" + "\n".join(lines) + "\n", encoding="utf-8")
    tickets = read_transactions(path, **KEYS)
    assert len(tickets) == 401 and tickets["jour"].iloc[-1] == "31/12/2024"
    result = rfm(tickets, **KEYS, at="2025-01-01")
    assert result.n_kept == 401 and result.table.loc["C9999", "recence"] == 1
    assert result.table.loc["C0000", "recence"] == (pd.Timestamp("2025-01-01") - pd.Timestamp("2024-03-01")).days
