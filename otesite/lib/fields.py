"""A model field for calendar months, stored as the first day of the month.

Month text is read by the one parser (otesite.lib.parse.parse_month), so the admin,
the query-parameter forms and every import refuse a bad month in the same words; a date is
held to the same years (1900 to 2999), so month arithmetic on a stored month never fails.
"""

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from otesite.lib.months import format_month
from otesite.lib.parse import ParseError, check_month, parse_day, parse_month, parse_month_or_day, parse_number


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthFormField(forms.DateField):
    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            if isinstance(value, datetime):
                return check_month(value.date())
            if isinstance(value, date):
                return check_month(value)
            return parse_month(str(value)[:7] if len(str(value)) == 10 else str(value))
        except ParseError as error:
            raise ValidationError(str(error), code="invalid") from error


class MonthField(models.DateField):
    """A DateField that always holds the first day of a month and reads ``YYYY-MM``."""

    description = "Calendar month (YYYY-MM)"

    def to_python(self, value):
        try:
            if isinstance(value, str) and len(value.strip()) == 7:
                return parse_month(value)
            value = super().to_python(value)
            return check_month(value) if value else value
        except ParseError as error:
            raise ValidationError(str(error), code="invalid") from error

    def get_prep_value(self, value):
        value = self.to_python(value)
        return super().get_prep_value(value)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return format_month(value) if value else ""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MonthFormField, **kwargs})


def _decimals(value) -> tuple[Decimal, ...]:
    """A list of numbers from text ("0.5, 0.75") or a sequence, read by the one parser."""
    if value in (None, ""):
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    numbers = []
    for position, item in enumerate(items, start=1):
        try:
            numbers.append(parse_number(item))
        except ParseError as error:
            raise ValidationError(f"entry {position} {error}", code="invalid") from error
    return tuple(numbers)


def decimals_text(numbers: tuple[Decimal, ...], separator: str = ",") -> str:
    """The one written form: no exponent, no trailing zeros ("0.5,0.75")."""
    return separator.join(format(n.normalize(), "f") if n else "0" for n in numbers)


class DecimalListFormField(forms.CharField):
    def prepare_value(self, value):
        return decimals_text(value, ", ") if isinstance(value, tuple | list) else value

    def to_python(self, value):
        return _decimals(super().to_python(value))


class DecimalListField(models.CharField):
    """A short list of Decimals, e.g. a plan's ramp ``(0.5, 0.75)``, stored as text "0.5,0.75".

    One field rather than a row per entry: it is edited as one value ("0.5, 0.75"), kept in
    the owner's history, and read with the owner at no extra query."""

    description = "Comma-separated numbers"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", tuple)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return _decimals(value)

    def to_python(self, value):
        return _decimals(value)

    def get_prep_value(self, value):
        return decimals_text(self.to_python(value))

    def value_to_string(self, obj):
        return decimals_text(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DecimalListFormField, **kwargs})


class DayFormField(forms.DateField):
    """A day, `YYYY-MM-DD`, read by the one parser (otesite.lib.parse.parse_day): the deal form
    refuses a bad date in the CSV's and the API's words."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_day(str(value))
        except ParseError as error:
            raise ValidationError(str(error), code="invalid") from error


class MonthOrDayFormField(forms.CharField):
    """`YYYY-MM` or `YYYY-MM-DD` (an assignment's start or end, DOMAIN.md's *Days*), cleaned to
    (the month's first day, the day or None)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_month_or_day(value)
        except ParseError as error:
            raise ValidationError(str(error), code="invalid") from error
