from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from compensation.admin import MonthAdminMixin
from compensation.admin_support import HistoryReasonAdmin, columns, year_filter

from .closing_admin import LockedMonthsAdminMixin
from .exchange.admin_import import ExchangeAdmin
from .exchange.resources import MonthlyActualResource
from .models import MonthlyActual, MonthlyRevenue, PersonActual


@admin.register(MonthlyActual)
class MonthlyActualAdmin(
    LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, ExchangeAdmin, SimpleHistoryAdmin
):
    resource_classes = [MonthlyActualResource]
    list_display = [
        columns(MonthlyActual, "month")[0],
        "role",
        "headcount",
        *columns(MonthlyActual, "units", "credited_deals", "meetings_held", "earnings"),
    ]
    list_filter = ["role", year_filter("month")]
    search_fields = ["role__name"]
    list_select_related = ["role"]


@admin.register(MonthlyRevenue)
class MonthlyRevenueAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    list_display = columns(MonthlyRevenue, "month", "revenue")
    list_filter = [year_filter("month")]


@admin.register(PersonActual)
class PersonActualAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    list_display = [
        *columns(PersonActual, "month"),
        "person",
        *columns(PersonActual, "units", "credited_deals", "meetings_held", "earnings"),
    ]
    list_filter = [year_filter("month")]
    search_fields = ["person__name"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
