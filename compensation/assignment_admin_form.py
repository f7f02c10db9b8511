"""An assignment's start and end in the admin as DOMAIN.md writes them (*Days*): a month
(`2026-03`: from its first day, to its last) or a day (`2026-03-15`: someone who joins or leaves
mid-month), one text box each, read by the one parser (otesite.lib.parse.parse_month_or_day) and
stored as the month with its day, if any (`start`/`start_day`, `end`/`end_day`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from compensation.admin_support import ReasonForm
from compensation.models import Assignment
from otesite.lib.fields import MonthOrDayFormField

MODEL_TO_FORM = {"start": "start_text", "start_day": "start_text", "end": "end_text", "end_day": "end_text"}


class AssignmentAdminForm(ReasonForm):
    start_text = MonthOrDayFormField(
        label="Start",
        max_length=10,
        help_text="The first month in the role (YYYY-MM), or the first day (YYYY-MM-DD) for someone who joins mid-month.",
    )
    end_text = MonthOrDayFormField(
        label="End",
        max_length=10,
        required=False,
        help_text="The last month (YYYY-MM) or day (YYYY-MM-DD) in the role; empty while current.",
    )

    class Meta:
        model = Assignment
        fields = ["person", "role", "start_text", "end_text", "ramp"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("start_text", self.instance.start_text)
            self.initial.setdefault("end_text", self.instance.end_text or "")

    def clean(self) -> dict:
        """The month and day onto the assignment before the model checks it (its own clean():
        a day that exists in its month, an end not before the start, no overlap)."""
        cleaned = super().clean()
        start, end = cleaned.get("start_text"), cleaned.get("end_text")
        if start is not None:
            self.instance.start, self.instance.start_day = start
        if "end_text" in cleaned:
            self.instance.end, self.instance.end_day = end if end is not None else (None, None)
        return cleaned

    def _update_errors(self, errors: ValidationError) -> None:
        """The model names `start` and `end`; the form shows them as the text boxes they were typed in."""
        if hasattr(errors, "error_dict"):
            renamed = {MODEL_TO_FORM.get(name, name): found for name, found in errors.error_dict.items()}
            errors = ValidationError(renamed)
        super()._update_errors(errors)


class AssignmentInlineForm(AssignmentAdminForm):
    class Meta(AssignmentAdminForm.Meta):
        fields = ["role", "start_text", "end_text", "ramp"]
