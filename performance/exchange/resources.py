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

from datetime import date

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from compensation.models import PLAN_FIELDS, QuotaPlan, Role
from otesite.months import format_month
from performance.actuals import COLUMNS, first_assumptions_month, people_recorded, plain
from performance.models import MonthlyActual
from performance.versioning import one_version_bump

from .actuals_csv import read_actuals_csv
from .admin_import import ClassDiff
from .csv_cells import unescape_text
from .parse import parse_month, parse_number, parse_whole_number
from .rules import full_clean_with, month_not_covered


class MonthWidget(widgets.Widget):
    """YYYY-MM in the file, the first of the month in the database."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError("is required")
        return parse_month(value)

    def render(self, value, obj=None, **kwargs):
        return format_month(value) if value else ""


class RoleWidget(widgets.ForeignKeyWidget):
    """A role by its name; an unknown name is a message on its row, not an exception.

    The roles are read once per import (each resource works on its own copy of its fields and
    widgets, and `before_import` forgets them), not once per row."""

    def __init__(self):
        super().__init__(Role, field="name")
        self.roles: dict[str, Role] | None = None

    def clean(self, value, row=None, **kwargs):
        name = unescape_text(str(value or "").strip())  # as our exports write it
        if not name:
            raise ValueError("is required")
        if self.roles is None:
            self.roles = {role.name: role for role in Role.objects.all()}
        if (role := self.roles.get(name)) is None:
            raise ValueError(f'no role is called "{name}"')
        return role


class RoleMonthInstanceLoader(ModelInstanceLoader):
    """The stored rows a file names, by (role, month), read in one query rather than one a row."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.role_field, self.month_field = (resource.fields[name] for name in resource.get_import_id_fields())
        keys = {key for row in (dataset.dict if dataset else []) if (key := self.key(row))}
        found = self.get_queryset().filter(
            role_id__in={role_id for role_id, _ in keys},
            **{f"{self.month_field.attribute}__in": {month for _, month in keys}},
        )
        self.stored = {(row.role_id, getattr(row, self.month_field.attribute)): row for row in found}

    def key(self, row) -> tuple[int, date] | None:
        try:
            return self.role_field.clean(row).pk, self.month_field.clean(row)
        except ValueError:
            return None  # reported on its row by import_instance

    def get_instance(self, row):
        key = self.key(row)
        return self.stored.get(key) if key else None


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
        for field in self.fields.values():
            if isinstance(field.widget, RoleWidget):
                field.widget.roles = None  # read afresh for this import
        if problems := duplicate_keys(dataset, self.month_field):
            dataset.wipe()
            raise ValueError("Nothing imported. " + "; ".join(problems))
        super().before_import(dataset, **kwargs)

    def import_data_inner(self, *args, **kwargs):
        # Inside the import's transaction: the rows change the data version once, not once each.
        with one_version_bump():
            return super().import_data_inner(*args, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        # The dry run checks every row (clean() states every rule the database holds) and shows
        # the diff; writing each row only to roll it back cost three queries a row.
        if self._is_dry_run(kwargs):
            return
        super().save_instance(instance, is_create, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        month = getattr(instance, self.month_field, None)
        if month and self.month_field not in errors:
            first = getattr(self, "_first_assumptions", None) or first_assumptions_month()
            if reason := month_not_covered(month, first):
                errors[self.month_field] = reason
        try:
            # As the managers' import checks a row (performance.actuals.build_change): no query a
            # row. The role was looked up by name, uniqueness is the loader's key and
            # duplicate_keys(), and clean() states the CheckConstraints the database enforces.
            self.check_instance(instance, exclude=[*errors, "role"])
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def check_instance(self, instance, exclude: list[str]) -> None:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)

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
        instance_loader_class = RoleMonthInstanceLoader
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
        self._people = people_recorded({(c.actual.role_id, c.actual.month) for c in result.changes})
        super().before_import(dataset, **kwargs)

    def check_instance(self, instance, exclude: list[str]) -> None:
        # clean() would ask who has person actuals in the role that month, a query a row: asked
        # once for the whole file above.
        people = self._people.get((instance.role_id, instance.month), [])
        full_clean_with(instance, set(exclude), lambda: instance.check_rules(people=people), database=False)


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
        instance_loader_class = RoleMonthInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("role")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.annual_base is None:
            instance.annual_base = 0  # DOMAIN.md: annual_base defaults to 0


def duplicate_keys(dataset, month_column: str) -> list[str]:
    """Rows naming a role and month (or effective month) that an earlier row already names."""
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for number, row in enumerate(dataset.dict, start=2):  # row 1 is the header, as a spreadsheet shows
        key = (unescape_text(str(row.get("role") or "").strip()), str(row.get(month_column) or "").strip())
        if key in seen and all(key):
            problems.append(f"row {number}: {key[0]} for {key[1]} is already on row {seen[key]}")
        seen.setdefault(key, number)
    return problems
