"""Serializer fields that read through the one parser (otesite/lib/parse.py), so that the API
refuses a bad number or month with the same words as the CSV imports and the forms
(`must be a number ≥ 0 (got "abc")`), and writes them back as DOMAIN.md does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from otesite.lib.months import format_month
from otesite.lib.parse import ParseError, parse_day, parse_month, parse_number, parse_whole_number, shown

REQUIRED = "is required"
NUMBER_SCHEMA = {
    "oneOf": [{"type": "number"}, {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"}],
    "description": "A number ≥ 0: a JSON number or a decimal string (never read through a float).",
}


class _Parsed(serializers.Field):
    """Required: absent or null is "is required", as an empty CSV cell. Optional: absent is null."""

    def __init__(self, *, required: bool = True, **kwargs) -> None:
        if kwargs.get("read_only"):
            super().__init__(**kwargs)
            return
        kwargs.setdefault("error_messages", {"required": REQUIRED, "null": REQUIRED})
        if not required:
            kwargs.setdefault("default", None)
        super().__init__(required=required, allow_null=not required, **kwargs)

    def parse(self, data):
        raise NotImplementedError

    def to_internal_value(self, data):
        try:
            return self.parse(data)
        except ParseError as error:
            raise serializers.ValidationError(str(error)) from None


@extend_schema_field(NUMBER_SCHEMA)
class NumberField(_Parsed):
    def parse(self, data) -> Decimal | None:
        return parse_number(data)

    def to_representation(self, value):
        return value


@extend_schema_field({"type": "number"})
class PlainNumberField(serializers.Field):
    """A stored Decimal written with no trailing zeros (a share of 0.500000 is 0.5), read-only."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Decimal) -> Decimal:
        return value.normalize()


@extend_schema_field({"type": "integer", "minimum": 0})
class WholeNumberField(_Parsed):
    def parse(self, data) -> int | None:
        return parse_whole_number(data)

    def to_representation(self, value):
        return value


@extend_schema_field({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$", "example": "2026-03"})
class MonthField(_Parsed):
    """`YYYY-MM`, the first day of that month inside."""

    def parse(self, data) -> date:
        return parse_month(data)

    def to_representation(self, value: date) -> str:
        return format_month(value)


@extend_schema_field(OpenApiTypes.DATE)
class DayField(_Parsed):
    def parse(self, data) -> date:
        return parse_day(data)

    def to_representation(self, value: date | None) -> str | None:
        return None if value is None else value.isoformat()


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string"}],
        "description": "A person: their id, or their name or e-mail as on their record.",
    }
)
class PersonField(_Parsed):
    """A person as the client names them: an id (a whole number) or a name or e-mail (text);
    whether there is such a person is asked of the whole batch at once."""

    def parse(self, data) -> int | str:
        if isinstance(data, int) and not isinstance(data, bool):
            return data
        if isinstance(data, str) and data.strip() and len(data) <= 254:
            return data.strip()
        raise ParseError(f"must be a person's id, name or e-mail (got {shown(data)})")

    def to_representation(self, value):
        return value


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}], "description": "A role: its id or name."})
class RoleField(PersonField):
    def parse(self, data) -> int | str:
        if isinstance(data, int) and not isinstance(data, bool):
            return data
        if isinstance(data, str) and data.strip() and len(data) <= 100:
            return data.strip()
        raise ParseError(f"must be a role's id or name (got {shown(data)})")
