"""django-import-export resources for the admin's import and export: monthly actuals and OTE plans.

The admin's actuals import reads the same CSV as /actuals/import/ (DOMAIN.md's actuals CSV), and checks a
file with the same reader first (performance.exchange.actuals_csv), so a file refused there is refused
here with the same messages; import-export then shows its own dry-run diff and confirm step.
Cells are parsed by the same functions as the entry form and the CSV import. Plans are read
with role by name and months as YYYY-MM, as in the workspace JSON; every rule is the model's
own (full_clean), plus DOMAIN.md's refusal of plans for months before the first business
assumptions.
"""

from __future__ import annotations

from import_export import fields, resources, widgets

from compensation.models import PLAN_FIELDS, QuotaPlan, Role
from otesite.months import format_month
from performance.actuals import COLUMNS, first_assumptions_month, plain
from performance.models import MonthlyActual

from .actuals_csv import read_actuals_csv
from .admin_import import ClassDiff
from .csv_cells import unescape_text
from .parse import parse_month, parse_number, parse_whole_number
from .rules import month_not_covered


class MonthWidget(widgets.Widget):
    """YYYY-MM in the file, the first of the month in the database."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError("is required")
        return parse_month(value)

    def render(self, value, obj=None, **kwargs):
        return format_month(value) if value else ""


class RoleWidget(widgets.ForeignKeyWidget):
    """A role by its name; an unknown name is a message on its row, not an exception."""

    def __init__(self):
        super().__init__(Role, field="name")

    def clean(self, value, row=None, **kwargs):
        name = unescape_text(str(value or "").strip())  # as our exports write it
        if not name:
            raise ValueError("is required")
        try:
            return Role.objects.get(name=name)
        except Role.DoesNotExist:
            raise ValueError(f'no role is called "{name}"') from None


class NumberWidget(widgets.Widget):
    """A number cell read by the one parser, exactly as the entry form and the CSV import read it."""

    def __init__(self, column: str, *, required: bool = True):
        self.column = column
        self.required = required
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        if self.column == "headcount":
            return parse_whole_number(value)
        return parse_number(value, required=self.required)

    def render(self, value, obj=None, **kwargs):
        return plain(value)


class MonthCheckedResource(resources.ModelResource):
    """Refuses rows for months before the first business assumptions (DOMAIN.md), naming the month.
    (A month that has not started is the model's own refusal for actuals: clean_model_instances.)"""

    month_field = "month"

    def get_diff_class(self):
        return ClassDiff  # the dry run's diff with classes, not the style attributes the CSP blocks

    def before_import(self, dataset, **kwargs):
        self._first_assumptions = first_assumptions_month()
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        month = getattr(instance, self.month_field, None)
        if month and self.month_field not in errors:
            first = getattr(self, "_first_assumptions", None) or first_assumptions_month()
            if reason := month_not_covered(month, first):
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
            more = f"; and {result.more_problems} more" if result.more_problems else ""
            raise ValueError("Nothing imported. " + "; ".join(str(p) for p in result.first_problems) + more)
        super().before_import(dataset, **kwargs)


PLAN_COLUMNS = ("role", "effective_from", *PLAN_FIELDS)


class QuotaPlanResource(MonthCheckedResource):
    month_field = "effective_from"

    role = fields.Field(attribute="role", column_name="role", widget=RoleWidget())
    effective_from = fields.Field(attribute="effective_from", column_name="effective_from", widget=MonthWidget())
    annual_ote = fields.Field(attribute="annual_ote", column_name="annual_ote", widget=NumberWidget("annual_ote"))
    annual_base = fields.Field(
        attribute="annual_base", column_name="annual_base", widget=NumberWidget("annual_base", required=False)
    )
    monthly_quota = fields.Field(
        attribute="monthly_quota", column_name="monthly_quota", widget=NumberWidget("monthly_quota")
    )
    commission_rate = fields.Field(
        attribute="commission_rate", column_name="commission_rate", widget=NumberWidget("commission_rate")
    )

    class Meta:
        model = QuotaPlan
        fields = PLAN_COLUMNS
        export_order = PLAN_COLUMNS
        import_id_fields = ("role", "effective_from")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("role")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.annual_base is None:
            instance.annual_base = 0  # DOMAIN.md: annual_base defaults to 0
