"""The workspace JSON exchange of DOMAIN.md: the whole configuration and history in one file.

`import_workspace(data)` checks the WHOLE file before it writes anything: every problem is
collected with its JSON path (`plans[2].monthly_quota: ...`) and raised together as
`WorkspaceInvalid`. The rules are the models' own: each record becomes an unsaved model
instance and goes through `full_clean()`, so admin forms and imports can never disagree.
Valid files are merged by natural key in one transaction, saving only what differs (so
re-importing an export writes nothing and adds no history rows).

Numbers and months are read by the one parser (parse.py), so a bad value gets the same words
here as in the CSV and the entry form. `workspace_export.export_workspace()` writes the same
format back, canonically, so export -> import -> export is byte-identical.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from compensation.models import ECONOMICS_FIELDS, PLAN_FIELDS, Economics, QuotaPlan, Role
from otesite.months import format_month
from performance.models import MonthlyActual, MonthlyRevenue

from .parse import ParseError, parse_month, parse_number, parse_whole_number, shown
from .rules import month_not_covered

FORMAT = "otesite.workspace"
VERSION = 2
SECTIONS = ("economics", "roles", "plans", "actuals", "revenue")
CHANGE_REASON = "import_workspace"

# Per section: the keys a record may carry, in export order, and which of them are required.
ECONOMICS_NUMBERS = ECONOMICS_FIELDS
ECONOMICS_DEFAULTED = ("target_ote_pct_of_revenue", "near_target_pct", "exceeding_pct")

PLAN_DEFAULTED = ("annual_base",)
ACTUAL_NUMBERS = ("units", "credited_deals", "meetings_held", "earnings")
ACTUAL_OPTIONAL = ("credited_deals", "meetings_held", "earnings")

KEYS = {
    "economics": ("effective_from", *ECONOMICS_NUMBERS),
    "roles": ("name", "kind"),
    "plans": ("role", "effective_from", *PLAN_FIELDS),
    "actuals": ("month", "role", "headcount", *ACTUAL_NUMBERS),
    "revenue": ("month", "revenue"),
}


class WorkspaceInvalid(Exception):
    """The file cannot be imported; `problems` lists every reason, each with its JSON path."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class SectionCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportSummary:
    counts: dict[str, SectionCounts] = field(default_factory=lambda: {name: SectionCounts() for name in SECTIONS})

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{name}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
            for name, c in self.counts.items()
        ]


# --- Reading values -----------------------------------------------------------------------
# Numbers and months are read by the one parser (parse.py), in the same words as the CSV.


def to_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParseError(f"must be a non-empty text, not {shown(value)}")
    return value.strip()


# --- Validation ---------------------------------------------------------------------------


@dataclass
class _Record:
    """One record of the file as an unsaved (or changed, not yet saved) model instance."""

    section: str
    instance: models.Model
    is_new: bool
    changed: bool


@dataclass
class _Validation:
    problems: list[str] = field(default_factory=list)
    records: list[_Record] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")


def _snapshot(instance: models.Model, names: Iterable[str]) -> dict:
    return {name: getattr(instance, name) for name in names}


def _clean(v: _Validation, path: str, instance: models.Model, bad_fields: set[str]) -> None:
    """The model's own rules (fields, clean(), constraints), errors mapped to JSON paths."""
    try:
        instance.full_clean(exclude=bad_fields)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            where = path if name == NON_FIELD_ERRORS else f"{path}.{name}"
            for message in messages:
                v.add(where, message)


def _read(v: _Validation, path: str, row: dict, key: str, reader, *, required: bool, bad: set[str]):
    value = row.get(key)
    if value is None:
        if required:
            v.add(f"{path}.{key}", "is required")
            bad.add(key)
        return None
    try:
        return reader(value)
    except ParseError as error:
        v.add(f"{path}.{key}", str(error))
        bad.add(key)
        return None


def _records(v: _Validation, data: dict, section: str) -> list[tuple[str, dict]]:
    rows = data.get(section)
    if rows is None:
        v.add(section, "missing section (write [] when there is nothing to import)")
        return []
    if not isinstance(rows, list):
        v.add(section, f"must be a list of records, not {shown(rows)}")
        return []
    result = []
    for index, row in enumerate(rows):
        path = f"{section}[{index}]"
        if not isinstance(row, dict):
            v.add(path, "must be an object with keys")
            continue
        for key in row:
            if key not in KEYS[section]:
                v.add(f"{path}.{key}", f"unknown key; a record of {section} has {', '.join(KEYS[section])}")
        result.append((path, row))
    return result


