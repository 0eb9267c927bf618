"""Shared fixtures of the segmentation tests: the course data and its RFM at the extraction date."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import pytest

from ia_marketing import load
from ia_marketing.data import EXTRACTION_DATE
from ia_marketing.segmentation import RFMResult, rfm

KEYS = dict(customer="id_client", date="date_achat", amount="prix")


class CourseData(NamedTuple):
    billets: pd.DataFrame
    spectateurs: pd.DataFrame
    spectacles: pd.DataFrame
    result: RFMResult

    @property
    def table(self) -> pd.DataFrame:
        return self.result.table


@pytest.fixture(scope="session")
def course() -> CourseData:
    """The course tables, loaded once, and their RFM at the extraction date."""
    billets = load("billets")
    return CourseData(billets, load("spectateurs"), load("spectacles"), rfm(billets, **KEYS, at=str(EXTRACTION_DATE)))
