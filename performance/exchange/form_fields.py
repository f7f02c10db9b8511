"""The one parser as a Django form field, so forms refuse a bad number in the same words as
the CSV reader and the workspace import (`must be a number ≥ 0 (got "1e5")`)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator

from .parse import ParseError, parse_number, parse_whole_number


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
