"""The workspace JSON exchange of DOMAIN.md: the whole configuration and history in one file.

Version 3 adds people, assignments, person actuals, plans' pay curves (tiers, cap_pct, ramp) and
closes; version 4 (written by the export) adds deals (workspace_deals.py), plans'
`clawback_months` and assignments that start or end on a day. Version 2 files still import and
leave pay curves as stored; version 2 and 3 files leave clawback windows and days as stored.
Closes are applied after everything else, and a month approved here refuses any record that
would alter it (workspace_closes.py).

Only `format` and `version` are required: a section the file leaves out is an empty one, so a
file may carry just the revenue, or just the people. `import_workspace(data)` checks the WHOLE
file before it writes anything: every problem is
collected with its JSON path (`plans[2].monthly_quota: ...`) and raised together as
`WorkspaceInvalid`. The rules are the models' own: each record becomes an unsaved model
instance and goes through its field rules and clean() (or its `check_rules`, given the file
merged into what is stored), so admin forms and imports can never disagree; what the rules need
from the database is read once, not once a record (workspace_records.py), so a history of tens
of thousands of records is checked in a fixed number of queries. People, assignments and person
actuals are read in workspace_people.py, deals in workspace_deals.py.
Valid files are merged by natural key in one transaction and one new data version, writing only
what differs, in bulk, with a history row each (so re-importing an export writes nothing and
adds no history rows).

Numbers and months are read by the one parser (parse.py), so a bad value gets the same words
here as in the CSV and the entry form. `workspace_export.export_workspace()` writes the same
format back, canonically, so export -> import -> export is byte-identical.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from compensation.models import ECONOMICS_FIELDS, PLAN_FIELDS, Economics, QuotaPlan, Role
from otesite.lib.months import format_month
from otesite.lib.parse import parse_month, parse_number, parse_whole_number, shown
from otesite.lib.rules import one_today
from otesite.lib.versioning import one_version_bump
from performance.closing import StepRefused
from performance.exchange import workspace_closes, workspace_deals, workspace_people
from performance.exchange.workspace_records import (
    Check,
    Validation,
    apply_values,
    model_default,
    records_of,
    snapshot,
    to_text,
)
from performance.exchange.workspace_write import write_records
from performance.locks import approved_months, checking_in_bulk
from performance.models import MonthlyActual, MonthlyRevenue
from performance.month_lock import hold

FORMAT = "otesite.workspace"
VERSION = 4  # what the export writes
VERSIONS = (2, 3, 4)  # what the import reads
SECTIONS_V2 = ("economics", "roles", "plans", "actuals", "revenue")
PEOPLE_SECTIONS = workspace_people.SECTIONS  # new in version 3
SECTIONS_V3 = ("economics", "roles", "plans", "people", "assignments", "actuals", "person_actuals", "revenue", "closes")
SECTIONS = (*SECTIONS_V3[:-1], "deals", "closes")  # deals: new in version 4
SECTIONS_OF = {2: SECTIONS_V2, 3: SECTIONS_V3, 4: SECTIONS}
STORED_SECTIONS = SECTIONS
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
    "plans": ("role", "effective_from", *PLAN_FIELDS, *workspace_people.CURVE_KEYS, "clawback_months"),
    "actuals": ("month", "role", "headcount", *ACTUAL_NUMBERS),
    "revenue": ("month", "revenue"),
    **workspace_people.KEYS,
    "deals": workspace_deals.KEYS,
}
KEYS_V3 = {**KEYS, "plans": KEYS["plans"][:-1]}
KEYS_V2 = {**KEYS, "plans": ("role", "effective_from", *PLAN_FIELDS)}
KEYS_OF = {2: KEYS_V2, 3: KEYS_V3, 4: KEYS}


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
    counts: dict[str, SectionCounts] = field(
        default_factory=lambda: {name: SectionCounts() for name in STORED_SECTIONS}
    )
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{name}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
            for name, c in self.counts.items()
        ] + self.notes


# --- Validation ---------------------------------------------------------------------------


def _header(v: Validation, data: dict) -> int:
    """The file's version (the current one when it is wrong, so the rest is still checked)."""
    if data.get("format") != FORMAT:
        v.add("format", f'must be "{FORMAT}", not {shown(data.get("format"))}')
    version = data.get("version")
    if version not in VERSIONS or isinstance(version, bool):
        v.add("version", f"must be 2, 3 or 4, not {shown(version)}")
        version = VERSION
    sections = SECTIONS_OF[version]
    for key in data:
        if key in PEOPLE_SECTIONS and version == 2:
            v.add(key, 'is a section of version 3; write "version": 3 to import people and closes')
        elif key == "deals" and version < 4:
            v.add(key, 'is a section of version 4; write "version": 4 to import deals')
        elif key not in ("format", "version", *sections):
            v.add(key, f"unknown section; a workspace has {', '.join(sections)}")
    return version


