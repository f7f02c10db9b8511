"""The old dashboard's exported config (v1.x) mapped onto plan versions of this workspace.

The old dashboard (v3.3) exported `{"ote_quotas": {"closer_ote": 60000, ...}, "version": "1.1"}`,
sometimes with its other settings beside them (deal economics, team, GTM channels). It knew
one plan per role kind and no dates, so the caller names the month the plans start
(`--effective-from`). The result is an ordinary workspace dict that goes through the same
validated import as every other file; `labels` make its messages name the legacy keys.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from compensation.models import QuotaPlan, Role
from otesite.lib.months import format_month
from otesite.lib.parse import ParseError, parse_number
from performance.exchange.workspace import FORMAT, SECTIONS_V2
from performance.exchange.workspace_export import decimal_text

DEFAULT_NAMES = {Role.Kind.CLOSER: "Closers", Role.Kind.SETTER: "Setters", Role.Kind.MANAGER: "Manager"}
# The old dashboard's names per kind: annual OTE, monthly quota, annual base, commission in %.
LEGACY_KEYS = {
    Role.Kind.CLOSER: ("closer_ote", "closer_quota_deals", "closer_base", "closer_commission_pct"),
    Role.Kind.SETTER: ("setter_ote", "setter_quota_meetings", "setter_base", "setter_commission_pct"),
    Role.Kind.MANAGER: ("manager_ote", "manager_quota_team_deals", "manager_base", "manager_commission_pct"),
}
# Later dashboard versions wrote these instead; they mean the same thing.
ALIASES = {
    "closer_quota_deals_manual": "closer_quota_deals",
    "setter_quota_meetings_manual": "setter_quota_meetings",
    "manager_quota_team_deals_manual": "manager_quota_team_deals",
    "manager_override_pct": "manager_commission_pct",
}
MONTHLY_OTE_KEYS = {
    "closer_ote_monthly": "closer_ote",
    "setter_ote_monthly": "setter_ote",
    "manager_ote_monthly": "manager_ote",
}
# When neither the file nor a current plan says: the old dashboard's own defaults for OTE and
# quota, the worked example's commission-only rates (DOMAIN.md) for the rest.
DEFAULTS = {
    Role.Kind.CLOSER: {"annual_ote": "60000", "monthly_quota": "5", "annual_base": "0", "commission_rate": "0.10"},
    Role.Kind.SETTER: {"annual_ote": "48000", "monthly_quota": "40", "annual_base": "0", "commission_rate": "0.05"},
    Role.Kind.MANAGER: {"annual_ote": "90000", "monthly_quota": "40", "annual_base": "0", "commission_rate": "0.03"},
}
PLAN_FIELDS = ("annual_ote", "monthly_quota", "annual_base", "commission_rate")


@dataclass
class LegacyMapping:
    workspace: dict
    labels: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # unusable values, reported with the rest
    notes: list[str] = field(default_factory=list)


def is_legacy_config(data: Any) -> bool:
    """An old dashboard export: no `format`, a 1.x version or any of its OTE/quota keys."""
    if not isinstance(data, dict) or "format" in data:
        return False
    version = str(data.get("version", ""))
    return version.startswith("1.") or bool(_known_keys(_flatten(data)))


def _flatten(data: dict) -> dict:
    """Top-level settings plus those one level down (`ote_quotas`, ...); lists are not settings."""
    flat = {}
    for key, value in data.items():
        if isinstance(value, dict):
            for inner, inner_value in value.items():
                flat.setdefault(inner, inner_value)
        elif key != "version":
            flat[key] = value
    return flat


def _known_keys(flat: dict) -> set[str]:
    known = {key for keys in LEGACY_KEYS.values() for key in keys}
    return {key for key in flat if key in known or key in ALIASES or key in MONTHLY_OTE_KEYS}


def _read_settings(flat: dict) -> tuple[dict[str, Decimal], dict[str, str], list[str]]:
    """The legacy values by canonical key, the key each came from, and the problems."""
    values: dict[str, Decimal] = {}
    source: dict[str, str] = {}
    problems = []
    for key in sorted(_known_keys(flat)):
        canonical = ALIASES.get(key) or MONTHLY_OTE_KEYS.get(key) or key
        if canonical in values and key != canonical:
            continue  # the file's own v1.1 key wins over a later version's spelling
        if flat[key] is None:
            continue
        try:
            number = parse_number(flat[key])
        except ParseError as error:
            problems.append(f"{key}: {error}")
            continue
        if key in MONTHLY_OTE_KEYS:
            number *= 12
        if canonical.endswith("_commission_pct"):
            number /= 100
        values[canonical] = number
        source[canonical] = key
    return values, source, problems


def map_legacy_config(data: dict, effective_from: date) -> LegacyMapping:
    """Plan versions from `effective_from` for a closer, a setter and a manager role."""
    flat = _flatten(data)
    values, source, problems = _read_settings(flat)
    mapping = LegacyMapping(
        # Version 2: the old config knows no people or pay curves, so those stay as stored.
        workspace={"format": FORMAT, "version": 2, **{s: [] for s in SECTIONS_V2}},
        problems=problems,
    )
    month = format_month(effective_from)
    roles = list(Role.objects.order_by("id"))
    for kind, keys in LEGACY_KEYS.items():
        if not any(key in values for key in keys[:2]):
            continue  # the file says nothing about this role's OTE or quota
        role = next((r for r in roles if r.kind == kind), None)
        if role is None:
            name = DEFAULT_NAMES[kind]
            taken = next((r for r in roles if r.name == name), None)
            if taken is not None:
                mapping.problems.append(
                    f"{keys[0]}: a {kind} role named {name!r} cannot be created; that name is a {taken.kind} role"
                )
                continue
            mapping.workspace["roles"].append({"name": name, "kind": kind})
            mapping.notes.append(f"Created the {kind} role {name!r}.")
        else:
            name = role.name
        current = QuotaPlan.objects.in_force(effective_from).filter(role=role).first() if role else None
        plan: dict[str, str] = {"role": name, "effective_from": month}
        from_file, kept, defaulted = [], [], []
        for plan_field, key in zip(PLAN_FIELDS, keys, strict=True):
            if key in values:
                plan[plan_field] = decimal_text(values[key])
                from_file.append(f"{plan_field} {plan[plan_field]} from {source[key]}")
                mapping.labels[f"plans[{len(mapping.workspace['plans'])}].{plan_field}"] = source[key]
            elif current is not None:
                plan[plan_field] = decimal_text(getattr(current, plan_field))
                kept.append(f"{plan_field} {plan[plan_field]}")
            else:
                plan[plan_field] = DEFAULTS[kind][plan_field]
                defaulted.append(f"{plan_field} {plan[plan_field]}")
        mapping.labels[f"plans[{len(mapping.workspace['plans'])}].effective_from"] = "--effective-from"
        mapping.workspace["plans"].append(plan)
        mapping.notes.append(f"{name}: plan from {month} with {', '.join(from_file)}.")
        if kept:
            mapping.notes.append(
                f"  kept from the plan in force ({format_month(current.effective_from)}): {', '.join(kept)}."
            )
        if defaulted:
            mapping.notes.append(f"  left at defaults: {', '.join(defaulted)}.")
    if not mapping.workspace["plans"] and not problems:
        mapping.problems.append("(file): no OTE or quota settings found (closer_ote, closer_quota_deals, ...)")
    ignored = sorted(set(flat) - _known_keys(flat))
    if ignored:
        mapping.notes.append(f"Ignored (not part of a plan): {', '.join(ignored)}.")
    return mapping
