from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from compensation import user_admin
from compensation.admin_support import EconomicsForm, HistoryReasonAdmin, columns, year_filter
from compensation.assignment_admin_form import AssignmentAdminForm, AssignmentInlineForm
from compensation.curves import tier_problems
from compensation.login_forms import PersonLoginAdminForm
from compensation.models import (
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
from compensation.plan_admin_form import PlanCurveAdminForm
from otesite.lib import hooks
from otesite.lib.admin_csv import cell, csv_download, field
from otesite.lib.admin_locks import LockedMonthsAdminMixin, LockedMonthsFormSet
from otesite.lib.fields import MonthField, MonthInput


class MonthAdminMixin:
    """Months are picked with a month input, not the admin's calendar."""

    formfield_overrides = {MonthField: {"widget": MonthInput}}


@admin.register(Role)
class RoleAdmin(LockedMonthsAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "display_order"]
    list_editable = ["display_order"]
    list_filter = ["kind"]
    search_fields = ["name"]


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
class QuotaPlanAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    inlines = [PlanTierInline]
    actions = [
        csv_download(
            "plans.csv",
            [
                ("role", lambda plan: plan.role.name),
                *map(field, ("effective_from", *PLAN_FIELDS, "cap_pct", "ramp")),
                ("tiers", lambda plan: [f"{cell(t.from_pct)}:{cell(t.multiplier)}" for t in plan.tiers.all()]),
            ],
        )
    ]
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

    # The list shows each plan against the assumptions of its own first month; the plans page
    # shows the plan in force against today's. The headers say which. The figures come from the
    # engine, above this layer: asked through a hook (otesite/lib/hooks.py).
    @admin.display(description="monthly OTE")
    def monthly_ote(self, plan: QuotaPlan) -> str:
        summary = hooks.plan_summary(plan)
        return summary.monthly_ote if summary else "n/a"

    @admin.display(description="break-even units (assumptions of its first month)")
    def break_even(self, plan: QuotaPlan) -> str:
        summary = hooks.plan_summary(plan)
        return summary.break_even_units if summary else "n/a"

    @admin.display(description="alignment (assumptions of its first month)")
    def alignment(self, plan: QuotaPlan) -> str:
        summary = hooks.plan_summary(plan)
        return summary.alignment if summary else "n/a: set business assumptions first"

    @admin.display(description="live figures (with the assumptions in force in its first month)")
    def live_figures(self, plan: QuotaPlan) -> str:
        if plan.pk is None:
            return "Saved plans show their monthly OTE, break-even and alignment here."
        summary = hooks.plan_summary(plan)
        if summary is None:
            return "n/a: no business assumptions are in force in this plan's first month."
        return format_html_join("", "<div><strong>{}</strong>: {}</div>", summary.rows)


@admin.register(Economics)
class EconomicsAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    form = EconomicsForm  # rates typed as percentages
    list_display = columns(Economics, "effective_from", *ECONOMICS_FIELDS)
    list_filter = [year_filter("effective_from")]


class AssignmentInline(MonthAdminMixin, admin.TabularInline):
    model = Assignment
    form = AssignmentInlineForm  # start and end as a month or a day
    formset = LockedMonthsFormSet
    extra = 0
    autocomplete_fields = ["role"]


user_admin.register()  # logins: Admins add and change them; only a superuser makes a superuser


@admin.register(Person)
class PersonAdmin(LockedMonthsAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    """A person and their login, managed in one step: link an existing login (or clear it to
    unlink), disable or enable it, or create one (compensation/login_forms.py)."""

    form = PersonLoginAdminForm
    list_display = ["name", "email", "login"]
    list_select_related = ["user"]
    search_fields = ["name", "email", "user__username"]
    inlines = [AssignmentInline]
    autocomplete_fields = ["user"]
    readonly_fields = ["login_links"]
    fieldsets = [
        (None, {"fields": ["name", "email"]}),
        (
            "Login",
            {
                "fields": ["user", "login_active", "login_links", "new_username", "password1", "password2"],
                "description": "The login that sees this person's own numbers at /me/. A rep's login needs no group.",
            },
        ),
        (None, {"fields": ["change_reason"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"by": request.user})  # who may change which login

    def save_model(self, request, obj: Person, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        form.apply_login(
            obj, request.user, form.cleaned_data.get("change_reason") or "the person's login, in the admin"
        )

    @admin.display(description="login", ordering="user__username")
    def login(self, person: Person) -> str:
        if person.user is None:
            return "—"
        return person.user.username if person.user.is_active else f"{person.user.username} (disabled)"

    @admin.display(description="password")
    def login_links(self, person: Person) -> str:
        if person.pk is None or person.user is None:
            return "Create or link a login first."
        url = reverse("admin:auth_user_password_change", args=[person.user.pk])
        return format_html('<a href="{}">Set a password for {}</a>', url, person.user.username)


@admin.register(Assignment)
class AssignmentAdmin(LockedMonthsAdminMixin, MonthAdminMixin, HistoryReasonAdmin, SimpleHistoryAdmin):
    form = AssignmentAdminForm  # start and end as a month or a day
    list_display = ["person", "role", "start_text", "end_text", "ramp"]
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
