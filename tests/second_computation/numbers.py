"""Decimal helpers and the pay curve, written from DOMAIN.md's words (Formulas, Pay curves).

Everything here is unrounded; ``out`` and ``out4`` round half-up once, only for output.
"""

import math
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
# The computation runs at 60 significant digits; before rounding to cents a value is first
# rounded to 30 places, so that an exact half cent reached through a division and a
# multiplication (x / a * a) rounds up as DOMAIN.md asks, never down by a last-digit crumb.
SNAP = Decimal("1e-30")


def dec(value: Any) -> Decimal | None:
    """A workspace number (JSON number or decimal string) as a Decimal; None stays None."""
    return None if value is None else Decimal(str(value))


def div(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """A value that would divide by zero is null, never an error."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def rounded(value: Decimal | None, places: int) -> Decimal | None:
    if value is None:
        return None
    snapped = value.quantize(SNAP, rounding=ROUND_HALF_UP)
    return snapped.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def settled(value: Decimal | None) -> Decimal | None:
    """The unrounded value as compared with a threshold or another value: without the last-digit
    crumbs of a division (a coverage of exactly 90% is not under 90%)."""
    return None if value is None else value.quantize(SNAP, rounding=ROUND_HALF_UP)


class Unrounded(NamedTuple):
    """A value as written before its rounding (to 12 places), and the places it is rounded to."""

    value: Decimal
    places: int

    def is_half(self) -> bool:
        """An exact half at the rounding digit (an exact half cent), which rounds up."""
        return self.value.scaleb(self.places + 1) % 10 in (5, -5) and self.value.scaleb(self.places + 1) % 1 == 0

    def rounded_down(self) -> float:
        """The half rounded toward zero instead: what a computation a crumb short of it writes."""
        return float(str(self.value.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_DOWN)))


_unrounded = ContextVar("unrounded", default=False)


@contextmanager
def unrounded_output():
    """Within it, ``out`` gives each value unrounded (``Unrounded``) instead of a JSON number."""
    token = _unrounded.set(True)
    try:
        yield
    finally:
        _unrounded.reset(token)


def out(value: Decimal | None, places: int = 2) -> float | None:
    """Money, percentages and units: a JSON number rounded half-up to 2 decimals."""
    found = rounded(value, places)
    if found is None:
        return None
    if _unrounded.get():
        return Unrounded(rounded(value, 12), places)
    return float(str(found))


def out4(value: Decimal | None) -> float | None:
    """revenue_per_ote_dollar and a band's multiplier: 4 decimals."""
    return out(value, 4)


def ceil(value: Decimal) -> int:
    return math.ceil(rounded(value, 20))


def mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, ZERO) / len(values) if values else None


@dataclass(frozen=True)
class Band:
    start: Decimal
    end: Decimal | None  # the next band's from_pct; None for the last (open-ended)
    multiplier: Decimal


@dataclass(frozen=True)
class Curve:
    """Tiers (marginal, like income-tax brackets) and a cap over attainment points."""

    bands: tuple[Band, ...]
    cap: Decimal | None

    @classmethod
    def of(cls, tiers: list[dict] | None, cap: Any) -> "Curve":
        rows = sorted(((dec(t["from_pct"]), dec(t["multiplier"])) for t in tiers or ()), key=lambda r: r[0])
        if not rows:
            rows = [(ZERO, ONE)]
        bands = tuple(
            Band(start, rows[i + 1][0] if i + 1 < len(rows) else None, multiplier)
            for i, (start, multiplier) in enumerate(rows)
        )
        return cls(bands, dec(cap))

    def shown_end(self, band: Band) -> Decimal | None:
        """A band's upper end as a statement writes it: clipped at the cap."""
        if self.cap is None:
            return band.end
        return self.cap if band.end is None else min(band.end, self.cap)

    def points_in(self, band: Band, attainment: Decimal) -> Decimal:
        """Length of [from_j, from_j+1) ∩ [0, min(a, cap)]."""
        top = attainment if self.cap is None else min(attainment, self.cap)
        upper = top if band.end is None else min(band.end, top)
        return max(ZERO, upper - band.start)

    def paid_points(self, attainment: Decimal) -> Decimal:
        return sum((band.multiplier * self.points_in(band, attainment) for band in self.bands), ZERO)

    @property
    def first_multiplier(self) -> Decimal:
        return self.bands[0].multiplier

    def pay(self, amount: Decimal, attainment: Decimal) -> Decimal:
        """amount × paid_points(a) / a at a > 0, amount × the first band's multiplier at a = 0:
        commission(R, a) with amount = commission_rate × R."""
        if attainment > 0:
            return amount * self.paid_points(attainment) / attainment
        return amount * self.first_multiplier

    def least_attainment(self, points: Decimal) -> Decimal | None:
        """The least attainment a* with paid_points(a*) = points; None when none reaches it."""
        if points <= 0:
            return ZERO
        reached = ZERO
        for band in self.bands:
            end = self.shown_end(band)
            if end is not None and end <= band.start:
                break
            if band.multiplier > 0:
                room = None if end is None else band.multiplier * (end - band.start)
                if room is None or reached + room >= points:
                    return band.start + (points - reached) / band.multiplier
                reached += room
        return None

    def statement_bands(self, amount: Decimal, attainment: Decimal) -> list[dict]:
        """The bands the pay attainment reaches, each with its share of the commission
        (amount × multiplier × points / a); at a = 0, the first band carries it all."""
        if attainment == 0:
            band = self.bands[0]
            return [_band_row(band.start, self.shown_end(band), ZERO, band.multiplier, amount * band.multiplier)]
        rows = []
        for band in self.bands:
            points = self.points_in(band, attainment)
            if points > 0:
                share = amount * band.multiplier * points / attainment
                rows.append(_band_row(band.start, self.shown_end(band), points, band.multiplier, share))
        return rows


def _band_row(start, end, points, multiplier, amount) -> dict:
    return {"from_pct": start, "to_pct": end, "points": points, "multiplier": multiplier, "amount": amount}
