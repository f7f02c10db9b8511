"""The plan timeline: every plan version with the months it governs, and who changed what.

Read in five queries whatever the history: roles, plans, plan history (with its users),
business assumptions and their history. The audit trail pairs each history record with
the previous record of the same object in Python (``diff_against`` given that record
queries nothing), so the page does not issue a query per change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from compensation.models import Economics, QuotaPlan, Role
from otesite.lib.months import add_months, format_month

HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
# Bookkeeping, not content: left out of the diffs.
UNTRACKED = {"id"}


@dataclass(frozen=True)
class Version:
    """One effective-dated record and the months it governs (``until`` None: to now)."""

    record: Any
    since: date
    until: date | None

    @property
    def governs(self) -> str:
        if self.until is None:
            return f"governs {format_month(self.since)} to now"
        return f"governs {format_month(self.since)} to {format_month(self.until)}"


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    user: str
    history_type: str
    subject: str
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""  # the admin's "reason for this change", when one was given

    @property
    def action(self) -> str:
        return HISTORY_TYPES.get(self.history_type, self.history_type)


@dataclass(frozen=True)
class RoleTimeline:
    role: Role
    versions: list[Version]
    audit: list[AuditEntry]


@dataclass(frozen=True)
class Timeline:
    roles: list[RoleTimeline]
    economics: list[Version]
    economics_audit: list[AuditEntry]


def versions(records: Sequence[Any]) -> list[Version]:
    """Records sorted by effective_from: each governs until the month before the next starts."""
    ordered = sorted(records, key=lambda record: record.effective_from)
    return [
        Version(
            record,
            record.effective_from,
            add_months(ordered[index + 1].effective_from, -1) if index + 1 < len(ordered) else None,
        )
        for index, record in enumerate(ordered)
    ]


def _show(model: type[models.Model], name: str, value: Any, role_names: dict[int, str]) -> str:
    if value is None:
        return "—"
    if name in ("role", "role_id"):
        return role_names.get(value, f"role #{value}")
    if isinstance(value, date):
        return format_month(value) if name == "effective_from" else value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    try:
        verbose = model._meta.get_field(name).verbose_name
    except Exception:  # a field only the history table has
        verbose = name.replace("_", " ")
    text = str(verbose)
    return text[:1].upper() + text[1:]


def _tracked_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name not in UNTRACKED]


def audit_trail(records: Iterable[Any], model: type[models.Model], role_names: dict[int, str]) -> list[AuditEntry]:
    """History records of one model as entries, newest first, with old and new values."""
    by_object: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    names = _tracked_fields(model)
    entries = []
    for history in by_object.values():
        history.sort(key=lambda record: (record.history_date, record.history_id))
        previous = None
        for record in history:
            entries.append(_entry(record, previous, model, names, role_names))
            previous = record
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _entry(record: Any, previous: Any, model: type[models.Model], names: list[str], role_names) -> AuditEntry:
    user = record.history_user.get_username() if record.history_user else "system"
    changes: list[FieldChange] = []
    if record.history_type == "+" or previous is None:
        for name in names:
            value = getattr(record, _attribute(model, name))
            changes.append(FieldChange(_label(model, name), "—", _show(model, name, value, role_names)))
    elif record.history_type == "~":
        delta = record.diff_against(previous, included_fields=names)
        for change in delta.changes:
            changes.append(
                FieldChange(
                    _label(model, change.field),
                    _show(model, change.field, change.old, role_names),
                    _show(model, change.field, change.new, role_names),
                )
            )
    subject = _subject(record, model, role_names)
    reason = record.history_change_reason or ""
    return AuditEntry(record.history_date, user, record.history_type, subject, changes, reason)


def _attribute(model: type[models.Model], name: str) -> str:
    """Foreign keys are read by their id, which the history row holds without a query."""
    return model._meta.get_field(name).attname


def _subject(record: Any, model: type[models.Model], role_names: dict[int, str]) -> str:
    since = format_month(record.effective_from)
    if model is QuotaPlan:
        return f"{role_names.get(record.role_id, 'a deleted role')} plan from {since}"
    return f"Business assumptions from {since}"


def plan_timeline() -> Timeline:
    roles = list(Role.objects.all())
    role_names = {role.pk: role.name for role in roles}
    plans_by_role: dict[int, list[QuotaPlan]] = defaultdict(list)
    for plan in QuotaPlan.objects.all():
        plans_by_role[plan.role_id].append(plan)
    history_by_role: dict[int, list[Any]] = defaultdict(list)
    for record in QuotaPlan.history.select_related("history_user"):
        history_by_role[record.role_id].append(record)
    return Timeline(
        roles=[
            RoleTimeline(
                role,
                versions(plans_by_role[role.pk]),
                audit_trail(history_by_role[role.pk], QuotaPlan, role_names),
            )
            for role in roles
        ],
        economics=versions(list(Economics.objects.all())),
        economics_audit=audit_trail(Economics.history.select_related("history_user"), Economics, role_names),
    )
