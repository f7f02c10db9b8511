"""django-import-export resource for the admin's import and export of OTE plans.

Role by name and months as YYYY-MM, as in the workspace JSON; every rule is the model's own
(full_clean), plus DOMAIN.md's refusal of plans for months before the first business assumptions.
"""

from import_export import fields

from performance.resources import MonthCheckedResource, MonthWidget, NumberWidget, RoleWidget

from .models import PLAN_FIELDS, QuotaPlan

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
