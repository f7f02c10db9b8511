"""What the batch writers share: finding the people and roles a batch names (in one query each),
and what a batch did."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.db.models.functions import Lower

from compensation.models import Person, Role
from performance import actuals_bulk
from performance.actuals import as_clause
from performance.actuals_bulk import ActualsRefused, Checked, PersonRecord, RoleRecord
from performance.api.problems import BatchRefused, MonthsLocked, Problem
from performance.locks import locked_message

MAX_RECORDS = 5_000  # as the CSV imports: a batch is checked in well under a second


@dataclass
class Written:
    """What a batch did, record by record (keys as the client wrote them: a deal's id, "2026-03 Closers")."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def add(self, action: str, key: str) -> None:
        {"create": self.created, "update": self.updated, "unchanged": self.unchanged}[action].append(key)

    def json(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


class People:
    """The people a batch names, by id (a whole number) or by name or e-mail (text), in one query."""

    def __init__(self, refs: Iterable[int | str | None]) -> None:
        refs = [ref for ref in refs if ref is not None]
        ids = {ref for ref in refs if isinstance(ref, int)}
        texts = {ref for ref in refs if isinstance(ref, str)}
        found = (
            Person.objects.annotate(email_lower=Lower("email"))
            .filter(Q(pk__in=ids) | Q(name__in=texts) | Q(email_lower__in={text.lower() for text in texts}))
            .values_list("pk", "name", "email")
        )
        self.names: dict[int, str] = {}
        self.by_name: dict[str, int] = {}
        self.by_email: dict[str, list[int]] = {}
        for pk, name, email in found:
            self.names[pk] = name
            self.by_name[name] = pk
            if email:
                self.by_email.setdefault(email.lower(), []).append(pk)

    def find(self, ref: int | str) -> tuple[int | None, str | None]:
        """(the person's id, None), or (None, why not)."""
        if isinstance(ref, int):
            return (ref, None) if ref in self.names else (None, f"no person has the id {ref}")
        if ref in self.by_name:
            return self.by_name[ref], None
        matches = self.by_email.get(ref.lower(), [])
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, f'"{ref}" is the e-mail of {len(matches)} people; name the person instead'
        return None, f'"{ref}" is not a person'


class Roles:
    """Every role, by id and by name (one query)."""

    def __init__(self) -> None:
        self.all = list(Role.objects.order_by("display_order", "id"))
        self.by_id = {role.pk: role for role in self.all}
        self.by_name = {role.name: role for role in self.all}

    def find(self, ref: int | str) -> tuple[Role | None, str | None]:
        if isinstance(ref, int):
            return (self.by_id[ref], None) if ref in self.by_id else (None, f"no role has the id {ref}")
        if ref in self.by_name:
            return self.by_name[ref], None
        known = ", ".join(self.by_name) or "none yet"
        return None, f'no role is called "{ref}" (roles: {known})'


def model_problems(error: ValidationError, where: str, renamed: dict[str, str] | None = None) -> list[Problem]:
    """A model's ValidationError as problems: a field's at `where.field` (as a clause, as the CSV
    imports write it), the record's own at `where`."""
    renamed = renamed or {}
    problems = []
    for name, messages in error.message_dict.items():
        if name == NON_FIELD_ERRORS:
            problems += [Problem(where, message) for message in messages]
        else:
            problems += [Problem(f"{where}.{renamed.get(name, name)}", as_clause(message)) for message in messages]
    return problems


def actuals_refused(refused: ActualsRefused, problems: list[Problem]) -> BatchRefused:
    """The bulk service's refusal (performance/actuals_bulk.py) as the API says it, after the
    batch's own `problems` (names not found, duplicates): a record that would change an approved
    month makes it a 409 naming the months, the lock's problems first."""
    checked = refused.checked
    problems = problems + [
        Problem(f"{refusal.where}.{refusal.field}" if refusal.field else str(refusal.where), refusal.message)
        for refusal in checked.refusals
    ]
    if checked.locked:
        lock = [Problem(f"{where}.month", locked_message(months)) for where, months in checked.locked.items()]
        return MonthsLocked({month for months in checked.locked.values() for month in months}, lock + problems)
    return BatchRefused(problems)


def save_actuals(
    roles: Sequence[RoleRecord] = (), people: Sequence[PersonRecord] = (), *, problems: list[Problem], user, reason: str
) -> Checked:
    """Store the batch's records through the bulk service (performance/actuals_bulk.py), or raise
    BatchRefused / MonthsLocked with every problem: the batch's own `problems` (records left out
    because a name was not found or a key repeated) and the rules'. A batch with problems of its
    own is refused whatever the rules say of its other records, which are checked all the same."""
    try:
        if not problems:
            return actuals_bulk.save(roles, people, user=user, reason=reason)
        refused = ActualsRefused(actuals_bulk.check(roles, people))
    except ActualsRefused as error:
        refused = error
    raise actuals_refused(refused, problems)
