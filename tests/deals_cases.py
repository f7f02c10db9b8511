"""Shared by the deals import tests: files in each format, and a picture of everything stored
(deals, closers, closes and every history row) to prove that a refused import changed nothing."""

import io

from closing_cases import stored

from performance.exchange.deals_csv import read_deals
from performance.models import Deal, DealCloser

OURS_HEADER = "id,closed_on,value,upfront,closers,setter,cancelled_on"
HUBSPOT_HEADER = "Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Pipeline"
SALESFORCE_HEADER = (
    "Opportunity Owner,Account Name,Opportunity Name,Stage,Fiscal Period,Amount,Close Date,Opportunity ID"
)


def csv_bytes(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def read(*lines: str, fmt: str = "otesite"):
    return read_deals(io.BytesIO(csv_bytes(*lines)), fmt)


def everything() -> tuple:
    """The workspace, the closes, every model's history, and the deals with their closers and history."""
    deals = sorted(Deal.objects.values_list("crm_id", "closed_on", "value", "upfront", "setter_id", "cancelled_on"))
    closers = sorted(DealCloser.objects.values_list("deal__crm_id", "person_id", "share"))
    return stored(), deals, closers, Deal.history.count(), DealCloser.history.count()


def hubspot_row(crm_id, closed, owner, amount, stage="Closed Won") -> str:
    return f'{crm_id},Deal {crm_id},{stage},{closed},{owner},"{amount}",Sales Pipeline'


def salesforce_row(crm_id, closed, owner, amount, stage="Closed Won") -> str:
    return f'{owner},Acme,Opp {crm_id},{stage},Q2-2026,"{amount}",{closed},{crm_id}'
