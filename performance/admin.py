from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from compensation.admin import MonthAdminMixin
from compensation.admin_support import HistoryReasonAdmin, columns, year_filter
from otesite.lib.admin_csv import ImportLinkAdmin, csv_download, field
from otesite.lib.admin_locks import LockedMonthsAdminMixin
from performance.actuals import VALUE_FIELDS as ACTUALS_VALUES
from performance.models import VALUES, MonthlyActual, MonthlyRevenue, PersonActual


@admin.register(MonthlyActual)
class MonthlyActualAdmin(
    LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, ImportLinkAdmin, SimpleHistoryAdmin
):
    # Imports go through /actuals/import/ (a preview, then confirm); downloads are DOMAIN.md's actuals CSV.
    actions = [
        csv_download(
            "actuals.csv",
            [field("month"), ("role", lambda row: row.role.name), *map(field, ACTUALS_VALUES)],
        )
    ]
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
class PersonActualAdmin(
    LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, ImportLinkAdmin, SimpleHistoryAdmin
):
    # Imports go through /actuals/import/; downloads are DOMAIN.md's people CSV.
    actions = [
        csv_download(
            "people-actuals.csv",
            [field("month"), ("person", lambda row: row.person.name), *map(field, VALUES)],
        )
    ]
    list_display = [
        *columns(PersonActual, "month"),
        "person",
        *columns(PersonActual, "units", "credited_deals", "meetings_held", "earnings"),
    ]
    list_filter = [year_filter("month")]
    search_fields = ["person__name"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
