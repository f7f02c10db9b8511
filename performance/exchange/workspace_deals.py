"""Version 4 of the workspace: deals, by their CRM `id` (DOMAIN.md's *Deals*).

A deal is checked with the one rule set every way in uses (performance/deal_rules.py:
`deal_problems`), but its facts (who holds which role in the close month, people's names, the
approved months, the months with role totals or person actuals of closers and managers) come from
the FILE MERGED WITH WHAT IS STORED rather than from `DealFacts.load`: a file may create the people,
assignments and actuals its deals meet. People the file creates have no id yet, so they are known
to the rules by a stand-in (a negative number); the rules only compare ids and print names.

Every problem carries its JSON path: `deals[3].closed_on`, `deals[3].closers[1].share`, and a
rule about one closer is put on that closer (`deals[3].closers[1].person: Ana Ruiz holds ...`).
The converse rule (a month kept by deals takes no role totals and no person actuals of closers
or managers) is reported on the deal when both are in the file, and on the actual when the deal
is a stored one the file does not carry.

A deal's closers are rows of their own (DealCloser): a stored deal keeps the rows of the people
still named (their share updated where it differs), gains the new ones and loses the others.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from otesite.lib.months import format_month
from otesite.lib.parse import parse_day, parse_number, shown
from otesite.lib.rules import today
from performance.deal_rules import DealFacts, DealValues, deal_problems
from performance.exchange.workspace_records import Check, Record, records_of, snapshot, to_text
from performance.models import Deal, DealCloser, MonthClose

KEYS = ("id", "closed_on", "value", "upfront", "closers", "setter", "cancelled_on")
CLOSER_KEYS = ("person", "share")
DEAL_FIELDS = ("closed_on", "value", "upfront", "setter", "cancelled_on")  # people compare by id
FIELD_KEYS = {"crm_id": "id", "closers": "closers"}  # the model's names as the file writes them
ONE = Decimal(1)


class PersonKeys:
    """People as the deal rules know them: a stored person by id, one the file creates by a
    stand-in below 0, so that the file's people meet the rules as the stored ones do."""

    def __init__(self, persons: dict) -> None:
        self.ids: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for index, (name, person) in enumerate(persons.items()):
            key = person.pk if person.pk is not None else -(index + 1)
            self.ids[name], self.names[key] = key, name


def _stored_deals() -> dict[str, Deal]:
    """Every stored deal with its closers and their people (two queries)."""
    deals = Deal.objects.prefetch_related("closers__person").select_related("setter")
    return {deal.crm_id: deal for deal in deals}


def _stored_values(deal: Deal) -> DealValues:
    closers = tuple((closer.person_id, closer.share) for closer in deal.closers.all())
    return DealValues(deal.crm_id, deal.closed_on, deal.value, deal.upfront, closers, deal.setter_id, deal.cancelled_on)


def _field_problems(check: Check, path: str, instance, exclude: set[str]) -> None:
    """The model's own field rules (digits, decimal places, the id's length), in the file's names."""
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                check.v.add(f"{path}.{FIELD_KEYS.get(name, name)}", message)


def _closers(check: Check, path: str, value, persons: dict) -> list[tuple[str, Decimal]] | None:
    """The closers as (name, share); None when any is unreadable (each problem at its place)."""
    where = f"{path}.closers"
    if value is None:
        check.v.add(where, "is required")
        return None
    if not isinstance(value, list) or not value:
        check.v.add(
            where,
            f'must be a list of {{person, share}}, e.g. [{{"person": "Ana Ruiz", "share": "1"}}], not {shown(value)}',
        )
        return None
    rows = records_of(check.v, {where: value}, where, CLOSER_KEYS)
    if len(rows) != len(value):
        return None
    found, sound = [], True
    for closer_path, row in rows:
        bad: set[str] = set()
        name = check.read(closer_path, row, "person", to_text, required=True, bad=bad)
        if name is not None and name not in persons:
            check.v.add(f"{closer_path}.person", f"{shown(name)} is not a person")
            bad.add("person")
        share = check.read(closer_path, row, "share", parse_number, required=len(value) > 1, bad=bad)
        share = ONE if share is None and "share" not in bad else share
        if share is not None:
            _field_problems(check, closer_path, DealCloser(share=share), {"deal", "person"})
        if bad:
            sound = False
        found.append((name, share))
    return found if sound else None


def _rule_path(path: str, field: str, message: str, closers: list[tuple[str, Decimal]]) -> str:
    """Where a rule's message belongs: on the closer it names when it names one."""
    if field != "closers":
        return f"{path}.{FIELD_KEYS.get(field, field)}"
    for index, (name, _) in enumerate(closers):
        if message.startswith(f"{name}'s share"):
            return f"{path}.closers[{index}].share"
        if message.startswith(f"{name} "):
            return f"{path}.closers[{index}].person"
    return f"{path}.closers"


