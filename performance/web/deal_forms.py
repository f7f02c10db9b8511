"""The deal form and the cancellation form (/deals/new/, /deals/<id>/edit/, /deals/<id>/cancel/).

The forms read what was typed (through the one parser: dates, numbers) and say what one field
breaks on its own; every rule of a deal is then asked of `deal_problems` with `DealFacts.load`
(performance/deal_rules.py, the one rule set of every way in), in the view's transaction after
the months are held, and its messages are put back on the fields they name.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django import forms

from compensation.models import Person
from otesite.lib.fields import DayFormField
from otesite.lib.form_fields import NumberFormField
from otesite.lib.parse import plain
from performance.deal_models import MAX_ID_LENGTH
from performance.deal_rules import DealValues

CLOSER_ROWS = 4  # a deal split more ways than this is rare; the import and the API take any number
ONE = Decimal(1)


def version_of(stored: DealValues | None) -> str:
    """A short token for a stored deal: it changes whenever the deal or its closers do, so a save
    made from an older copy is refused instead of overwriting a change its author never saw."""
    if stored is None:
        return ""
    shown = [
        stored.crm_id,
        str(stored.closed_on),
        plain(stored.value),
        plain(stored.upfront),
        sorted([person_id, plain(share)] for person_id, share in stored.closers),
        stored.setter_id,
        str(stored.cancelled_on),
    ]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:20]


def _people():
    return Person.objects.order_by("name")


class DealForm(forms.Form):
    """A deal as a manager types it: its CRM id, dates, value, upfront, up to four closers with
    their shares (one closer alone may leave the share empty: 1), and the setter."""

    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    crm_id = forms.CharField(
        label="Deal id", max_length=MAX_ID_LENGTH, help_text="The deal's id in the CRM (HubSpot, Salesforce...)."
    )
    closed_on = DayFormField(label="Closed on", help_text="YYYY-MM-DD; its month is the close month.")
    value = NumberFormField(label="Value", widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    upfront = NumberFormField(
        label="Upfront revenue",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="Empty: value × the upfront rate of the close month's business assumptions.",
    )
    setter = forms.ModelChoiceField(_people(), label="Setter", required=False, empty_label="No setter")
    change_reason = forms.CharField(
        label="Why (kept in the history)", required=False, max_length=100, help_text="Optional for a new deal."
    )

    def __init__(self, *args, stored: DealValues | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stored = stored
        self.initial.setdefault("version", version_of(stored))
        for index in range(1, CLOSER_ROWS + 1):
            self.fields[f"closer_{index}"] = forms.ModelChoiceField(
                _people(), label=f"Closer {index}", required=index == 1, empty_label="—"
            )
            self.fields[f"share_{index}"] = NumberFormField(
                label=f"Share {index}",
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
                help_text="A fraction: 0.5 for half. Empty for a single closer." if index == 1 else "",
            )
        if stored is not None:
            self.initial.update(
                crm_id=stored.crm_id,
                closed_on=stored.closed_on,
                value=plain(stored.value),
                upfront=plain(stored.upfront),
                setter=stored.setter_id,
            )
            for index, (person_id, share) in enumerate(stored.closers, start=1):
                self.initial[f"closer_{index}"] = person_id
                self.initial[f"share_{index}"] = plain(share)
        # The form's field order: the deal, then the closer rows, then the setter and the reason.
        order = ["version", "crm_id", "closed_on", "value", "upfront"]
        order += [f"{kind}_{index}" for index in range(1, CLOSER_ROWS + 1) for kind in ("closer", "share")]
        self.order_fields([*order, "setter", "change_reason"])

    def closer_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"closer_{index}"], self[f"share_{index}"]) for index in range(1, CLOSER_ROWS + 1)]

    def clean(self) -> dict:
        cleaned = super().clean()
        closers = []
        for index in range(1, CLOSER_ROWS + 1):
            person, share = cleaned.get(f"closer_{index}"), cleaned.get(f"share_{index}")
            if person is None:
                if share is not None:
                    self.add_error(f"closer_{index}", "Pick the closer this share is for.")
                continue
            closers.append((person.pk, share))
        if len(closers) > 1 and any(share is None for _, share in closers):
            self.add_error("share_1", "Give each closer's share when a deal has more than one closer.")
        cleaned["closers"] = tuple((person_id, ONE if share is None else share) for person_id, share in closers)
        return cleaned

    def values(self) -> DealValues:
        """The deal as typed, as the rules read it (the stored cancellation kept: it has its own page)."""
        data = self.cleaned_data
        setter = data.get("setter")
        return DealValues(
            crm_id=data["crm_id"].strip(),
            closed_on=data["closed_on"],
            value=data["value"],
            upfront=data.get("upfront"),
            closers=data["closers"],
            setter_id=setter.pk if setter else None,
            cancelled_on=self.stored.cancelled_on if self.stored else None,
        )

    def add_problem(self, name: str, message: str) -> None:
        """A rule's message on the field it names ("closers" on the first closer row)."""
        field = {"closers": "closer_1", "crm_id": "crm_id"}.get(name, name)
        self.add_error(field if field in self.fields else None, message)


class CancelForm(forms.Form):
    """A cancellation: the day, and why (kept in the deal's history as the change reason)."""

    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    cancelled_on = DayFormField(
        label="Cancelled on", help_text="YYYY-MM-DD; not before the deal closed, not after today."
    )
    reason = forms.CharField(label="Reason", max_length=100, help_text="Kept in the deal's history.")

    def __init__(self, *args, stored: DealValues, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stored = stored
        self.initial.setdefault("version", version_of(stored))

    def values(self) -> DealValues:
        s = self.stored
        return DealValues(
            s.crm_id, s.closed_on, s.value, s.upfront, s.closers, s.setter_id, self.cleaned_data["cancelled_on"]
        )

    def add_problem(self, name: str, message: str) -> None:
        self.add_error("cancelled_on" if name in ("cancelled_on", "closed_on") else None, message)


def stored_values(deal) -> DealValues:
    """A stored deal (closers prefetched) as the rules read it."""
    closers = tuple((closer.person_id, closer.share) for closer in deal.closers.all())
    return DealValues(deal.crm_id, deal.closed_on, deal.value, deal.upfront, closers, deal.setter_id, deal.cancelled_on)
