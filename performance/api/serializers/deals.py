"""Deals as the API reads and writes them (DOMAIN.md's *Deals*; the workspace JSON's deal, with
people by id, name or e-mail). A written deal is whole: an optional key left out is null."""

from __future__ import annotations

from rest_framework import serializers

from performance.api.fields import DayField, MonthField, NumberField, PersonField, PlainNumberField
from performance.api.writes.common import MAX_RECORDS
from performance.api.writes.deals import DealRow
from performance.deal_models import MAX_ID_LENGTH


class CloserOut(serializers.Serializer):
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.name")
    share = PlainNumberField()


class DealOut(serializers.Serializer):
    id = serializers.CharField(source="crm_id")
    closed_on = DayField()
    close_month = MonthField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    upfront = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    closers = CloserOut(many=True)
    setter = serializers.IntegerField(source="setter_id", allow_null=True)
    setter_name = serializers.CharField(source="setter.name", allow_null=True, default=None)
    cancelled_on = DayField(required=False)
    counts = serializers.BooleanField(help_text="False for a deal cancelled in its own close month")


class DealsQuery(serializers.Serializer):
    """`?month=YYYY-MM` (the close month) and `?person=<id>` (a closer or the setter)."""

    month = MonthField(required=False)
    person = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


class CloserIn(serializers.Serializer):
    person = PersonField()
    share = NumberField(required=False, help_text="Above 0, at most 1; the shares add up to 1 (one closer: 1)")


class DealIn(serializers.Serializer):
    id = serializers.CharField(
        max_length=MAX_ID_LENGTH,
        error_messages={
            "required": "is required",
            "null": "is required",
            "blank": "is required",
            "max_length": f"must be at most {MAX_ID_LENGTH} characters",
        },
    )
    closed_on = DayField()
    value = NumberField()
    upfront = NumberField(required=False)
    closers = CloserIn(many=True, allow_empty=True)
    setter = PersonField(required=False)
    cancelled_on = DayField(required=False)


class DealsIn(serializers.Serializer):
    deals = DealIn(
        many=True,
        allow_empty=False,
        max_length=MAX_RECORDS,
        error_messages={
            "required": "is required",
            "null": "is required",
            "empty": "has no deals",
            "max_length": f"at most {MAX_RECORDS:,} deals at a time",
            "not_a_list": 'must be a list of deals (got a "{input_type}")',
        },
    )

    def rows(self) -> list[DealRow]:
        return [
            DealRow(
                where=f"deals[{index}]",
                crm_id=deal["id"],
                closed_on=deal["closed_on"],
                value=deal["value"],
                upfront=deal["upfront"],
                closers=tuple((closer["person"], closer["share"]) for closer in deal["closers"]),
                setter=deal["setter"],
                cancelled_on=deal["cancelled_on"],
            )
            for index, deal in enumerate(self.validated_data["deals"])
        ]


class WrittenOut(serializers.Serializer):
    created = serializers.ListField(child=serializers.CharField())
    updated = serializers.ListField(child=serializers.CharField())
    unchanged = serializers.ListField(child=serializers.CharField())
