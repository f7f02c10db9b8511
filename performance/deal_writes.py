"""Writing checked deals in bulk: the one writer behind the API's batches, the deals CSV and the
CRM imports (`manage.py import_deals`, /deals/import/), so that 100,000 deals are stored in a few
seconds with their history, where saving them one by one took minutes.

The callers read the stored deals with `read_stored` (a fixed number of queries for any number of
ids), check every deal with the one rule set (performance/deal_rules.py: `DealFacts.load`,
`deal_problems`, `lock_problem`) after holding the months (performance/month_lock.py `hold`), and
only then call `write_deals`, inside the same transaction. It does not check anything itself:
- a new id is created (`bulk_create_with_history`), its closers too;
- a known id that differs is updated (`bulk_update_with_history`), and its closers where they
  differ: a share changed is updated, a closer added is created, a closer dropped is deleted;
- a known id that does not differ is left alone: re-importing a file changes nothing and adds no
  history row.
Every history row carries the user and the reason given (django-simple-history's bulk helpers,
`default_user` and `default_change_reason`), and the data version changes once
(`one_version_bump`), in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from otesite.lib.versioning import one_version_bump
from performance.deal_rules import DealValues
from performance.models import Deal, DealCloser

BATCH = 2_000  # rows a statement; model instances are built and dropped a batch at a time
# Up to this many ids are looked up with `crm_id IN (...)`; above it, the stored deals are read in
# one streamed pass and those of the file kept. Either way two queries, far under the bound
# parameters SQLite (32,766) and PostgreSQL (65,535) accept in one statement.
MAX_IDS_IN_ONE_LOOKUP = 10_000
MAX_REASON = 100  # django-simple-history's history_change_reason column
DEAL_FIELDS = ["closed_on", "value", "upfront", "setter", "cancelled_on"]


@dataclass(frozen=True, slots=True)
class StoredDeal:
    """A stored deal as the rules read it (`values`), with the keys the writer needs: the deal's
    primary key and its closers' ({person id: closer primary key})."""

    values: DealValues
    pk: int
    closer_pks: Mapping[int, int]


@dataclass
class DealsWritten:
    """What a write did, by the deals' CRM ids, in the order they were given."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.created)} created, {len(self.updated)} changed, {len(self.unchanged)} unchanged"


def read_stored(ids: Collection[str]) -> dict[str, StoredDeal]:
    """The stored deals of these CRM ids with their closers, in two queries however many ids."""
    ids = set(ids)
    if not ids:
        return {}
    deals = Deal.objects.values_list("pk", "crm_id", "closed_on", "value", "upfront", "setter_id", "cancelled_on")
    closers = DealCloser.objects.values_list("deal_id", "pk", "person_id", "share").order_by("pk")
    if len(ids) <= MAX_IDS_IN_ONE_LOOKUP:
        deals, closers = deals.filter(crm_id__in=ids), closers.filter(deal__crm_id__in=ids)
    rows = {row[0]: row for row in deals.iterator(chunk_size=BATCH) if row[1] in ids}
    shares: dict[int, list[tuple[int, int, Decimal]]] = {}
    for deal_id, closer_pk, person_id, share in closers.iterator(chunk_size=BATCH):
        if deal_id in rows:
            shares.setdefault(deal_id, []).append((closer_pk, person_id, share))
    found = {}
    for pk, crm_id, closed_on, value, upfront, setter_id, cancelled_on in rows.values():
        mine = shares.get(pk, [])
        closers_of = tuple((person_id, share) for _, person_id, share in mine)
        values = DealValues(crm_id, closed_on, value, upfront, closers_of, setter_id, cancelled_on)
        found[crm_id] = StoredDeal(values, pk, {person_id: closer_pk for closer_pk, person_id, _ in mine})
    return found


def differs(value: DealValues, stored: DealValues) -> bool:
    """Whether storing `value` would change the stored deal (the closers' order does not matter)."""
    return not (value.same_but_cancellation(stored) and value.cancelled_on == stored.cancelled_on)


def write_deals(
    values: Iterable[DealValues], stored: Mapping[str, StoredDeal], *, reason: str, user=None
) -> DealsWritten:
    """Store the checked `values` (ids unique) over `stored` (`read_stored` of their ids), in the
    caller's transaction; `reason` and `user` go on every history row."""
    reason = reason[:MAX_REASON]
    written = DealsWritten()
    new: list[DealValues] = []
    changed: list[tuple[DealValues, StoredDeal]] = []
    for value in values:
        before = stored.get(value.crm_id)
        if before is None:
            new.append(value)
            written.created.append(value.crm_id)
        elif differs(value, before.values):
            changed.append((value, before))
            written.updated.append(value.crm_id)
        else:
            written.unchanged.append(value.crm_id)
    history = {"default_user": user, "default_change_reason": reason}
    with one_version_bump():
        for batch in _batches(new):
            _create(batch, history)
        for batch in _batches(changed):
            _update(batch, history, user, reason)
    return written


def _create(batch: list[DealValues], history: dict) -> None:
    deals = bulk_create_with_history([_deal(value) for value in batch], Deal, batch_size=BATCH, **history)
    closers = [
        DealCloser(deal_id=deal.pk, person_id=person_id, share=share)
        for deal, value in zip(deals, batch, strict=True)
        for person_id, share in value.closers
    ]
    if closers:
        bulk_create_with_history(closers, DealCloser, batch_size=BATCH, **history)


def _update(batch: list[tuple[DealValues, StoredDeal]], history: dict, user, reason: str) -> None:
    deals = [_deal(value, pk=before.pk) for value, before in batch]
    bulk_update_with_history(deals, Deal, DEAL_FIELDS, batch_size=BATCH, **history)
    added, reshared, dropped = [], [], []
    for value, before in batch:
        if sorted(value.closers) == sorted(before.values.closers):
            continue
        shares = dict(value.closers)
        was = dict(before.values.closers)
        for person_id, share in value.closers:
            if person_id not in was:
                added.append(DealCloser(deal_id=before.pk, person_id=person_id, share=share))
            elif was[person_id] != share:
                reshared.append(
                    DealCloser(pk=before.closer_pks[person_id], deal_id=before.pk, person_id=person_id, share=share)
                )
        dropped += [
            DealCloser(pk=before.closer_pks[person_id], deal_id=before.pk, person_id=person_id, share=share)
            for person_id, share in before.values.closers
            if person_id not in shares
        ]
    # A closer dropped from a deal (a split changed) is deleted before one is added, as the pair
    # (deal, person) is unique; one by one, so that each deletion keeps its history row with the
    # user and reason: the bulk helpers record additions and changes only, and this is rare.
    for closer in dropped:
        closer._history_user, closer._change_reason = user, reason
        closer.delete()
    if reshared:
        bulk_update_with_history(reshared, DealCloser, ["share"], batch_size=BATCH, **history)
    if added:
        bulk_create_with_history(added, DealCloser, batch_size=BATCH, **history)


def _deal(value: DealValues, pk: int | None = None) -> Deal:
    return Deal(
        pk=pk,
        crm_id=value.crm_id,
        closed_on=value.closed_on,
        value=value.value,
        upfront=value.upfront,
        setter_id=value.setter_id,
        cancelled_on=value.cancelled_on,
    )


def _batches(items: list) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, BATCH)):
        yield batch
