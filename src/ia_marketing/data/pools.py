"""Name pools of the fake people: Faker's fr_FR lists, read once, with seeded popularity weights."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.text import slug
from .world import FloatArray, StrArray, rng

__all__ = ["Pools", "build_pools"]


@dataclass(frozen=True)
class Pools:
    """First and last names with popularity weights and their ASCII slugs."""

    female: StrArray
    male: StrArray
    last: StrArray
    female_slug: StrArray
    male_slug: StrArray
    last_slug: StrArray
    female_p: FloatArray
    male_p: FloatArray
    last_p: FloatArray


def _zipf(n: int, exponent: float = 0.9, offset: float = 8.0) -> FloatArray:
    w = 1.0 / (np.arange(n, dtype=np.float64) + offset) ** exponent
    return w / w.sum()


def build_pools(seed: int) -> Pools:
    """Name pools from Faker's fr_FR lists (never called per row); popularity weights are seeded."""
    from faker.providers.person.fr_FR import Provider

    draw = rng("pools", seed)
    female = np.array(sorted(set(Provider.first_names_female)), dtype=np.str_)
    male = np.array(sorted(set(Provider.first_names_male)), dtype=np.str_)
    # The fr_FR last names are listed from the most to the least frequent: keep that order.
    last = np.array(list(dict.fromkeys(Provider.last_names)), dtype=np.str_)
    female_p = _zipf(len(female))[np.argsort(draw.permutation(len(female)))]
    male_p = _zipf(len(male))[np.argsort(draw.permutation(len(male)))]
    last_p = _zipf(len(last), exponent=0.8, offset=20.0)

    def slugs(names: StrArray) -> StrArray:
        return np.array([slug(str(n)) for n in names], dtype=np.str_)

    return Pools(female, male, last, slugs(female), slugs(male), slugs(last),
                 female_p, male_p, last_p)