def _facts(people, keys: PersonKeys, deals: list[DealValues], role_totals: set, approved: frozenset) -> DealFacts:
    """DealFacts for `deals`, from the file merged with what is stored (no query)."""
    months = {deal.close_month for deal in deals}
    facts = DealFacts(names=keys.names, approved=approved)
    for deal in deals:
        ids = [person_id for person_id, _ in deal.closers] + [deal.setter_id] * (deal.setter_id is not None)
        for person_id in ids:
            role = people.role_of(keys.names[person_id], deal.close_month)
            if role is not None:
                facts.roles[(person_id, deal.close_month)] = (role.name, role.kind)
    for role_name, month in role_totals:
        if month in months:
            facts.role_totals.setdefault(month, []).append(role_name)
    for month in months:
        for name in sorted(people.recorded.get(month, ())):
            role = people.role_of(name, month)
            if role is not None and role.kind in ("closer", "manager"):
                facts.kept_by_person.setdefault(month, []).append(name)
    return facts


def check_deals(check: Check, rows: list, people, role_totals: set) -> None:
    """Read, check and keep the file's deals; refuse the file's role totals and closers' or
    managers' person actuals in months kept by stored deals."""
    # The stored deals themselves only when the file has deals; else only the months they keep.
    stored = _stored_deals() if rows else {}
    keys = PersonKeys(people.persons)
    approved = frozenset(MonthClose.objects.approved().values_list("month", flat=True)) if rows else frozenset()
    read: list[tuple[str, DealValues, list, Deal | None]] = []
    seen: dict = {}
    for path, row in rows:
        bad: set[str] = set()
        crm_id = check.read(path, row, "id", to_text, required=True, bad=bad)
        closed_on = check.read(path, row, "closed_on", parse_day, required=True, bad=bad)
        value = check.read(path, row, "value", parse_number, required=True, bad=bad)
        upfront = check.read(path, row, "upfront", parse_number, required=False, bad=bad)
        cancelled_on = check.read(path, row, "cancelled_on", parse_day, required=False, bad=bad)
        closers = _closers(check, path, row.get("closers"), people.persons)
        setter = check.read(path, row, "setter", to_text, required=False, bad=bad)
        if setter is not None and setter not in people.persons:
            check.v.add(f"{path}.setter", f"{shown(setter)} is not a person")
            bad.add("setter")
        existing = stored.get(crm_id)
        instance = existing or Deal(crm_id=crm_id)
        before = snapshot(instance, DEAL_FIELDS)
        instance.closed_on, instance.value, instance.upfront, instance.cancelled_on = (
            closed_on,
            value,
            upfront,
            cancelled_on,
        )
        instance.setter = people.persons.get(setter) if setter else None
        _field_problems(check, path, instance, {*bad, "setter", *(("crm_id",) if "id" in bad else ())})
        if crm_id is None or check.duplicate(seen, crm_id, path, f"id {crm_id!r}"):
            continue
        if bad or closers is None:
            continue
        deal = DealValues(
            crm_id,
            closed_on,
            value,
            upfront,
            tuple((keys.ids[name], share) for name, share in closers),
            keys.ids[setter] if setter else None,
            cancelled_on,
        )
        read.append((path, deal, closers, existing))
        changed = existing is not None and before != snapshot(instance, DEAL_FIELDS)
        record = Record("deals", instance, existing is None, changed, path=path)
        check.v.records.append(record)  # before its closers: a section is written before the next
        record.children_changed = _keep_closers(check, record, existing, closers, people.persons)

    facts = _facts(people, keys, [deal for _, deal, _, _ in read], role_totals, approved)
    for path, deal, closers, existing in read:
        before = _stored_values(existing) if existing is not None else None
        for name, message in deal_problems(deal, facts, before, today=today()):
            check.v.add(_rule_path(path, name, message, closers), message)
    if rows:
        kept = {deal.close_month for crm_id, deal in stored.items() if crm_id not in seen}
    else:
        kept = set(Deal.objects.dates("closed_on", "month"))
    _refuse_beside_stored_deals(check, people, kept)


def _keep_closers(check: Check, deal: Record, existing: Deal | None, closers: list, persons: dict) -> bool:
    """Records for the deal's closer rows; whether any of them changes (a new deal's all do)."""
    stored = {closer.person.name: closer for closer in existing.closers.all()} if existing is not None else {}
    changed = False
    for name, share in closers:
        row = stored.pop(name, None)
        if row is None:
            check.v.records.append(
                Record("deal_closers", DealCloser(deal=deal.instance, person=persons[name], share=share), True, False)
            )
            changed = True
        elif row.share != share:
            row.share = share
            check.v.records.append(Record("deal_closers", row, False, True))
            changed = True
    for row in stored.values():  # no longer a closer of the deal
        check.v.records.append(Record("deal_closers", row, False, False, deleting=True))
        changed = True
    return changed


def _refuse_beside_stored_deals(check: Check, people, months: set) -> None:
    """A month kept by a stored deal (one the file does not carry) takes none of the file's role
    totals, nor its person actuals of closers or managers (the API's words)."""
    if not months:
        return
    for record in list(check.v.records):
        instance = record.instance
        written = record.section in ("actuals", "person_actuals") and (record.is_new or record.changed)
        if not written or instance.month not in months:
            continue
        shown_month = format_month(instance.month)
        if record.section == "actuals":
            check.v.add(record.path, f"{shown_month} is kept by deals; a month kept by deals takes no role totals")
            continue
        role = people.role_of(instance.person.name, instance.month)
        if role is not None and role.kind in ("closer", "manager"):
            check.v.add(
                record.path,
                f"{instance.person.name}'s {shown_month} numbers come from deals ({role.name} is paid by deals that month)",
            )
