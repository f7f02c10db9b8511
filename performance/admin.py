from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin

from compensation.admin import MonthAdminMixin

from .closing_admin import LockedMonthsAdminMixin
from .exchange.resources import MonthlyActualResource
from .models import MonthlyActual, MonthlyRevenue, PersonActual


@admin.register(MonthlyActual)
class MonthlyActualAdmin(LockedMonthsAdminMixin, MonthAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [MonthlyActualResource]
    import_formats = export_formats = [CSV]  # the format DOMAIN.md and spreadsheets share
    list_display = ["month", "role", "headcount", "units", "credited_deals", "meetings_held", "earnings"]
    list_filter = ["role", "month"]
    search_fields = ["role__name"]
    date_hierarchy = "month"
    list_select_related = ["role"]


@admin.register(MonthlyRevenue)
class MonthlyRevenueAdmin(LockedMonthsAdminMixin, MonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["month", "revenue"]
    list_filter = ["month"]
    date_hierarchy = "month"


@admin.register(PersonActual)
class PersonActualAdmin(LockedMonthsAdminMixin, MonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["month", "person", "units", "credited_deals", "meetings_held", "earnings"]
    list_filter = ["month"]
    search_fields = ["person__name"]
    date_hierarchy = "month"
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
