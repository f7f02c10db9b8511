from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from otesite.fields import MonthField, MonthInput
from performance import engine
from performance.closing_admin import LockedMonthsAdminMixin, LockedMonthsFormSet
from performance.exchange.admin_import import ExchangeAdmin
from performance.exchange.resources import QuotaPlanResource
from performance.loader import plan_input
from performance.templatetags.numbers import money, units

from .admin_support import EconomicsForm, HistoryReasonAdmin, columns, year_filter
from .curves import tier_problems
from .models import (
    ECONOMICS_FIELDS,
    PLAN_FIELDS,
    Assignment,
    Economics,
    Person,
    PlanTier,
    QuotaPlan,
    Role,
    Scenario,
)
from .plan_admin_form import PlanCurveAdminForm


class MonthAdminMixin:
    """Months are picked with a month input, not the admin's calendar."""

    formfield_overrides = {MonthField: {"widget": MonthInput}}


@admin.register(Role)
class RoleAdmin(HistoryReasonAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "display_order"]
    list_editable = ["display_order"]
    list_filter = ["kind"]
    search_fields = ["name"]


def plan_figures(plan: QuotaPlan) -> engine.PlanFigures | None:
    """The plan's live figures against the assumptions in force in its first month
    (annotated by QuotaPlan.objects.with_economics()); None when there are none yet."""
    values = {name: getattr(plan, f"economics_{name}", None) for name in ECONOMICS_FIELDS}
    if values["deal_value"] is None or plan.role_id is None:
        return None
    return engine.plan_figures(plan.role.kind, plan_input(plan), engine.Economics(**values))


class TierFormSet(LockedMonthsFormSet):
    """The bands over the rows: from 0, each above the one before (the rows are kept in order)."""

    def clean(self) -> None:
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("from_pct") is not None
        ]
        bands = sorted((row["from_pct"], row.get("multiplier")) for row in kept)
        problems = [message for _, field, message in tier_problems(bands) if field == "from_pct"]
        if problems:
            raise ValidationError(f"The lowest band's from % {problems[0]}.")


class PlanTierInline(admin.TabularInline):
    model = PlanTier
    formset = TierFormSet
    extra = 0
    verbose_name = "pay-curve band"
    verbose_name_plural = "pay curve: bands over quota attainment (none: multiplier 1 throughout)"


@admin.register(QuotaPlan)
class QuotaPlanAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, ExchangeAdmin, SimpleHistoryAdmin):
    inlines = [PlanTierInline]
    resource_classes = [QuotaPlanResource]
    # The commission rate and the ramp typed as percentages; "I understand" before re-pricing months with actuals.
    form = PlanCurveAdminForm
    list_display = [
        "role",
        *columns(QuotaPlan, "effective_from", *PLAN_FIELDS),
        "cap_pct",
        "monthly_ote",
        "break_even",
        "alignment",
    ]
    list_filter = ["role", "role__kind", year_filter("effective_from")]
    search_fields = ["role__name"]
    list_select_related = ["role"]
    readonly_fields = ["live_figures"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_economics().with_curves()

    @admin.display(description="monthly OTE")
    def monthly_ote(self, plan: QuotaPlan) -> str:
        return money(engine.monthly_ote(plan_input(plan)))

    # The list shows each plan against the assumptions of its own first month; the plans page
    # shows the plan in force against today's. The headers say which.
    @admin.display(description="break-even units (assumptions of its first month)")
    def break_even(self, plan: QuotaPlan) -> str:
        figures = plan_figures(plan)
        return units(figures.break_even_units) if figures else "n/a"

    @admin.display(description="alignment (assumptions of its first month)")
    def alignment(self, plan: QuotaPlan) -> str:
        figures = plan_figures(plan)
        if figures is None:
            return "n/a: set business assumptions first"
        return engine.ALIGNMENT_LABELS.get(figures.alignment, "n/a")

    @admin.display(description="live figures (with the assumptions in force in its first month)")
    def live_figures(self, plan: QuotaPlan) -> str:
        if plan.pk is None:
            return "Saved plans show their monthly OTE, break-even and alignment here."
        figures = plan_figures(plan)
        if figures is None:
            return "n/a: no business assumptions are in force in this plan's first month."
        unit = engine.UNIT_WORDS[figures.kind][0]
        rows = [
            ("Monthly OTE", money(figures.monthly_ote)),
            ("Monthly base", money(figures.monthly_base)),
            ("Monthly variable", money(figures.monthly_variable)),
            (f"Required pay per {unit}", money(figures.required_pay_per_unit)),
            ("Commission per deal", money(figures.commission_per_deal)),
            ("Deals for OTE", units(figures.deals_for_ote)),
            ("Break-even units", units(figures.break_even_units)),
            ("Earnings at quota", money(figures.earnings_at_quota)),
            ("Alignment", f"{engine.ALIGNMENT_LABELS.get(figures.alignment, 'n/a')}: {figures.alignment_reason}"),
        ]
        return format_html_join("", "<div><strong>{}</strong>: {}</div>", rows)


@admin.register(Economics)
class EconomicsAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    form = EconomicsForm  # rates typed as percentages
    list_display = columns(Economics, "effective_from", *ECONOMICS_FIELDS)
    list_filter = [year_filter("effective_from")]


class AssignmentInline(MonthAdminMixin, admin.TabularInline):
    model = Assignment
    formset = LockedMonthsFormSet
    extra = 0
    autocomplete_fields = ["role"]


@admin.register(Person)
class PersonAdmin(LockedMonthsAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    list_display = ["name", "email", "username"]
    search_fields = ["name", "email", "username"]
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    list_display = ["person", "role", "start", "end", "ramp"]
    list_filter = ["role", "ramp"]
    search_fields = ["person__name", "role__name"]
    list_select_related = ["person", "role"]
    autocomplete_fields = ["person", "role"]


@admin.register(Scenario)
class ScenarioAdmin(MonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", *columns(Scenario, "month"), "created_by", "created_at"]
    list_filter = [year_filter("month")]
    search_fields = ["name"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj: Scenario, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
