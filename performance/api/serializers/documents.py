"""DOMAIN.md's statement and payroll documents as the schema describes them. The API writes the
documents themselves (performance/documents/), exactly as the commands print them; these say
what a client will find in them."""

from __future__ import annotations

from rest_framework import serializers

from performance.month_close import State

NUMBER = {"max_digits": 20, "decimal_places": 2, "allow_null": True}


class BandDocument(serializers.Serializer):
    from_pct = serializers.DecimalField(**NUMBER)
    to_pct = serializers.DecimalField(**NUMBER, help_text="null if open-ended")
    points = serializers.DecimalField(**NUMBER)
    multiplier = serializers.DecimalField(max_digits=20, decimal_places=4)
    amount = serializers.DecimalField(**NUMBER)


class StatementDocument(serializers.Serializer):
    """One person's month (`manage.py statement`); in a month kept by deals also `credited_revenue`
    and `deals`."""

    month = serializers.CharField(help_text="YYYY-MM")
    person = serializers.CharField()
    role = serializers.CharField(allow_null=True)
    state = serializers.ChoiceField(choices=State.choices)
    tenure_month = serializers.IntegerField(allow_null=True)
    ramp_factor = serializers.DecimalField(**NUMBER)
    proration = serializers.DecimalField(**NUMBER)
    quota = serializers.DecimalField(**NUMBER)
    units = serializers.DecimalField(**NUMBER)
    credited_deals = serializers.DecimalField(**NUMBER)
    quota_attainment_pct = serializers.DecimalField(**NUMBER)
    pay_attainment_pct = serializers.DecimalField(**NUMBER)
    base = serializers.DecimalField(**NUMBER)
    bands = BandDocument(many=True)
    commission = serializers.DecimalField(**NUMBER)
    earnings = serializers.DecimalField(**NUMBER)
    earnings_recorded = serializers.BooleanField()
    clawbacks = serializers.ListField(child=serializers.DictField())
    payable = serializers.DecimalField(**NUMBER)


class PayrollRowDocument(serializers.Serializer):
    """A payroll row: a person's (role empty for clawbacks alone) or a role kept as totals (person empty)."""

    person = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)
    base = serializers.DecimalField(**NUMBER)
    commission = serializers.DecimalField(**NUMBER)
    earnings = serializers.DecimalField(**NUMBER)
    earnings_recorded = serializers.BooleanField()
    state = serializers.ChoiceField(choices=State.choices)
    clawbacks = serializers.DecimalField(**NUMBER)
    payable = serializers.DecimalField(**NUMBER)
