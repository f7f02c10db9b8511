"""Reading a workspace file record by record, for workspace.py and workspace_people.py.

Each record becomes an unsaved (or changed, not yet saved) model instance and goes through
the model's own rules, every problem kept with its JSON path (`plans[2].monthly_quota: ...`).
Rules that span records (overlapping assignments, a role's month kept one way) are judged
against the file merged into what is stored, so `Check` carries what the file will create.

Checking costs no query a record: what the rules need is read once per section (the stored
records, remembered as read in `Validation.originals`, the approved months), each record goes
through the model's field rules and its rule function in Python (`full_clean_with(...,
database=False)`: no uniqueness or constraint query, no foreign key looked up again), and
uniqueness is the natural keys' (within the file by `Check.duplicate`, against what is stored by
merging). The database's constraints stay as the last guard.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from compensation.models import Role
from otesite.lib.parse import ParseError, shown
from otesite.lib.rules import full_clean_with, month_not_covered


def to_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParseError(f"must be a non-empty text, not {shown(value)}")
    return value.strip()


def to_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ParseError(f"must be true or false, not {shown(value)}")
    return value


@dataclass
class Record:
    """One record of the file as an unsaved (or changed, not yet saved) model instance.

    `tiers`: for a plan, its bands as the file has them when they differ from the stored ones
    (None: leave the stored bands as they are). `before_save`: what saving it needs first (a
    person's new login)."""

    section: str
    instance: models.Model
    is_new: bool
    changed: bool
    tiers: list | None = None
    path: str = ""  # where it is in the file, for messages
    before_save: Callable[[models.Model, str], None] | None = None  # given the instance and the reason
    children_changed: bool = False  # rows that belong to it change (a deal's closers): counted as updated
    deleting: bool = False  # a stored row the file no longer names (a deal's former closer)


@dataclass
class Validation:
    problems: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    closes: list = field(default_factory=list)  # workspace_closes.CloseRecord, applied last
    originals: dict = field(default_factory=dict)  # (model label, pk): the stored record as read

    def remember(self, rows: Iterable[models.Model]) -> list[models.Model]:
        """The stored rows, each kept as read (before the file changes it) for the lock's rules."""
        rows = list(rows)
        for row in rows:
            self.originals[(row._meta.label, row.pk)] = copy.copy(row)
        return rows

    def stored_of(self, instance: models.Model):
        """The record as stored before the file's changes; the lock asks the database when unknown."""
        from performance.locks import ASK

        return self.originals.get((instance._meta.label, instance.pk), ASK)

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")


def snapshot(instance: models.Model, names: Iterable[str]) -> dict:
    return {name: getattr(instance, name) for name in names}


def apply_values(instance: models.Model, values: dict, defaults: dict) -> None:
    for name, value in values.items():
        setattr(instance, name, defaults.get(name) if value is None and name in defaults else value)


def model_default(model: type[models.Model], name: str):
    return model._meta.get_field(name).get_default()


@dataclass
class Check:
    """The state of one validation: the problems and records so far, and what the file adds."""

    v: Validation
    roles: dict[str, Role]
    first_economics: date | None = None
    version: int = 3

    def clean(self, path: str, instance: models.Model, bad: set[str], rules: Callable[[], None] | None = None) -> None:
        """The model's own rules (fields, then clean() or `rules`), errors mapped to JSON paths. No
        query: foreign keys were found by name in what was read, uniqueness is the natural keys'."""
        related = {f.name for f in instance._meta.concrete_fields if f.is_relation}
        try:
            full_clean_with(instance, bad | related, rules or instance.clean, database=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                where = path if name == NON_FIELD_ERRORS else f"{path}.{name}"
                for message in messages:
                    self.v.add(where, message)

    def read(self, path: str, row: dict, key: str, reader, *, required: bool, bad: set[str]):
        value = row.get(key)
        if value is None:
            if required:
                self.v.add(f"{path}.{key}", "is required")
                bad.add(key)
            return None
        try:
            return reader(value)
        except ParseError as error:
            self.v.add(f"{path}.{key}", str(error))
            bad.add(key)
            return None

    def keep(
        self, section, path, instance, existing, before, tracked, bad, key, label, seen, rules=None
    ) -> Record | None:
        """Clean the instance always (every problem is reported); keep it when its key is sound."""
        self.clean(path, instance, bad, rules)
        if key is None or self.duplicate(seen, key, path, label):
            return None
        changed = existing is not None and before != snapshot(instance, tracked)
        record = Record(section, instance, existing is None, changed, path=path)
        self.v.records.append(record)
        return record

    def duplicate(self, seen: dict, key, path: str, label: str) -> bool:
        if key in seen:
            self.v.add(path, f"duplicates {seen[key]} ({label})")
            return True
        seen[key] = path
        return False

    def role_for(self, path: str, row: dict, bad: set[str]) -> Role | None:
        name = self.read(path, row, "role", to_text, required=True, bad=bad)
        if name is not None and name not in self.roles:
            self.v.add(f"{path}.role", f"no role named {name!r} in the file or the database")
        role = self.roles.get(name)
        if role is None or role.pk is None:
            # Unknown, or created by this file: the database-side checks of the role skip it.
            bad.add("role")
        return role

    def check_covered(self, path: str, month: date | None) -> None:
        if month is not None and (problem := month_not_covered(month, self.first_economics)):
            self.v.add(path, problem)


def records_of(v: Validation, data: dict, section: str, keys: tuple[str, ...]) -> list:
    """The section's records as (path, row). Every section is optional (DOMAIN.md: only `format`
    and `version` are required): a missing one, or null, is empty, and changes nothing stored."""
    rows = data.get(section)
    if rows is None:
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
            if key not in keys:
                v.add(f"{path}.{key}", f"unknown key; a record of {section} has {', '.join(keys)}")
        result.append((path, row))
    return result
