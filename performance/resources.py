"""django-import-export resources for the admin's import and export of monthly actuals.

The admin import reads the same CSV as /actuals/import/ (DOMAIN.md's actuals CSV), and checks a
file with the same reader first (performance.actuals_csv), so a file refused there is refused
here with the same messages; import-export then shows its own dry-run diff and confirm step.
Cells are parsed by the same functions as the entry form and the CSV import.
"""

from __future__ import annotations

from import_export import fields, resources, widgets

from compensation.models import Role
from otesite.months import format_month, parse_month

from .actuals import COLUMNS, first_assumptions_month, month_problem, parse_amount, parse_value, plain
from .actuals_csv import read_actuals_csv
from .models import MonthlyActual


class MonthWidget(widgets.Widget):
    """YYYY-MM in the file, the first of the month in the database."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError("is required")
        return parse_month(str(value))

    def render(self, value, obj=None, **kwargs):
        return format_month(value) if value else ""


class RoleWidget(widgets.ForeignKeyWidget):
    """A role by its name; an unknown name is a message on its row, not an exception."""

    def __init__(self):
        super().__init__(Role, field="name")

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            raise ValueError("is required")
        try:
            return Role.objects.get(name=name)
        except Role.DoesNotExist:
            raise ValueError(f'no role is called "{name}"') from None


class NumberWidget(widgets.Widget):
    """A number cell parsed exactly as the entry form and the CSV import parse it."""

    def __init__(self, column: str, *, required: bool = True):
        self.column = column
        self.required = required
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value)
        if self.column == "headcount":
            return parse_value("headcount", text)
        return parse_amount(text, required=self.required)

    def render(self, value, obj=None, **kwargs):
        return plain(value)


class MonthCheckedResource(resources.ModelResource):
    """Refuses rows for months before the first business assumptions (DOMAIN.md), naming the month."""

    month_field = "month"

    def before_import(self, dataset, **kwargs):
        self._first_assumptions = first_assumptions_month()
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        month = getattr(instance, self.month_field, None)
        if month and self.month_field not in errors:
            first = getattr(self, "_first_assumptions", None) or first_assumptions_month()
            if reason := month_problem(month, first):
                errors[self.month_field] = reason
        super().validate_instance(instance, errors, validate_unique)

    def get_instance(self, instance_loader, row):
        # A malformed key (an unknown role, a bad month) is reported on the row by
        # import_instance; here it only means "no stored row matches".
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None


class MonthlyActualResource(MonthCheckedResource):
    month = fields.Field(attribute="month", column_name="month", widget=MonthWidget())
    role = fields.Field(attribute="role", column_name="role", widget=RoleWidget())
    headcount = fields.Field(attribute="headcount", column_name="headcount", widget=NumberWidget("headcount"))
    units = fields.Field(attribute="units", column_name="units", widget=NumberWidget("units"))
    credited_deals = fields.Field(
        attribute="credited_deals", column_name="credited_deals", widget=NumberWidget("credited_deals", required=False)
    )
    meetings_held = fields.Field(
        attribute="meetings_held", column_name="meetings_held", widget=NumberWidget("meetings_held", required=False)
    )
    earnings = fields.Field(
        attribute="earnings", column_name="earnings", widget=NumberWidget("earnings", required=False)
    )

    class Meta:
        model = MonthlyActual
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("role", "month")
        clean_model_instances = True
        skip_unchanged = True  # no history row for a row that did not change
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("role")

    def before_import(self, dataset, **kwargs):
        """Check the whole file with the /actuals/import/ reader first: same rules, same messages.
        On any problem the rows are not imported at all; the problems are the only result."""
        result = read_actuals_csv(dataset.export("csv").encode())
        if result.problems:
            dataset.wipe()
            raise ValueError("Nothing imported. " + "; ".join(str(p) for p in result.problems))
        super().before_import(dataset, **kwargs)
