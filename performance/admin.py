from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from compensation.admin import MonthAdminMixin

from .exchange.admin_import import ExchangeAdmin
from .exchange.resources import MonthlyActualResource
from .models import MonthlyActual, MonthlyRevenue


@admin.register(MonthlyActual)
class MonthlyActualAdmin(MonthAdminMixin, ExchangeAdmin, SimpleHistoryAdmin):
    resource_classes = [MonthlyActualResource]
    list_display = ["month", "role", "headcount", "units", "credited_deals", "meetings_held", "earnings"]
    list_filter = ["role", "month"]
    search_fields = ["role__name"]
    date_hierarchy = "month"
    list_select_related = ["role"]


@admin.register(MonthlyRevenue)
class MonthlyRevenueAdmin(MonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["month", "revenue"]
    list_filter = ["month"]
    date_hierarchy = "month"
