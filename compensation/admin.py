from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from otesite.fields import MonthField, MonthInput

from .models import Economics, QuotaPlan, Role


class MonthAdminMixin:
    """Months are picked with a month input, not the admin's calendar."""

    formfield_overrides = {MonthField: {"widget": MonthInput}}


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "display_order"]
    list_editable = ["display_order"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(QuotaPlan)
class QuotaPlanAdmin(MonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["role", "effective_from", "annual_ote", "annual_base", "monthly_quota", "commission_rate"]
    list_filter = ["role", "role__kind", "effective_from"]
    search_fields = ["role__name"]
    date_hierarchy = "effective_from"
    list_select_related = ["role"]


@admin.register(Economics)
class EconomicsAdmin(MonthAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "effective_from",
        "deal_value",
        "upfront_rate",
        "show_rate",
        "close_rate",
        "cost_per_meeting",
        "target_ote_pct_of_revenue",
    ]
    list_filter = ["effective_from"]
    date_hierarchy = "effective_from"
