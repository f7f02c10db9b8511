"""The files deals come in (DOMAIN.md's *Exchange formats*): our Deals CSV, and the exports of the
two CRMs read as they come out of them. A format says which of its columns gives which of a
deal's fields, how it writes a date, and whether it has a stage (a CRM export lists every deal;
only `Closed Won` ones are deals) and shares (a CRM deal has one owner: the one closer).

`performance/exchange/deals_csv.py` reads every format the same way with these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from otesite.lib.parse import parse_day, parse_day_and_time, parse_us_day

FIELDS = ("id", "closed_on", "value", "upfront", "closers", "setter", "cancelled_on")
WON = "closed won"  # the one stage that makes a row a deal (compared ignoring case and spaces)


@dataclass(frozen=True)
class DealFormat:
    name: str
    label: str
    columns: dict[str, str]  # a deal's field: the file's column for it
    required: tuple[str, ...]  # fields whose column must be in the header
    read_day: Callable[[str], date]
    stage: str | None = None  # the stage column of a CRM export
    strict: bool = False  # our own CSV: a column it does not know is refused, not ignored
    shares: bool = False  # closers as "Name:share;Name:share" (ours), not one owner

    def column_names(self) -> str:
        names = [self.columns[name] for name in FIELDS if name in self.columns]
        return ",".join(names + ([self.stage] if self.stage else []))


OTESITE = DealFormat(
    name="otesite",
    label="Deals CSV",
    columns={name: name for name in FIELDS},
    required=("id", "closed_on", "value", "closers"),
    read_day=parse_day,
    strict=True,
    shares=True,
)
HUBSPOT = DealFormat(
    name="hubspot",
    label="HubSpot deals export",
    columns={
        "id": "Record ID",
        "closed_on": "Close Date",
        "value": "Amount",
        "closers": "Deal owner",
        "setter": "Setter",
    },
    required=("id", "closed_on", "value", "closers"),
    read_day=parse_day_and_time,  # "2026-03-14 10:22": the date is taken
    stage="Deal Stage",
)
SALESFORCE = DealFormat(
    name="salesforce",
    label="Salesforce opportunities report",
    columns={
        "id": "Opportunity ID",
        "closed_on": "Close Date",
        "value": "Amount",
        "closers": "Opportunity Owner",
        "setter": "Setter",
    },
    required=("id", "closed_on", "value", "closers"),
    read_day=parse_us_day,  # YYYY-MM-DD or M/D/YYYY
    stage="Stage",
)
FORMATS = {fmt.name: fmt for fmt in (OTESITE, HUBSPOT, SALESFORCE)}
