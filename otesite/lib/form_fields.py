"""The one parser as Django form fields, so forms refuse a bad number in the same words as
the CSV reader and the workspace import (`must be a number ≥ 0 (got "1e5")`): numbers, and
rates typed as percentages (`PercentFormField`: 10 means 10%) but stored as fractions. And
how every form field is drawn (`FormRenderer`)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.forms.renderers import TemplatesSetting

from otesite.lib.parse import ParseError, parse_number, parse_whole_number, shown


class NumberFormField(forms.DecimalField):
    """A number ≥ 0 (or, with `whole=True`, a whole number ≥ 0) read by the one parser.

    Django's own DecimalField takes "１２", "1e400" and "1_000"; this field refuses them before
    any conversion. `max_digits` and `decimal_places` still say what the database can hold.
    """

    def __init__(self, *, whole: bool = False, **kwargs):
        self.whole = whole
        super().__init__(**kwargs)
        if whole:  # an int has no decimal places to count
            self.validators = [v for v in self.validators if not isinstance(v, DecimalValidator)]

    def to_python(self, value) -> int | Decimal | None:
        if value in self.empty_values:
            return None
        try:
            if self.whole:
                return parse_whole_number(value, required=False)
            return parse_number(value, required=False)
        except ParseError as error:
            raise ValidationError(str(error), code="invalid") from error

    def validate(self, value) -> None:
        forms.Field.validate(self, value)  # the parser has refused NaN and Infinity already


HUNDRED = Decimal(100)


def percent_text(fraction: Decimal | None) -> str:
    """A stored fraction as a person types its percentage: 0.10 -> "10", 0.333333 -> "33.3333"."""
    if fraction is None:
        return ""
    text = f"{fraction * HUNDRED:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class PercentFormField(NumberFormField):
    """A rate typed and shown as a percentage (10 means 10%), held as the fraction the models,
    the workspace JSON and the CSVs store (0.10). Read by the one parser; 0 to 100, and no more
    decimal places than the stored fraction keeps (`fraction_places` 6: 33.3333%)."""

    def __init__(self, *, fraction_places: int = 6, **kwargs):
        self.percent_places = fraction_places - 2
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 8}))
        super().__init__(max_digits=fraction_places + 1, decimal_places=fraction_places, **kwargs)

    def to_python(self, value) -> Decimal | None:
        percent = super().to_python(value)
        if percent is None:
            return None
        if percent > HUNDRED:
            raise ValidationError(f"must be a percentage from 0 to 100 (got {shown(value)})", code="max")
        if -percent.as_tuple().exponent > self.percent_places:
            raise ValidationError(f"must have at most {self.percent_places} decimal places", code="places")
        return percent / HUNDRED

    def prepare_value(self, value):
        """What the input shows: a stored fraction as its percentage; typed text as typed."""
        return percent_text(value) if isinstance(value, Decimal) else value


class FormRenderer(TemplatesSetting):
    """Forms render with the project's templates (settings.FORM_RENDERER): a field's group,
    `{{ field.as_field_group }}`, is its label, Django's widget (with the attributes the form
    gave it, htmx's among them), its help text and its errors: templates/forms/field.html."""

    field_template_name = "forms/field.html"