Progress = Callable[[str, str, int], None]  # (what is done: "checked" or "wrote", the section, its records)


def _quiet(step: str, section: str, rows: int) -> None:
    pass


def validate_workspace(data: Any, *, approved: list | None = None, progress: Progress = _quiet) -> Validation:
    """Check the whole file against the models and the database; nothing is written. `approved`:
    the approved months when the caller has read them (while holding them), else read here."""
    v = Validation()
    with checking_in_bulk(approved_months() if approved is None else approved, v.stored_of), one_today():
        return _validate(data, v, progress)


def _validate(data: Any, v: Validation, progress: Progress) -> Validation:
    if not isinstance(data, dict):
        v.add("(file)", "must be a JSON object with format, version and the sections")
        return v
    version = _header(v, data)
    keys = KEYS_OF[version]
    sections = {section: records_of(v, data, section, keys[section]) for section in SECTIONS_OF[version]}
    check = Check(v, roles={role.name: role for role in v.remember(Role.objects.all())}, version=version)

    def checked(section: str) -> None:
        progress("checked", section, len(sections.get(section, ())))

    _economics(check, sections["economics"])
    checked("economics")
    _roles(check, sections["roles"])
    checked("roles")
    _plans(check, sections["plans"])
    checked("plans")
    people = workspace_people.PeopleCheck(check, sections)
    people.people()
    checked("people")
    people.assignments()
    checked("assignments")
    role_totals = _actuals(check, sections["actuals"], people)
    checked("actuals")
    people.person_actuals(role_totals)
    checked("person_actuals")
    _revenue(check, sections["revenue"])
    checked("revenue")
    workspace_deals.check_deals(check, sections.get("deals", []), people, role_totals)
    checked("deals")
    workspace_closes.check_closes(check, sections.get("closes", []))
    return v


def _economics(check: Check, rows: list) -> None:
    """Economics first: they decide which months can hold plans and actuals."""
    stored = {row.effective_from: row for row in check.v.remember(Economics.objects.all())}
    seen: dict = {}
    months = set(stored)
    defaults = {name: model_default(Economics, name) for name in ECONOMICS_DEFAULTED}
    for path, row in rows:
        bad: set[str] = set()
        month = check.read(path, row, "effective_from", parse_month, required=True, bad=bad)
        values = {
            name: check.read(path, row, name, parse_number, required=name not in ECONOMICS_DEFAULTED, bad=bad)
            for name in ECONOMICS_NUMBERS
        }
        existing = stored.get(month)
        instance = existing or Economics(effective_from=month)
        before = snapshot(instance, ECONOMICS_NUMBERS)
        apply_values(instance, values, defaults)
        label = f"effective_from {format_month(month)}" if month else ""
        check.keep("economics", path, instance, existing, before, ECONOMICS_NUMBERS, bad, month, label, seen)
        if month is not None:
            months.add(month)
    check.first_economics = min(months, default=None)


def _roles(check: Check, rows: list) -> None:
    stored = dict(check.roles)
    seen: dict = {}
    next_order = max((role.display_order for role in stored.values()), default=-1) + 1
    for path, row in rows:
        bad: set[str] = set()
        name = check.read(path, row, "name", to_text, required=True, bad=bad)
        kind = check.read(path, row, "kind", to_text, required=True, bad=bad)
        if kind is not None and kind not in Role.Kind.values:
            check.v.add(f"{path}.kind", f"must be one of {', '.join(Role.Kind.values)}, not {shown(kind)}")
            bad.add("kind")
            kind = None
        existing = stored.get(name)
        instance = existing or Role(name=name, display_order=next_order)
        before = snapshot(instance, ("kind",))
        if kind is not None:
            instance.kind = kind
        check.keep("roles", path, instance, existing, before, ("kind",), bad, name, f"name {name!r}", seen)
        if name is not None and name not in check.roles:
            check.roles[name] = instance
            next_order += 1


def _plans(check: Check, rows: list) -> None:
    plans = check.v.remember(QuotaPlan.objects.select_related("role").with_curves())
    stored = {(plan.role.name, plan.effective_from): plan for plan in plans}
    seen: dict = {}
    defaults = {name: model_default(QuotaPlan, name) for name in PLAN_DEFAULTED}
    tracked = (*PLAN_FIELDS, "cap_pct", "ramp", "clawback_months")
    for path, row in rows:
        bad: set[str] = set()
        role = check.role_for(path, row, bad)
        month = check.read(path, row, "effective_from", parse_month, required=True, bad=bad)
        check.check_covered(f"{path}.effective_from", month)
        values = {
            name: check.read(path, row, name, parse_number, required=name not in PLAN_DEFAULTED, bad=bad)
            for name in PLAN_FIELDS
        }
        existing = stored.get((role.name, month)) if role else None
        instance = existing or QuotaPlan(role=role, effective_from=month)
        before = snapshot(instance, tracked)
        apply_values(instance, values, defaults)
        if check.version >= 4:  # earlier versions say nothing of clawbacks: the window stays as stored
            window = check.read(path, row, "clawback_months", parse_whole_number, required=False, bad=bad)
            instance.clawback_months = model_default(QuotaPlan, "clawback_months") if window is None else window
        tiers = workspace_people.read_curve(check, path, row, instance, existing)
        key = (role.name, month) if role and month else None
        label = f"role {role.name!r}, effective_from {format_month(month)}" if key else ""
        record = check.keep("plans", path, instance, existing, before, tracked, bad, key, label, seen)
        if record is not None:
            record.tiers = tiers