def _check_duplicate(v: _Validation, seen: dict, key, path: str, label: str) -> bool:
    if key in seen:
        v.add(path, f"duplicates {seen[key]} ({label})")
        return True
    seen[key] = path
    return False


def _apply_values(instance: models.Model, values: dict, defaults: dict) -> None:
    for name, value in values.items():
        setattr(instance, name, defaults.get(name) if value is None and name in defaults else value)


def _model_default(model: type[models.Model], name: str):
    return model._meta.get_field(name).get_default()


def validate_workspace(data: Any) -> _Validation:
    """Check the whole file against the models and the database; nothing is written."""
    v = _Validation()
    if not isinstance(data, dict):
        v.add("(file)", "must be a JSON object with format, version and the sections")
        return v
    if data.get("format") != FORMAT:
        v.add("format", f'must be "{FORMAT}", not {shown(data.get("format"))}')
    if data.get("version") != VERSION or isinstance(data.get("version"), bool):
        v.add("version", f"must be {VERSION}, not {shown(data.get('version'))}")
    for key in data:
        if key not in ("format", "version", *SECTIONS):
            v.add(key, f"unknown section; a workspace has {', '.join(SECTIONS)}")
    sections = {section: _records(v, data, section) for section in SECTIONS}

    db_roles = {role.name: role for role in Role.objects.all()}
    db_economics = {row.effective_from: row for row in Economics.objects.all()}
    db_plans = {(p.role.name, p.effective_from): p for p in QuotaPlan.objects.select_related("role")}
    db_actuals = {(a.role.name, a.month): a for a in MonthlyActual.objects.select_related("role")}
    db_revenue = {row.month: row for row in MonthlyRevenue.objects.all()}

    def keep(section, path, instance, existing, before, tracked, bad, key, label, seen) -> None:
        """Clean the instance always (every problem is reported); keep it when its key is sound."""
        _clean(v, path, instance, bad)
        if key is None or _check_duplicate(v, seen, key, path, label):
            return
        changed = existing is not None and before != _snapshot(instance, tracked)
        v.records.append(_Record(section, instance, existing is None, changed))

    # Economics first: they decide which months can hold plans and actuals.
    seen: dict = {}
    economics_months = set(db_economics)
    economics_defaults = {name: _model_default(Economics, name) for name in ECONOMICS_DEFAULTED}
    for path, row in sections["economics"]:
        bad: set[str] = set()
        month = _read(v, path, row, "effective_from", parse_month, required=True, bad=bad)
        values = {
            name: _read(v, path, row, name, parse_number, required=name not in ECONOMICS_DEFAULTED, bad=bad)
            for name in ECONOMICS_NUMBERS
        }
        existing = db_economics.get(month)
        instance = existing or Economics(effective_from=month)
        before = _snapshot(instance, ECONOMICS_NUMBERS)
        _apply_values(instance, values, economics_defaults)
        label = f"effective_from {format_month(month)}" if month else ""
        keep("economics", path, instance, existing, before, ECONOMICS_NUMBERS, bad, month, label, seen)
        if month is not None:
            economics_months.add(month)
    first_economics = min(economics_months, default=None)

    seen = {}
    roles = dict(db_roles)
    next_order = max((role.display_order for role in db_roles.values()), default=-1) + 1
    for path, row in sections["roles"]:
        bad = set()
        name = _read(v, path, row, "name", to_text, required=True, bad=bad)
        kind = _read(v, path, row, "kind", to_text, required=True, bad=bad)
        if kind is not None and kind not in Role.Kind.values:
            v.add(f"{path}.kind", f"must be one of {', '.join(Role.Kind.values)}, not {shown(kind)}")
            bad.add("kind")
            kind = None
        existing = db_roles.get(name)
        instance = existing or Role(name=name, display_order=next_order)
        before = _snapshot(instance, ("kind",))
        if kind is not None:
            instance.kind = kind
        keep("roles", path, instance, existing, before, ("kind",), bad, name, f"name {name!r}", seen)
        if name is not None and name not in roles:
            roles[name] = instance
            next_order += 1

    def role_for(path: str, row: dict, bad: set[str]) -> Role | None:
        name = _read(v, path, row, "role", to_text, required=True, bad=bad)
        if name is not None and name not in roles:
            v.add(f"{path}.role", f"no role named {name!r} in the file or the database")
        role = roles.get(name)
        if role is None or role.pk is None:
            # Unknown, or created by this file: the database-side checks of the role skip it.
            bad.add("role")
        return role

    def check_covered(path: str, month: date | None) -> None:
        if month is not None and (problem := month_not_covered(month, first_economics)):
            v.add(path, problem)

    seen = {}
    plan_defaults = {name: _model_default(QuotaPlan, name) for name in PLAN_DEFAULTED}
    for path, row in sections["plans"]:
        bad = set()
        role = role_for(path, row, bad)
        month = _read(v, path, row, "effective_from", parse_month, required=True, bad=bad)
        check_covered(f"{path}.effective_from", month)
        values = {
            name: _read(v, path, row, name, parse_number, required=name not in PLAN_DEFAULTED, bad=bad)
            for name in PLAN_FIELDS
        }
        existing = db_plans.get((role.name, month)) if role else None
        instance = existing or QuotaPlan(role=role, effective_from=month)
        before = _snapshot(instance, PLAN_FIELDS)
        _apply_values(instance, values, plan_defaults)
        key = (role.name, month) if role and month else None
        label = f"role {role.name!r}, effective_from {format_month(month)}" if key else ""
        keep("plans", path, instance, existing, before, PLAN_FIELDS, bad, key, label, seen)

    seen = {}
    actual_fields = ("headcount", *ACTUAL_NUMBERS)
    for path, row in sections["actuals"]:
        bad = set()
        role = role_for(path, row, bad)
        month = _read(v, path, row, "month", parse_month, required=True, bad=bad)
        check_covered(f"{path}.month", month)
        values = {"headcount": _read(v, path, row, "headcount", parse_whole_number, required=True, bad=bad)}
        for name in ACTUAL_NUMBERS:
            values[name] = _read(v, path, row, name, parse_number, required=name not in ACTUAL_OPTIONAL, bad=bad)
        existing = db_actuals.get((role.name, month)) if role else None
        instance = existing or MonthlyActual(role=role, month=month)
        before = _snapshot(instance, actual_fields)
        _apply_values(instance, values, {})
        key = (role.name, month) if role and month else None
        label = f"role {role.name!r}, month {format_month(month)}" if key else ""
        keep("actuals", path, instance, existing, before, actual_fields, bad, key, label, seen)

    seen = {}
    for path, row in sections["revenue"]:
        bad = set()
        month = _read(v, path, row, "month", parse_month, required=True, bad=bad)
        revenue = _read(v, path, row, "revenue", parse_number, required=True, bad=bad)
        existing = db_revenue.get(month)
        instance = existing or MonthlyRevenue(month=month)
        before = _snapshot(instance, ("revenue",))
        instance.revenue = revenue
        label = f"month {format_month(month)}" if month else ""
        keep("revenue", path, instance, existing, before, ("revenue",), bad, month, label, seen)
    return v


def import_workspace(
    data: Any,
    *,
    reason: str = CHANGE_REASON,
    labels: dict[str, str] | None = None,
    problems: Iterable[str] = (),
) -> ImportSummary:
    """Validate the whole workspace, then merge it in one transaction; raise WorkspaceInvalid.

    `labels` renames paths in messages and `problems` adds those already found, so that a
    file translated into a workspace (the legacy config) reports in its own terms, all at once.
    """
    with transaction.atomic():
        validation = validate_workspace(data)
        found = [*problems, *(_relabel(problem, labels or {}) for problem in validation.problems)]
        if found:
            raise WorkspaceInvalid(found)
        summary = ImportSummary()
        for record in validation.records:
            counts = summary.counts[record.section]
            if record.is_new or record.changed:
                record.instance._change_reason = reason
                record.instance.save()
            if record.is_new:
                counts.created += 1
            elif record.changed:
                counts.updated += 1
            else:
                counts.unchanged += 1
    return summary


def _relabel(problem: str, labels: dict[str, str]) -> str:
    path, _, message = problem.partition(": ")
    return f"{labels.get(path, path)}: {message}"
