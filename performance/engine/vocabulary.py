"""The engine's words: role kinds, statuses, alignments, efficiency bands and recommendation
codes, exactly as DOMAIN.md writes them, with the labels the screens show."""

from __future__ import annotations

from decimal import Decimal

from otesite.lib.formatting import quantize_money

CLOSER, SETTER, MANAGER = "closer", "setter", "manager"
KINDS = (CLOSER, SETTER, MANAGER)
KIND_LABELS = {CLOSER: "Closer", SETTER: "Setter", MANAGER: "Manager"}

# What a role's units are, singular and plural, and who "one person" is.
UNIT_WORDS = {
    CLOSER: ("deal", "deals"),
    SETTER: ("meeting", "meetings"),
    MANAGER: ("team deal", "team deals"),
}
PERSON_WORDS = {CLOSER: "closer", SETTER: "setter", MANAGER: "manager"}

ON_TARGET, NEAR, BELOW = "on_target", "near", "below"
NO_DATA, NO_HEADCOUNT, NO_PLAN = "no_data", "no_headcount", "no_plan"
COUNTING_STATUSES = (ON_TARGET, NEAR, BELOW)
STATUS_LABELS = {
    ON_TARGET: "On target",
    NEAR: "Near target",
    BELOW: "Below target",
    NO_DATA: "No data",
    NO_HEADCOUNT: "No headcount",
    NO_PLAN: "No plan",
}

ALIGNED, UNREACHABLE, OVERPAYS = "aligned", "unreachable", "overpays"
ALIGNMENT_LABELS = {
    ALIGNED: "Aligned",
    UNREACHABLE: "Unreachable",
    OVERPAYS: "Overpays",
}
ALIGNED_LOW, ALIGNED_HIGH = Decimal("0.95"), Decimal("1.05")

EFFICIENT, MODERATE, HIGH = "efficient", "moderate", "high"
EFFICIENCY_LABELS = {EFFICIENT: "Efficient", MODERATE: "Moderate", HIGH: "High"}
MODERATE_MARGIN_PCT = Decimal(10)

MORE_UNITS = "more_units"
RAISE_CLOSE_RATE = "raise_close_rate"
MORE_MARKETING = "more_marketing"
IMPROVE_TEAM = "improve_team"
RAISE_TARGETS = "raise_targets"
SCALE_TEAM = "scale_team"
FIX_PLAN = "fix_plan"
RECOMMENDATION_CODES = (
    MORE_UNITS,
    RAISE_CLOSE_RATE,
    MORE_MARKETING,
    IMPROVE_TEAM,
    RAISE_TARGETS,
    SCALE_TEAM,
    FIX_PLAN,
)

SETTER_COVERAGE_TARGET_PCT = Decimal(90)


def unit_word(kind: str, amount: Decimal | None = None) -> str:
    singular, plural = UNIT_WORDS[kind]
    return singular if amount is not None and quantize_money(amount) == 1 else plural


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown role kind {kind!r}; expected one of {', '.join(KINDS)}")


# Where a role's month comes from: one role actual (role totals) or person actuals.
SOURCE_ROLE, SOURCE_PEOPLE, SOURCE_DEALS = "role", "people", "deals"

# The assumption check measures a rate only on enough evidence, and calls a measured rate
# "drift" when it is further from its assumption than this share of the assumption.
ASSUMPTION_MIN_UNITS = Decimal(20)
ASSUMPTION_MIN_MEETINGS_HELD = Decimal(20)
ASSUMPTION_DRIFT_SHARE = Decimal("0.25")