def _actuals(check: Check, rows: list, people: "workspace_people.PeopleCheck") -> set:
    """Role actuals; returns the (role name, month) pairs that will hold a role total."""
    stored = {(a.role.name, a.month): a for a in check.v.remember(MonthlyActual.objects.select_related("role"))}
    role_totals = set(stored)
    seen: dict = {}
    fields = ("headcount", *ACTUAL_NUMBERS)
    for path, row in rows:
        bad: set[str] = set()
        role = check.role_for(path, row, bad)
        month = check.read(path, row, "month", parse_month, required=True, bad=bad)
        check.check_covered(f"{path}.month", month)
        values = {"headcount": check.read(path, row, "headcount", parse_whole_number, required=True, bad=bad)}
        for name in ACTUAL_NUMBERS:
            values[name] = check.read(path, row, name, parse_number, required=name not in ACTUAL_OPTIONAL, bad=bad)
        existing = stored.get((role.name, month)) if role else None
        instance = existing or MonthlyActual(role=role, month=month)
        if existing is not None:
            instance.role = role  # the role as the file leaves it: its rules follow the kind it gives
        before = snapshot(instance, fields)
        apply_values(instance, values, {})
        key = (role.name, month) if role and month else None
        label = f"role {role.name!r}, month {format_month(month)}" if key else ""

        def rules(instance=instance, key=key) -> None:
            instance.check_rules(people=people.people_in(*key) if key else [])

        check.keep("actuals", path, instance, existing, before, fields, bad, key, label, seen, rules)
        if key:
            role_totals.add(key)
    return role_totals


def _revenue(check: Check, rows: list) -> None:
    stored = {row.month: row for row in check.v.remember(MonthlyRevenue.objects.all())}
    seen: dict = {}
    for path, row in rows:
        bad: set[str] = set()
        month = check.read(path, row, "month", parse_month, required=True, bad=bad)
        revenue = check.read(path, row, "revenue", parse_number, required=True, bad=bad)
        existing = stored.get(month)
        instance = existing or MonthlyRevenue(month=month)
        before = snapshot(instance, ("revenue",))
        instance.revenue = revenue
        label = f"month {format_month(month)}" if month else ""
        check.keep("revenue", path, instance, existing, before, ("revenue",), bad, month, label, seen)


def import_workspace(
    data: Any,
    *,
    reason: str = CHANGE_REASON,
    labels: dict[str, str] | None = None,
    problems: Iterable[str] = (),
    by=None,
    note: str | None = None,
    progress: Progress = _quiet,
) -> ImportSummary:
    """Validate the whole workspace, then merge it in one transaction; raise WorkspaceInvalid.

    `labels` renames paths in messages and `problems` adds those already found, so that a
    file translated into a workspace (the legacy config) reports in its own terms, all at once.
    The file's closes are taken as `by` (a user, with the permissions the dashboard asks; None:
    an import) and logged with `note` (default: `reason`). `progress(step, section, rows)` is
    told as each section is checked and written, for a long import's command to show.

    One transaction, one new data version (`one_version_bump`), and no query a record: what the
    rules need is read once (workspace_records.py), and rows are written in bulk with their history.
    """
    with transaction.atomic(), one_version_bump():
        # Every month held before anything is checked (performance/month_lock.py): no close step
        # runs until the file is in, and the check sees every approval made before it.
        approved = hold(every=True)
        validation = validate_workspace(data, approved=approved, progress=progress)
        found = [*problems, *(_relabel(problem, labels or {}) for problem in validation.problems)]
        if found:
            raise WorkspaceInvalid(found)
        summary = ImportSummary(notes=validation.notes)
        with checking_in_bulk(approved, validation.stored_of):
            write_records(validation.records, summary, reason, by, progress)
        try:
            closes = workspace_closes.apply_closes(validation, note or reason, by)
        except StepRefused as refused:
            raise WorkspaceInvalid([str(refused)]) from refused
        counts = summary.counts["closes"]
        counts.created, counts.updated, counts.unchanged = closes
    return summary


def _relabel(problem: str, labels: dict[str, str]) -> str:
    path, _, message = problem.partition(": ")
    return f"{labels.get(path, path)}: {message}"
