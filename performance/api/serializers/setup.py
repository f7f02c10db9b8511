"""The setup data as the API reads it (roles, plans, people, assignments): read-only, numbers
exact (settings: COERCE_DECIMAL_TO_STRING off, written by the exact renderer), months `YYYY-MM`,
an assignment's start and end as written (a month, or a day)."""

from __future__ import annotations

from rest_framework import serializers

from compensation.models import Assignment, Person, PlanTier, QuotaPlan, Role
from performance.api.fields import MonthField, NumberField


class RoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ("id", "name", "kind", "display_order")


class TierSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanTier
        fields = ("from_pct", "multiplier")


class PlanSerializer(serializers.ModelSerializer):
    role_name = serializers.CharField(source="role.name", read_only=True)
    effective_from = MonthField(read_only=True)
    tiers = TierSerializer(many=True, read_only=True)
    ramp = serializers.ListField(child=NumberField(), read_only=True, help_text="Quota fractions by tenure month")

    class Meta:
        model = QuotaPlan
        fields = (
            "id",
            "role",
            "role_name",
            "effective_from",
            "annual_ote",
            "annual_base",
            "monthly_quota",
            "commission_rate",
            "tiers",
            "cap_pct",
            "ramp",
            "clawback_months",
        )


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ("id", "name", "email")


class AssignmentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    role_name = serializers.CharField(source="role.name", read_only=True)
    start = serializers.CharField(source="start_text", read_only=True, help_text="YYYY-MM, or YYYY-MM-DD mid-month")
    end = serializers.CharField(
        source="end_text", read_only=True, allow_null=True, help_text="YYYY-MM or YYYY-MM-DD; null while current"
    )

    class Meta:
        model = Assignment
        fields = ("id", "person", "person_name", "role", "role_name", "start", "end", "ramp")
