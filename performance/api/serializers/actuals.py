"""Actuals as the API takes them: DOMAIN.md's actuals CSV and people CSV, a record a row, roles
and people by id or name (a person also by e-mail). Numbers are JSON numbers or decimal strings."""

from __future__ import annotations

from rest_framework import serializers

from performance.api.fields import MonthField, NumberField, PersonField, RoleField, WholeNumberField
from performance.api.writes.common import MAX_RECORDS
from performance.api.writes.person_actuals import PersonActualRow
from performance.api.writes.role_actuals import RoleActualRow


class _Numbers(serializers.Serializer):
    units = NumberField()
    credited_deals = NumberField(required=False)
    meetings_held = NumberField(required=False)
    earnings = NumberField(required=False)


class RoleActualIn(_Numbers):
    month = MonthField()
    role = RoleField()
    headcount = WholeNumberField()


class PersonActualIn(_Numbers):
    month = MonthField()
    person = PersonField()


def _batch(child: serializers.Serializer, what: str):
    return child.__class__(
        many=True,
        allow_empty=False,
        max_length=MAX_RECORDS,
        error_messages={
            "required": "is required",
            "null": "is required",
            "empty": f"has no {what}",
            "max_length": f"at most {MAX_RECORDS:,} {what} at a time",
            "not_a_list": f'must be a list of {what} (got a "{{input_type}}")',
        },
    )


class RoleActualsIn(serializers.Serializer):
    actuals = _batch(RoleActualIn(), "actuals")

    def rows(self) -> list[RoleActualRow]:
        return [RoleActualRow(where=f"actuals[{i}]", **row) for i, row in enumerate(self.validated_data["actuals"])]


class PersonActualsIn(serializers.Serializer):
    person_actuals = _batch(PersonActualIn(), "person actuals")

    def rows(self) -> list[PersonActualRow]:
        return [
            PersonActualRow(where=f"person_actuals[{i}]", **row)
            for i, row in enumerate(self.validated_data["person_actuals"])
        ]
