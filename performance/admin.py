from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from compensation.admin import MonthAdminMixin
from compensation.admin_support import HistoryReasonAdmin, columns, year_filter
from otesite.lib.admin_csv import ImportLinkAdmin, csv_download, field
from otesite.lib.admin_locks import LockedMonthsAdminMixin, LockedMonthsFormSet
from performance.actuals import VALUE_FIELDS as ACTUALS_VALUES
from performance.deal_rules import DealFacts, DealValues, deal_problems
from performance.models import VALUES, Deal, DealCloser, MonthlyActual, MonthlyRevenue, PersonActual


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


class DealCloserFormSet(LockedMonthsFormSet):
    """The closers of a deal, checked with the deal by the one rule set (performance/deal_rules.py):
    shares adding up to exactly 1, each closer in a closer role and the setter in a setter role in
    the close month, a month kept by deals taking no role totals. The lock is the models' own
    (Lockable, performance/locks.py), asked when each row is cleaned."""

    def clean(self) -> None:
        super().clean()
        deal = self.instance
        if any(form.errors for form in self.forms) or deal.closed_on is None or deal.value is None:
            return
        closers = tuple(
            (form.cleaned_data["person"].pk, form.cleaned_data["share"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("person")
        )
        values = DealValues(
            deal.crm_id, deal.closed_on, deal.value, deal.upfront, closers, deal.setter_id, deal.cancelled_on
        )
        stored = None
        if deal.pk is not None:
            before = Deal.objects.with_closers().get(pk=deal.pk)
            stored = DealValues(
                before.crm_id,
                before.closed_on,
                before.value,
                before.upfront,
                tuple((closer.person_id, closer.share) for closer in before.closers.all()),
                before.setter_id,
                before.cancelled_on,
            )
        months = {m for r in (values, stored) if r is not None for m in (r.close_month, r.cancel_month) if m}
        facts = DealFacts.load(months)
        facts.approved = frozenset()  # the lock is the models' (their clean()), said once
        problems = deal_problems(values, facts, stored)
        if problems:
            raise ValidationError([message for _, message in problems])


class DealCloserInline(admin.TabularInline):
    model = DealCloser
    formset = DealCloserFormSet
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Deal)
class DealAdmin(LockedMonthsAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    """Deals with their closers inline, their history and the lock on approved months; the
    screens (/deals/) and the imports are the everyday ways in, this one is for repairs."""

    list_display = ["crm_id", "closed_on", "value", "upfront", "setter", "cancelled_on"]
    list_filter = [year_filter("closed_on")]
    search_fields = ["crm_id", "setter__name", "closers__person__name"]
    list_select_related = ["setter"]
    autocomplete_fields = ["setter"]
    inlines = [DealCloserInline]

    def save_formset(self, request, form, formset, change) -> None:
        """The closers' history rows keep the deal's reason too."""
        for inline_form in formset.forms:
            inline_form.instance._change_reason = form.cleaned_data.get("change_reason", "")
        super().save_formset(request, form, formset, change)
