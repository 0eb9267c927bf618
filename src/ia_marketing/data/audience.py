"""The audience: customers of the ticketing system and every ticket they bought.

Everything per row is vectorised (numpy arrays, one random draw per array), so that
``scale=333`` (about one million customers and eleven million tickets) fits in memory and
runs in seconds. Text columns are made by indexing tables of Python strings (a hundred show
identifiers, a few thousand dates…) rather than one string per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..core.fr import integer
from .helpers import ObjectArray, age_years, cents_text, date_parts, days, id_width, ids, iso, text_table, weighted
from .pools import Pools
from .shows import Shows
from .world import (
    ACQUISITION_CHANNELS,
    BASE_CUSTOMERS,
    DISCIPLINES,
    EXTRACTION_DAY,
    JP,
    SALES_CHANNELS,
    SEASON_START_YEARS,
    SEASONS,
    T_ABONNE,
    T_MOINS26,
    T_PLEIN,
    T_REDUIT,
    T_SOLIDAIRE,
    TARIF_NAMES,
    TARIFS,
    BoolArray,
    FloatArray,
    IntArray,
    Progress,
    communes,
    email_domains,
    phone_prefixes,
    price_cents,
    rng,
)
from .writing import FrameMaker

__all__ = ["Audience", "build_audience", "customer_frame", "ticket_maker"]

SUB, REG, OCC, ONCE = range(4)  # latent behaviour: subscriber, regular, occasional, one-time buyer
#: Probability of each behaviour by age band (< 30, 30-49, 50+).
TYPE_BY_AGE = np.array([
    [0.06, 0.18, 0.42, 0.34],
    [0.12, 0.24, 0.36, 0.28],
    [0.22, 0.28, 0.30, 0.20],
])
FIRST_SEASON_P = np.array([0.50, 0.18, 0.17, 0.15])
#: Probability of coming back the next season, and of buying in a season between the first and last.
CONTINUE_P = np.array([0.90, 0.80, 0.60, 0.0])
MIDDLE_ACTIVE_P = np.array([1.0, 0.92, 0.70, 0.0])
#: Favourite discipline by age band (théâtre, danse, musique, cirque, jeune public, humour).
FAVOURITE_BY_AGE = np.array([
    [0.22, 0.14, 0.24, 0.10, 0.02, 0.28],
    [0.25, 0.12, 0.20, 0.08, 0.25, 0.10],
    [0.42, 0.14, 0.28, 0.05, 0.04, 0.07],
])
BASE_AFFINITY = np.array([1.0, 1.0, 1.0, 1.0, 0.3, 1.0])
#: Demand multiplier per season (2022-2023 audiences were still coming back after the pandemic).
SEASON_DEMAND = np.array([0.88, 1.0, 1.0, 1.0])
CHANNEL_BY_AGE = np.array([[0.15, 0.75, 0.10], [0.30, 0.55, 0.15], [0.45, 0.30, 0.25]])
ACQUISITION_BY_AGE = np.array([
    [0.10, 0.30, 0.40, 0.15, 0.05],
    [0.22, 0.38, 0.15, 0.17, 0.08],
    [0.38, 0.25, 0.04, 0.23, 0.10],
])
LEAD_DAYS = np.array([25.0, 35.0, 20.0, 14.0])  # mean days between purchase and performance
TICKETS_P = np.array([0.36, 0.49, 0.07, 0.08])      # 1, 2, 3, 4 tickets per order
TICKETS_P_FAMILY = np.array([0.08, 0.30, 0.36, 0.26])
TICKETS_P_SUBSCRIBER = np.array([0.42, 0.58, 0.0, 0.0])  # a subscription is for one or two people
TICKETS_PER_ORDER = np.array([
    float(np.dot(TICKETS_P_FAMILY if d == JP else TICKETS_P, np.arange(1, 5))) for d in range(6)])
#: E-mail address patterns: prenom.nom, prenomnom, p.nom, nom.prenom, prenom.nom + birth year, prenom_nom.
EMAIL_PATTERN_P = (0.42, 0.10, 0.15, 0.10, 0.13, 0.10)


@dataclass(frozen=True)
class Audience:
    """Customers (final id order) and tickets (chronological order), as arrays."""

    n: int
    female: BoolArray
    first_idx: IntArray
    last_idx: IntArray
    commune: IntArray
    birth: IntArray
    first_purchase: IntArray
    acquisition: IntArray
    optin: BoolArray
    subscribed: BoolArray          # (n, seasons)
    active: BoolArray              # (n, seasons)
    family_buyer: BoolArray        # has bought a « jeune public » show
    email_pattern: IntArray
    email_domain: IntArray
    phone_range: IntArray
    phone_suffix: IntArray
    # tickets
    t_customer: NDArray[np.int32]
    t_show: NDArray[np.int16]
    t_date: NDArray[np.int32]
    t_perf: NDArray[np.int32]
    t_tarif: NDArray[np.int8]
    t_cents: NDArray[np.int32]
    t_channel: NDArray[np.int8]


def _band(age: FloatArray) -> IntArray:
    return np.digitize(age, [30.0, 50.0]).astype(np.int64)


def _draw_rows(draw: np.random.Generator, table: FloatArray, rows: IntArray) -> IntArray:
    """One category per element, each with its own probability row ``table[rows]``."""
    cum = np.cumsum(table, axis=1)
    cum[:, -1] = 1.0
    u = draw.random(len(rows))
    category = np.zeros(len(rows), dtype=np.int64)
    for bound in cum.T:  # how many cumulated probabilities u reaches
        category += u >= bound[rows]
    return category


def _starts(keys: IntArray) -> IntArray:
    """Where each run of equal *keys* begins (*keys* sorted, not empty)."""
    return np.concatenate([[0], np.flatnonzero(np.diff(keys)) + 1])


def _group_cumsum(keys: IntArray, values: IntArray) -> IntArray:
    """Running sum of *values* restarting at each new key (*keys* sorted)."""
    total = np.cumsum(values)
    if len(keys) == 0:
        return total
    starts = _starts(keys)
    lengths = np.diff(np.concatenate([starts, [len(keys)]]))
    before = (total - values)[starts]
    return total - np.repeat(before, lengths)


def _first_of_each(keys: IntArray, dates: IntArray) -> IntArray:
    """For each run of equal *keys* (sorted), the position of its earliest date (the first such
    position on a tie)."""
    starts = _starts(keys)
    lengths = np.diff(np.concatenate([starts, [len(keys)]]))
    earliest = np.flatnonzero(dates == np.repeat(np.minimum.reduceat(dates, starts), lengths))
    runs = keys[earliest]
    return earliest[np.concatenate([[True], runs[1:] != runs[:-1]])]


def _sort_by(*keys: IntArray) -> IntArray:
    """Positions that sort by *keys* (the first one first; ties keep their order), as
    ``np.lexsort`` would with the positions as the last key, by radix sorts of narrow keys."""
    order = np.arange(len(keys[0]))
    for key in reversed(keys):
        values = key[order]
        if len(values):
            values = values - values.min()
            if values.max() < 2 ** 16:
                values = values.astype(np.uint16)
        order = order[np.argsort(values, kind="stable")]
    return order


def _discipline_weights(shows: Shows, order_season: IntArray, affinity: NDArray[np.float32],
                        order_customer: IntArray) -> FloatArray:
    """Weight of each discipline per season, so that individual tastes give the programme's mix.

    Few people favour « jeune public »: with the programme's weights, that discipline would get
    fewer orders than its seats. Each season's weights are rescaled so that, summed over that
    season's orders, each discipline gets its share of the seats (family orders hold more tickets).
    """
    season_discipline = np.zeros((len(SEASONS), len(DISCIPLINES)))
    np.add.at(season_discipline, (shows.season, shows.discipline), shows.appeal * shows.capacity)
    for s in range(len(SEASONS)):
        orders_per_customer = np.bincount(order_customer[order_season == s], minlength=len(affinity))
        buyers = np.flatnonzero(orders_per_customer)
        count = orders_per_customer[buyers].astype(np.float64)
        target = season_discipline[s] / TICKETS_PER_ORDER
        target /= target.sum()
        adjusted = target.copy()
        orders = count.sum()
        # achieved = (count * mix / mix.sum(axis=1)).sum(axis=0) with mix = taste * adjusted, one
        # row per discipline: sums are taken in the same order (left to right along a buyer's
        # disciplines, buyer after buyer down a discipline), so the weights are the same bits
        taste = np.ascontiguousarray(affinity[buyers].T, dtype=np.float64)
        share = np.empty_like(taste)
        total = np.empty(len(buyers))
        for _ in range(30):
            np.multiply(taste, adjusted[:, None], out=share)
            np.add(share[0], share[1], out=total)
            for row in share[2:]:
                total += row
            np.multiply(count, share, out=share)
            np.divide(share, total, out=share)
            achieved = np.cumsum(share, axis=1, out=share)[:, -1]
            adjusted *= target / np.maximum(achieved / orders, 1e-12)
            adjusted /= adjusted.sum()
        season_discipline[s] = adjusted
    return season_discipline


def _choose_shows(draw: np.random.Generator, shows: Shows, order_season: IntArray,
                  affinity: NDArray[np.float32], order_customer: IntArray) -> IntArray:
    """Pick a show for every order: discipline by taste, then show by appeal."""
    weight = shows.appeal * shows.capacity
    group = shows.season * len(DISCIPLINES) + shows.discipline
    by_group = np.lexsort((np.arange(shows.count), group))
    sorted_group = group[by_group]
    within = np.zeros(shows.count)
    cum = np.cumsum(weight[by_group])
    starts = _starts(sorted_group)
    ends = np.concatenate([starts[1:], [shows.count]])
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        before = cum[a - 1] if a > 0 else 0.0
        within[a:b] = (cum[a:b] - before) / (cum[b - 1] - before)
        within[b - 1] = 1.0
    ladder = sorted_group + within  # strictly increasing across groups
    season_discipline = _discipline_weights(shows, order_season, affinity, order_customer)

    chosen = np.empty(len(order_season), dtype=np.int64)
    chunk = 1_000_000
    for a in range(0, len(order_season), chunk):
        seasons = order_season[a:a + chunk]
        w = season_discipline[seasons] * affinity[order_customer[a:a + chunk]]
        cum_w = np.cumsum(w, axis=1)
        u = draw.random(len(seasons)) * cum_w[:, -1]
        discipline = np.minimum((u[:, None] >= cum_w).sum(axis=1), len(DISCIPLINES) - 1)
        target = seasons * len(DISCIPLINES) + discipline + draw.random(len(seasons))
        position = np.searchsorted(ladder, target, side="right")
        chosen[a:a + chunk] = by_group[np.minimum(position, shows.count - 1)]
    return chosen


def _phone_suffixes(draw: np.random.Generator, blocks: IntArray) -> IntArray:
    """The last four digits: each block's 10 000 numbers are dealt out without repetition
    (then dealt again, in a new order, once a block is exhausted)."""
    suffix = np.empty(len(blocks), dtype=np.int64)
    for block in range(len(phone_prefixes())):
        where = np.flatnonzero(blocks == block)
        rounds = -(-len(where) // 10_000)
        deck = [draw.permutation(10_000) for _ in range(rounds)]
        suffix[where] = np.concatenate(deck)[:len(where)] if deck else where
    return suffix


def build_audience(seed: int, scale: float, shows: Shows, pools: Pools, progress: Progress) -> Audience:
    """Customers with a latent behaviour (subscriber, regular, occasional, one-time buyer), their
    orders season by season, then their tickets within the seats on sale."""
    n = max(1, int(round(BASE_CUSTOMERS * scale)))
    draw = rng("customers", seed)
    n_seasons = len(SEASONS)

    progress(f"Génération de {integer(n)} spectateurs…")
    female = draw.random(n) < 0.62
    young = draw.random(n) < 0.16
    age = np.where(young, draw.uniform(19.6, 32.0, n), draw.normal(56.0, 14.0, n))
    age = np.clip(age, 19.6, 90.9)
    birth = np.minimum(EXTRACTION_DAY - np.floor(age * 365.2425).astype(np.int64), days("2006-12-31"))
    birth_year = date_parts(birth)[0]
    band = _band(age)

    ctype = _draw_rows(draw, TYPE_BY_AGE, band)
    first = weighted(draw, FIRST_SEASON_P, n)
    first = np.maximum(first, np.clip(birth_year + 19 - SEASON_START_YEARS[0], 0, n_seasons - 1))
    last = first.copy()
    staying = np.ones(n, dtype=bool)
    for _ in range(n_seasons - 1):
        # once a customer has stopped, later draws never bring them back
        staying &= (last < n_seasons - 1) & (draw.random(n) < CONTINUE_P[ctype])
        last = last + staying
    seasons = np.arange(n_seasons)
    in_span = (seasons[None, :] >= first[:, None]) & (seasons[None, :] <= last[:, None])
    middle = in_span & (seasons[None, :] > first[:, None]) & (seasons[None, :] < last[:, None])
    active = in_span & ~(middle & (draw.random((n, n_seasons)) >= MIDDLE_ACTIVE_P[ctype][:, None]))
    churned = last < n_seasons - 1
    fading = churned & (last > first)
    fading_season = np.zeros((n, n_seasons), dtype=bool)
    fading_season[np.arange(n), last] = fading
    subscribed = (ctype == SUB)[:, None] & active & ~fading_season

    # orders per active season: one guaranteed order (four for a subscription) plus a Poisson draw
    demand = SEASON_DEMAND[None, :]
    extra = np.select(
        [subscribed, (ctype == SUB)[:, None], (ctype == REG)[:, None] & ~fading_season,
         (ctype == REG)[:, None], (ctype == OCC)[:, None]],
        [4.8 * demand, 0.6 * demand, 4.0 * demand, 0.3 * demand, 1.2 * demand],
        default=0.0)
    base = np.where(subscribed, 4, 1)
    counts = np.where(active, base + draw.poisson(extra), 0)

    favourite = _draw_rows(draw, FAVOURITE_BY_AGE, band)
    second = _draw_rows(draw, FAVOURITE_BY_AGE, band)
    affinity = np.tile(BASE_AFFINITY.astype(np.float32), (n, 1))
    affinity[np.arange(n), second] *= 2.0
    affinity[np.arange(n), favourite] *= 6.0
    eclectic = draw.random(n) < 0.15
    affinity[eclectic] = 1.0

    preferred_channel = _draw_rows(draw, CHANNEL_BY_AGE, _band(age - 5.0))
    acquisition = _draw_rows(draw, ACQUISITION_BY_AGE, np.digitize(age, [30.0, 55.0]))
    optin_p = 0.55 + np.select([ctype == SUB, ctype == REG, ctype == ONCE], [0.3, 0.12, -0.12], 0.0)
    optin = draw.random(n) < optin_p
    sub_day = np.array([days(f"{y}-06-20") for y in SEASON_START_YEARS])[None, :] + np.minimum(
        np.floor(draw.exponential(16.0, (n, n_seasons))), 90).astype(np.int64)

    progress("Génération des billets…")
    orng = rng("orders", seed)
    # orders by customer (every customer has one at least), then season: o_cust is sorted
    o_cust = np.repeat(np.arange(n, dtype=np.int64), counts.sum(axis=1))
    o_season = np.repeat(np.tile(seasons, n), counts.ravel())
    o_show = _choose_shows(orng, shows, o_season, affinity, o_cust)
    del affinity
    # one order per customer and show: the first one
    key = o_cust * shows.count + o_show
    by_key = np.argsort(key, kind="stable")  # nearly sorted already (by customer)
    sorted_key = key[by_key]
    keep = np.zeros(len(key), dtype=bool)
    keep[by_key[np.concatenate([[True], sorted_key[1:] != sorted_key[:-1]])]] = True
    o_cust, o_season, o_show = o_cust[keep], o_season[keep], o_show[keep]
    del key, by_key, sorted_key, keep
    m = len(o_cust)

    o_perf = shows.premiere[o_show] + np.floor(orng.random(m) * shows.reps[o_show]).astype(np.int64)
    family = shows.discipline[o_show] == JP
    o_sub = subscribed[o_cust, o_season]
    o_tickets = 1 + np.select(
        [o_sub, family], [weighted(orng, TICKETS_P_SUBSCRIBER, m), weighted(orng, TICKETS_P_FAMILY, m)],
        default=weighted(orng, TICKETS_P, m))
    opening = np.array([days(f"{y}-09-05") for y in SEASON_START_YEARS])[o_season]
    lead_mean = LEAD_DAYS[ctype[o_cust]] + np.where(age[o_cust] >= 60, 10.0, 0.0)
    lead = np.floor(orng.exponential(1.0, m) * lead_mean).astype(np.int64)
    o_date = np.clip(o_perf - lead, np.minimum(opening, o_perf), o_perf)
    in_batch = o_sub & (orng.random(m) < 0.85)
    o_date = np.where(in_batch, np.minimum(sub_day[o_cust, o_season], o_perf), o_date)
    del opening, lead_mean, lead, in_batch, sub_day

    perf_age = age_years(birth[o_cust], o_perf)
    u = orng.random(m)
    reduced_p = np.where(perf_age >= 65, 0.30, 0.12)
    o_tarif = np.select(
        [o_sub, (perf_age < 26) & (u < 0.85), perf_age < 26, u < 0.04, u < 0.04 + reduced_p],
        [T_ABONNE, T_MOINS26, T_PLEIN, T_SOLIDAIRE, T_REDUIT], default=T_PLEIN)
    web_trend = np.array([[0.35 - 0.03 * s, 0.45 + 0.05 * s, 0.20 - 0.02 * s] for s in range(n_seasons)])
    other_channel = _draw_rows(orng, web_trend, o_season)
    o_channel = np.where(orng.random(m) < 0.8, preferred_channel[o_cust], other_channel)
    del perf_age, u, reduced_p, other_channel, o_sub

    # the first order of every customer is kept whatever happens (it defines the customer)
    protected = np.zeros(m, dtype=bool)
    protected[_first_of_each(o_cust, o_date)] = True

    # sold-out performances: later orders beyond the seats on sale are dropped
    perf_offset = np.concatenate([[0], np.cumsum(shows.reps)[:-1]])
    perf_key = perf_offset[o_show] + (o_perf - shows.premiere[o_show])
    perf_show = np.repeat(np.arange(shows.count), shows.reps)
    seats = np.maximum(1, np.round(shows.jauge[perf_show] * scale)).astype(np.int64)
    taken = np.bincount(perf_key[protected], weights=o_tickets[protected], minlength=len(seats))
    free_rows = np.flatnonzero(~protected)
    # by performance, then purchase date, then row
    order = free_rows[_sort_by(perf_key[free_rows], o_date[free_rows])]
    running = _group_cumsum(perf_key[order], o_tickets[order])
    fits = running <= seats[perf_key[order]] - taken[perf_key[order]]
    kept = protected.copy()
    kept[order[fits]] = True
    del order, running, fits, free_rows, perf_key

    first_purchase = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first_purchase, o_cust[kept], o_date[kept])
    family_buyer = np.bincount(o_cust[kept & family], minlength=n) > 0

    # customer numbers follow the date of the first purchase, like in a real ticketing system
    new_order = np.lexsort((draw.random(n), first_purchase))
    new_id = np.empty(n, dtype=np.int64)
    new_id[new_order] = np.arange(n)

    # tickets, in chronological order of purchase (order-level columns narrowed before expansion)
    rows = np.flatnonzero(kept)
    rows = rows[_sort_by(o_date[rows])]
    o_show_rows, o_tarif_rows = o_show[rows], o_tarif[rows]
    # price of each (tariff, show) pair, looked up
    prices = price_cents(np.repeat(np.arange(len(TARIFS)), shows.count), np.tile(shows.full_cents, len(TARIFS)))
    per_order = {
        "customer": new_id[o_cust[rows]].astype(np.int32),
        "show": o_show_rows.astype(np.int16),
        "date": o_date[rows].astype(np.int32),
        "perf": o_perf[rows].astype(np.int32),
        "tarif": o_tarif_rows.astype(np.int8),
        "cents": prices[o_tarif_rows * shows.count + o_show_rows].astype(np.int32),
        "channel": o_channel[rows].astype(np.int8),
    }
    reps = o_tickets[rows]
    del rows, o_cust, o_season, o_show, o_perf, o_date, o_tarif, o_channel, o_tickets, kept, protected, family
    del o_show_rows, o_tarif_rows
    tickets = {name: np.repeat(values, reps) for name, values in per_order.items()}
    del per_order, reps

    # customer attributes (drawn in the original order, then reordered)
    first_idx = np.where(female, draw.choice(len(pools.female), n, p=pools.female_p),
                         draw.choice(len(pools.male), n, p=pools.male_p))
    last_idx = draw.choice(len(pools.last), n, p=pools.last_p)
    commune = weighted(draw, [w for _, _, w in communes()], n)
    email_pattern = weighted(draw, EMAIL_PATTERN_P, n)
    email_domain = weighted(draw, [w for _, w in email_domains()], n)
    phone_range = weighted(draw, [w for _, w in phone_prefixes()], n)

    def perm(a: np.ndarray) -> np.ndarray:
        return a[new_order]

    phone_range = perm(phone_range)
    phone_suffix = _phone_suffixes(draw, phone_range)

    return Audience(
        n=n, female=perm(female), first_idx=perm(first_idx), last_idx=perm(last_idx),
        commune=perm(commune), birth=perm(birth), first_purchase=perm(first_purchase),
        acquisition=perm(acquisition), optin=perm(optin), subscribed=perm(subscribed),
        active=perm(active), family_buyer=perm(family_buyer), email_pattern=perm(email_pattern),
        email_domain=perm(email_domain), phone_range=phone_range, phone_suffix=phone_suffix,
        t_customer=tickets["customer"], t_show=tickets["show"], t_date=tickets["date"],
        t_perf=tickets["perf"], t_tarif=tickets["tarif"], t_cents=tickets["cents"],
        t_channel=tickets["channel"],
    )


def _day_table(*columns: IntArray) -> tuple[int, ObjectArray]:
    """(first day, ISO text of every day from the first to the last of *columns*)."""
    filled = [c for c in columns if len(c)]
    if not filled:
        return 0, text_table([])
    low, high = min(int(c.min()) for c in filled), max(int(c.max()) for c in filled)
    return low, text_table(iso(np.arange(low, high + 1)))


def _pick(women: BoolArray, female_table: ObjectArray, male_table: ObjectArray, index: IntArray) -> ObjectArray:
    """Female or male names, by person."""
    out = np.empty(len(women), dtype=object)
    out[women] = female_table[index[women]]
    out[~women] = male_table[index[~women]]
    return out


def customer_frame(audience: Audience, pools: Pools) -> pd.DataFrame:
    """spectateurs.csv (built once; one million rows fit in memory)."""
    n = audience.n
    women = audience.female
    first = _pick(women, text_table(pools.female), text_table(pools.male), audience.first_idx)
    first_slug = _pick(women, text_table(pools.female_slug), text_table(pools.male_slug), audience.first_idx)
    initial = _pick(women, text_table([s[:1] for s in pools.female_slug]),
                    text_table([s[:1] for s in pools.male_slug]), audience.first_idx)
    last = text_table(pools.last)[audience.last_idx]
    last_slug = text_table(pools.last_slug)[audience.last_idx]
    year2 = text_table([f"{y:02d}" for y in range(100)])[date_parts(audience.birth)[0] % 100]

    patterns: tuple[Callable[[IntArray], ObjectArray], ...] = (
        lambda r: first_slug[r] + "." + last_slug[r],                   # prenom.nom
        lambda r: first_slug[r] + last_slug[r],                         # prenomnom
        lambda r: initial[r] + "." + last_slug[r],                      # p.nom
        lambda r: last_slug[r] + "." + first_slug[r],                   # nom.prenom
        lambda r: first_slug[r] + "." + last_slug[r] + year2[r],        # prenom.nom + birth year
        lambda r: first_slug[r] + "_" + last_slug[r],                   # prenom_nom
    )
    local = np.empty(n, dtype=object)
    for k, pattern in enumerate(patterns):
        chosen = np.flatnonzero(audience.email_pattern == k)
        local[chosen] = pattern(chosen)
    domain_names = np.array([d for d, _ in email_domains()], dtype=np.str_)
    domains = text_table(domain_names)[audience.email_domain]
    email = local + "@" + domains
    # homonyms: the second and later holders of an address get their customer number appended,
    # within the longest address the name pools allow (longer ones are cut, as they always were)
    again = np.flatnonzero(pd.Series(email).duplicated().to_numpy())
    longest = (np.result_type(pools.female_slug, pools.male_slug).itemsize + pools.last_slug.dtype.itemsize
               + domain_names.dtype.itemsize) // 4 + 4
    email[again] = [f"{name}.{number}@{domain}"[:longest]
                    for name, number, domain in zip(local[again], (again + 1).tolist(), domains[again], strict=True)]

    phones = text_table([f"{prefix} {s // 100:02d} {s % 100:02d}"
                         for prefix, _ in phone_prefixes() for s in range(10_000)])
    first_day, dates = _day_table(audience.birth, audience.first_purchase)
    towns = communes()
    false_true = text_table(("false", "true"))
    return pd.DataFrame({
        "id_client": ids("C", 1, n + 1, id_width(n, 5)).astype(object),
        "civilite": text_table(("M.", "Mme"))[women.astype(np.intp)],
        "prenom": first,
        "nom": last,
        "email": email,
        "telephone": phones[audience.phone_range * 10_000 + audience.phone_suffix],
        "code_postal": text_table([c for c, _, _ in towns])[audience.commune],
        "ville": text_table([v for _, v, _ in towns])[audience.commune],
        "date_naissance": dates[audience.birth - first_day],
        "date_premier_achat": dates[audience.first_purchase - first_day],
        "canal_acquisition": text_table(ACQUISITION_CHANNELS)[audience.acquisition],
        "abonne": false_true[audience.subscribed[:, -1].astype(np.intp)],
        "optin_newsletter": false_true[audience.optin.astype(np.intp)],
    }, dtype=object, copy=False)


def ticket_maker(audience: Audience, shows: Shows, client_ids: ObjectArray) -> FrameMaker:
    """The rows [start, stop) of billets.csv; *client_ids* is the id_client column of the customers."""
    width = id_width(len(audience.t_customer), 6)
    first_day, dates = _day_table(audience.t_date, audience.t_perf)
    show_ids, tarifs, channels = text_table(shows.ids), text_table(TARIF_NAMES), text_table(SALES_CHANNELS)
    prices = text_table(cents_text(np.arange(int(audience.t_cents.max(initial=0)) + 1)))

    def make(start: int, stop: int) -> pd.DataFrame:
        part = slice(start, stop)
        return pd.DataFrame({
            "id_billet": ids("B", start + 1, stop + 1, width).astype(object),
            "id_client": client_ids[audience.t_customer[part]],
            "id_spectacle": show_ids[audience.t_show[part]],
            "date_achat": dates[audience.t_date[part] - first_day],
            "date_representation": dates[audience.t_perf[part] - first_day],
            "tarif": tarifs[audience.t_tarif[part]],
            "prix": prices[audience.t_cents[part]],
            "canal": channels[audience.t_channel[part]],
        }, dtype=object, copy=False)

    return make
