"""Version 3 of the workspace: people, assignments, person actuals, plans' pay curves, closes.

Natural keys: person name; person + start; person + month. The rules that span records are the
models' own `check_rules`, given the file merged into what is stored: an assignment is checked
against the person's stored assignments the file does not replace and those earlier in the
file (so an overlap is reported once, on the later record); a person actual against the
assignment in force that month and the role totals the database will hold, and a role actual
(workspace.py) against the people with numbers in its role that month.

A person's `username` names their login: an existing one is linked; an unknown one is created
without a usable password (it signs in with single sign-on, or once an admin sets a password).

Closes are read, checked and applied by workspace_closes.py.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError

from compensation import logins
from compensation.curves import ramp_problems, tier_problems
from compensation.models import Assignment, Person, PlanTier, QuotaPlan, Role
from otesite.lib.months import format_month
from otesite.lib.parse import ParseError, parse_month, parse_month_or_day, parse_number, shown
from performance.exchange.workspace_records import Check, apply_values, records_of, snapshot, to_bool, to_text
from performance.models import PersonActual

SECTIONS = ("people", "assignments", "person_actuals", "closes")
CURVE_KEYS = ("tiers", "cap_pct", "ramp")
TIER_KEYS = ("from_pct", "multiplier")
PERSON_ACTUAL_NUMBERS = ("units", "credited_deals", "meetings_held", "earnings")
KEYS = {
    "people": ("name", "email", "username"),
    "assignments": ("person", "role", "start", "end", "ramp"),
    "person_actuals": ("month", "person", *PERSON_ACTUAL_NUMBERS),
    "closes": ("month", "state"),
}


# --- Plans' pay curves ----------------------------------------------------------------------


def read_curve(check: Check, path: str, row: dict, plan: QuotaPlan, existing: QuotaPlan | None) -> list | None:
    """Set the plan's cap and ramp from the row; return its bands when they differ from the stored
    ones (None: leave them). A version 2 file says nothing about curves: they stay as stored."""
    if check.version == 2:
        return None
    plan.cap_pct = check.read(path, row, "cap_pct", parse_number, required=False, bad=set())
    ramp = _ramp(check, f"{path}.ramp", row.get("ramp"))
    if ramp is not None:
        plan.ramp = ramp
    tiers = _tiers(check, f"{path}.tiers", row.get("tiers"))
    stored = [(tier.from_pct, tier.multiplier) for tier in existing.tiers.all()] if existing else []
    if tiers is None or [(tier.from_pct, tier.multiplier) for tier in tiers] == stored:
        return None
    return tiers


def _ramp(check: Check, path: str, value) -> tuple | None:
    if value is None:
        return ()
    if not isinstance(value, list):
        check.v.add(path, f'must be a list of quota fractions, e.g. ["0.5", "0.75"], not {shown(value)}')
        return None
    fractions, problems = [], False
    for index, item in enumerate(value):
        try:
            fractions.append(parse_number(item))
        except ParseError as error:
            check.v.add(f"{path}[{index}]", str(error))
            problems = True
    if problems:
        return None
    for index, message in ramp_problems(fractions):
        check.v.add(f"{path}[{index}]", message)
        problems = True
    return None if problems else tuple(fractions)


def _tiers(check: Check, path: str, value) -> list | None:
    if value is None:
        return []
    if not isinstance(value, list):
        check.v.add(path, f"must be a list of bands {{from_pct, multiplier}}, not {shown(value)}")
        return None
    rows = records_of(check.v, {path: value}, path, TIER_KEYS)
    if len(rows) != len(value):
        return None
    tiers, before = [], len(check.v.problems)
    for tier_path, row in rows:
        bad = {"plan"}
        tier = PlanTier(
            from_pct=check.read(tier_path, row, "from_pct", parse_number, required=True, bad=bad),
            multiplier=check.read(tier_path, row, "multiplier", parse_number, required=True, bad=bad),
        )
        check.clean(tier_path, tier, bad)
        tiers.append(tier)
    for index, name, message in tier_problems([(tier.from_pct, tier.multiplier) for tier in tiers]):
        check.v.add(f"{path}[{index}].{name}", message)
    return None if len(check.v.problems) > before else tiers


def replace_tiers(plan: QuotaPlan, tiers: list[PlanTier], reason: str) -> None:
    plan.tiers.all().delete()
    for tier in tiers:
        tier.plan = plan
        tier._change_reason = reason
        tier.save()


# --- People, assignments, person actuals ----------------------------------------------------


def _quiet_key(row: dict, name_key: str, month_key: str, read=parse_month) -> tuple[str, date] | None:
    try:
        return to_text(row.get(name_key)), read(row.get(month_key))
    except ParseError:
        return None


def _whole_month(value) -> tuple[date, None]:
    """Before version 4 an assignment starts and ends on months only."""
    return parse_month(value), None


def _month_of(value) -> date:
    return parse_month_or_day(value)[0]


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


class PeopleLogins:
    """The logins the people of a file name: existing ones (linked) and new ones (created)."""

    def __init__(self, check: Check, names_in_file: set[str], usernames: set[str]) -> None:
        self.check, self.names_in_file = check, names_in_file
        self.owners = dict(Person.objects.exclude(user=None).values_list("user_id", "name"))
        self.users = {user.username: user for user in logins.User.objects.filter(username__in=usernames)}
        self.created: list[str] = []

    def login_for(self, path: str, name: str | None, username: str | None, email: str):
        """The login to link (an unsaved one when it is new), or None; problems go to the check."""
        if username is None:
            return None
        user = self.users.get(username)
        if user is None:
            try:
                user = logins.User(username=logins.check_new_username(username), email=email)
            except ValidationError as error:
                for message in error.messages:
                    self.check.v.add(path, message)
                return None
            self.created.append(username)
            return user
        owner = self.owners.get(user.pk)
        if owner is not None and owner != name and owner not in self.names_in_file:
            self.check.v.add(path, f"{username!r} is the login of {owner}, whom this file leaves as stored")
        return user

    @staticmethod
    def attach(person: Person, reason: str) -> None:
        """Before the person is saved: create their new login, or take theirs from whoever the
        file moves it away from (that person's own record saves their new login)."""
        user = person.user
        if user is None:
            return
        if user.pk is None:
            user.set_unusable_password()
            user._change_reason = reason
            user.save()
            person.user = user
        else:
            Person.objects.filter(user_id=user.pk).exclude(pk=person.pk).update(user=None)


NEW_LOGINS_NOTE = (
    "logins created without a password: {usernames} (each signs in with single sign-on, "
    "or once an admin sets a password)"
)


class PeopleCheck:
    """Reads the version 3 sections, knowing the stored people and what the file adds to them."""

    def __init__(self, check: Check, sections: dict) -> None:
        self.check, self.sections = check, sections
        remember = check.v.remember
        self.persons = {person.name: person for person in remember(Person.objects.select_related("user"))}
        self.stored_assignments: dict[str, dict[date, Assignment]] = defaultdict(dict)
        for assignment in remember(Assignment.objects.select_related("person", "role")):
            self.stored_assignments[assignment.person.name][assignment.start] = assignment
        self.merged = defaultdict(dict, {name: dict(found) for name, found in self.stored_assignments.items()})
        actuals = remember(PersonActual.objects.select_related("person"))
        self.stored_actuals = {(actual.person.name, actual.month): actual for actual in actuals}
        self.recorded: dict[date, set[str]] = defaultdict(set)  # who will have numbers in each month
        keys = [_quiet_key(row, "person", "month") for _, row in sections.get("person_actuals", [])]
        for name, month in [*self.stored_actuals, *filter(None, keys)]:
            self.recorded[month].add(name)

    def role_of(self, name: str, month: date) -> Role | None:
        """The role `name` holds in `month` once the file is merged (None: no assignment)."""
        found = (a for a in self.merged.get(name, {}).values() if a.start is not None and a.covers(month))
        role = next((a.role for a in found if a.role_id is not None or a.role is not None), None)
        return None if role is None else self.check.roles.get(role.name, role)  # with the kind the file gives

    def people_in(self, role_name: str, month: date) -> list[str]:
        """Who will have numbers in `role_name` in `month`: the role is then kept person by person."""
        return sorted(
            name
            for name in self.recorded.get(month, ())
            if (role := self.role_of(name, month)) and role.name == role_name
        )

    def person_for(self, path: str, row: dict, bad: set[str]) -> Person | None:
        name = self.check.read(path, row, "person", to_text, required=True, bad=bad)
        if name is not None and name not in self.persons:
            self.check.v.add(f"{path}.person", f"{shown(name)} is not a person")
        person = self.persons.get(name)
        if person is None or person.pk is None:
            bad.add("person")  # unknown, or created by this file: skip its database-side checks
        return person

    def people(self) -> None:
        check, seen, usernames = self.check, {}, {}
        rows = self.sections.get("people", [])
        logins = PeopleLogins(
            check,
            {to_text(row["name"]) for _, row in rows if _is_text(row.get("name"))},
            {to_text(row["username"]) for _, row in rows if _is_text(row.get("username"))},
        )
        for path, row in rows:
            bad: set[str] = {"user"}  # the login is checked by PeopleLogins, against the file too
            name = check.read(path, row, "name", to_text, required=True, bad=bad)
            email = check.read(path, row, "email", to_text, required=False, bad=bad)
            username = check.read(path, row, "username", to_text, required=False, bad=bad)
            existing = self.persons.get(name)
            instance = existing or Person(name=name)
            before = snapshot(instance, ("email", "username"))
            instance.email = email or ""
            instance.user = logins.login_for(f"{path}.username", name, username, instance.email)
            if username is not None:
                check.duplicate(usernames, username, f"{path}.username", f"username {username!r}")
            record = check.keep(
                "people", path, instance, existing, before, ("email", "username"), bad, name, f"name {name!r}", seen
            )
            if record is not None:
                record.before_save = logins.attach
            if name is not None and name not in self.persons:
                self.persons[name] = instance
        if logins.created:
            check.v.notes.append(NEW_LOGINS_NOTE.format(usernames=", ".join(logins.created)))

    def assignments(self) -> None:
        check, seen = self.check, {}
        rows = self.sections.get("assignments", [])
        replaced = {key for _, row in rows if (key := _quiet_key(row, "person", "start", _month_of))}
        # Version 4: a start or end may be a day (DOMAIN.md's *Days*); the key stays person + start month,
        # which the database holds unique, and the day is a value of the record.
        edge = parse_month_or_day if check.version >= 4 else _whole_month
        tracked = ("role_id", "end", "ramp", *(("start_day", "end_day") if check.version >= 4 else ()))
        earlier: dict[str, list[Assignment]] = defaultdict(list)
        for path, row in rows:
            bad: set[str] = set()
            person = self.person_for(path, row, bad)
            role = check.role_for(path, row, bad)
            start, start_day = check.read(path, row, "start", edge, required=True, bad=bad) or (None, None)
            end, end_day = check.read(path, row, "end", edge, required=False, bad=bad) or (None, None)
            ramp = check.read(path, row, "ramp", to_bool, required=False, bad=bad)
            name = person.name if person else None
            existing = self.stored_assignments.get(name, {}).get(start) if name and start else None
            instance = existing or Assignment(person=person, start=start)
            before = snapshot(instance, tracked)
            if role is not None:
                instance.role = role
            instance.end, instance.ramp = end, True if ramp is None else ramp
            if check.version >= 4:
                instance.start_day, instance.end_day = start_day, end_day
            stored = [a for a in self.stored_assignments.get(name, {}).values() if (name, a.start) not in replaced]
            others = [*stored, *earlier[name]] if person else []

            def rules(instance=instance, others=others) -> None:
                instance.check_rules(others)

            key = (name, start) if name and start else None
            label = f"person {name!r}, start {format_month(start)}" if key else ""
            record = check.keep(
                "assignments",
                path,
                instance,
                existing,
                before,
                tracked,
                bad,
                key,
                label,
                seen,
                rules,
            )
            if record is not None and role is not None:
                record.changed = record.changed or (existing is not None and existing.role is not role)
                earlier[name].append(instance)
                self.merged[name][start] = instance

    def person_actuals(self, role_totals: set[tuple[str, date]]) -> None:
        """Person actuals, given the (role name, month) pairs that will hold a role total."""
        check, seen = self.check, {}
        for path, row in self.sections.get("person_actuals", []):
            bad: set[str] = set()
            person = self.person_for(path, row, bad)
            month = check.read(path, row, "month", parse_month, required=True, bad=bad)
            values = {
                name: check.read(path, row, name, parse_number, required=name == "units", bad=bad)
                for name in PERSON_ACTUAL_NUMBERS
            }
            name = person.name if person else None
            existing = self.stored_actuals.get((name, month))
            instance = existing or PersonActual(person=person, month=month)
            before = snapshot(instance, PERSON_ACTUAL_NUMBERS)
            apply_values(instance, values, {})
            role = self.role_of(name, month) if name and month else None
            role_total = role is not None and (role.name, month) in role_totals

            def rules(instance=instance, role=role, role_total=role_total) -> None:
                instance.check_rules(role=role, role_total=role_total, first_economics=check.first_economics)

            key = (name, month) if name and month else None
            label = f"person {name!r}, month {format_month(month)}" if key else ""
            check.keep(
                "person_actuals", path, instance, existing, before, PERSON_ACTUAL_NUMBERS, bad, key, label, seen, rules
            )
