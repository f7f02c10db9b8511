"""A model field for calendar months, stored as the first day of the month."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from otesite.months import format_month, parse_month


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthFormField(forms.DateField):
    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date().replace(day=1)
        if isinstance(value, date):
            return value.replace(day=1)
        try:
            return parse_month(str(value)[:7] if len(str(value)) == 10 else str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


class MonthField(models.DateField):
    """A DateField that always holds the first day of a month and reads ``YYYY-MM``."""

    description = "Calendar month (YYYY-MM)"

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) == 7:
            try:
                return parse_month(value)
            except ValueError as error:
                raise ValidationError(str(error), code="invalid") from error
        value = super().to_python(value)
        return value.replace(day=1) if value else value

    def get_prep_value(self, value):
        value = self.to_python(value)
        return super().get_prep_value(value)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return format_month(value) if value else ""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MonthFormField, **kwargs})
