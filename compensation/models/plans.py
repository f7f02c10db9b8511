"""Roles, their effective-dated OTE plans with their pay curves, and the company's business
assumptions."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from simple_history.models import HistoricalRecords

from compensation.curves import CAP, percent_text, ramp_problems
from otesite.lib.fields import DecimalListField, MonthField
from otesite.lib.lockable import Lockable
from otesite.lib.months import format_month
from otesite.lib.versioning import VersionedQuerySet

ZERO = Decimal("0")
ONE = Decimal("1")


def _within_unit_interval(field: str) -> Q:
    return Q(**{f"{field}__gte": 0, f"{field}__lte": 1})


class Role(Lockable, models.Model):
    class Kind(models.TextChoices):
        CLOSER = "closer", "Closer"
        SETTER = "setter", "Setter"
        MANAGER = "manager", "Manager"

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    display_order = models.PositiveIntegerField(
        default=0, help_text="Roles are shown by this number, then in the order they were created."
    )

    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.refuse_changes()  # an approved month shows it by name and pays it by kind


class EffectiveDatedQuerySet(VersionedQuerySet):
    def effective_on_or_before(self, month: date):
        return self.filter(effective_from__lte=month)


# A plan's numbers, in the order every form, file and list shows them: the one list of them.
PLAN_FIELDS = ("annual_ote", "annual_base", "monthly_quota", "commission_rate")


class QuotaPlanQuerySet(EffectiveDatedQuerySet):
    def in_force(self, month: date):
        """The plan each role has in force in `month`: its latest one starting on or before it."""
        latest = (
            QuotaPlan.objects.filter(role=OuterRef("role"), effective_from__lte=month)
            .order_by("-effective_from")
            .values("effective_from")[:1]
        )
        return self.filter(effective_from=Subquery(latest)).select_related("role")

    def with_curves(self):
        """Each plan with its pay-curve bands, lowest first, in one more query for all of them."""
        return self.prefetch_related(models.Prefetch("tiers", queryset=PlanTier.objects.order_by("from_pct")))

    def with_economics(self):
        """Annotate each plan with the business assumptions in force in its first month
        (``economics_<field>``, and the month they were set from, ``economics_effective_from``;
        None before the first assumptions), in the same query."""
        in_force = Economics.objects.filter(effective_from__lte=OuterRef("effective_from")).order_by("-effective_from")
        fields = (*ECONOMICS_FIELDS, "effective_from")
        return self.annotate(**{f"economics_{name}": Subquery(in_force.values(name)[:1]) for name in fields})


class QuotaPlan(Lockable, models.Model):
    """What one person in a role earns at 100% of quota, in force from `effective_from`."""

    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="plans")
    effective_from = MonthField(help_text="The first month this plan governs (YYYY-MM).")
    annual_ote = models.DecimalField(
        "annual OTE",
        max_digits=14,
        decimal_places=2,
        help_text="Base salary + variable pay at quota, per person per year.",
    )
    annual_base = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    monthly_quota = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Units (deals, meetings or team deals) per person per month."
    )
    commission_rate = models.DecimalField(
        max_digits=7, decimal_places=6, help_text="Share of a deal's upfront revenue paid per credited deal (0 to 1)."
    )
    # The pay curve (DOMAIN.md): tiers are rows (PlanTier, edited inline); the cap and the ramp
    # are values of the plan itself, so they are kept in its history and read with it.
    cap_pct = models.DecimalField(
        "cap %",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Quota attainment beyond which nothing more is paid; empty for no cap.",
    )
    ramp = DecimalListField(
        help_text="A new person's quota fractions by tenure month, e.g. 0.5, 0.75: half quota in the "
        "first month, three quarters in the second, full after. Empty for no ramp."
    )
    clawback_months = models.PositiveSmallIntegerField(
        "clawback window (months)",
        default=0,
        help_text="Months after a deal's close month in which cancelling it takes back the commission it paid "
        "(2: a March deal cancelled by May); 0 for no clawback.",
    )

    history = HistoricalRecords()
    objects = QuotaPlanQuerySet.as_manager()

    class Meta:
        ordering = ["role__display_order", "role_id", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["role", "effective_from"], name="one_plan_per_role_and_month"),
            models.CheckConstraint(condition=Q(monthly_quota__gt=0), name="plan_quota_positive"),
            models.CheckConstraint(condition=Q(annual_ote__gt=0), name="plan_ote_positive"),
            models.CheckConstraint(
                condition=Q(annual_base__gte=0, annual_base__lte=F("annual_ote")), name="plan_base_within_ote"
            ),
            models.CheckConstraint(condition=_within_unit_interval("commission_rate"), name="plan_rate_0_to_1"),
            models.CheckConstraint(condition=Q(cap_pct__isnull=True) | Q(cap_pct__gt=0), name="plan_cap_positive"),
        ]
        permissions = [("view_plan_timeline", "Can view the plan timeline and its audit trail")]

    def __str__(self) -> str:
        return f"{self.role} from {format_month(self.effective_from)}" if self.effective_from else str(self.role)

    def clean(self) -> None:
        errors = {}
        if self.monthly_quota is not None and self.monthly_quota <= 0:
            errors["monthly_quota"] = "Monthly quota must be greater than 0."
        if self.annual_ote is not None and self.annual_ote <= 0:
            errors["annual_ote"] = "Annual OTE must be greater than 0."
        if self.annual_base is not None and self.annual_base < 0:
            errors["annual_base"] = "Annual base cannot be negative."
        elif self.annual_base is not None and self.annual_ote is not None and self.annual_base > self.annual_ote:
            errors["annual_base"] = "Annual base cannot be more than annual OTE."
        if self.commission_rate is not None and not ZERO <= self.commission_rate <= ONE:
            errors["commission_rate"] = "Commission rate is a fraction from 0 to 1 (10% is 0.10)."
        if self.cap_pct is not None and self.cap_pct <= 0:
            errors["cap_pct"] = f"Cap {CAP}."
        # Text that is not yet read (clean_fields reports it) has no fractions to check.
        if isinstance(self.ramp, tuple | list) and (problems := ramp_problems(self.ramp)):
            entries = ", ".join(str(index + 1) for index, _ in problems)
            errors["ramp"] = f"Each fraction {problems[0][1]}; see entry {entries}."
        if errors:
            raise ValidationError(errors)
        self.refuse_changes()


class PlanTier(Lockable, models.Model):
    """A pay-curve band of a plan: attainment from `from_pct` up to the next band's is paid at
    `multiplier`. A plan's bands start at 0 (checked over the rows, by the admin's inline and
    the workspace import); a plan without bands pays multiplier 1 throughout."""

    plan = models.ForeignKey(QuotaPlan, on_delete=models.CASCADE, related_name="tiers")
    from_pct = models.DecimalField("from %", max_digits=8, decimal_places=2, help_text="Quota attainment, %.")
    multiplier = models.DecimalField(max_digits=8, decimal_places=4)

    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "from_pct"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "from_pct"], name="one_tier_per_plan_and_from_pct"),
            models.CheckConstraint(condition=Q(from_pct__gte=0), name="tier_from_not_negative"),
            models.CheckConstraint(condition=Q(multiplier__gte=0), name="tier_multiplier_not_negative"),
        ]

    def __str__(self) -> str:
        return (
            f"from {percent_text(self.from_pct)}%: × {percent_text(self.multiplier)}"
            if self.from_pct is not None
            else "band"
        )

    def clean(self) -> None:
        errors = {}
        if self.from_pct is not None and self.from_pct < 0:
            errors["from_pct"] = "A band starts at 0% or above."
        if self.multiplier is not None and self.multiplier < 0:
            errors["multiplier"] = "A multiplier is 0 or more."
        if errors:
            raise ValidationError(errors)
        self.refuse_changes()


class EconomicsQuerySet(EffectiveDatedQuerySet):
    def in_force(self, month: date) -> "Economics | None":
        return self.effective_on_or_before(month).order_by("-effective_from").first()


# The business assumptions' numbers, in the order every form, file and list shows them.
ECONOMICS_FIELDS = (
    "deal_value",
    "upfront_rate",
    "show_rate",
    "close_rate",
    "cost_per_meeting",
    "target_ote_pct_of_revenue",
    "near_target_pct",
    "exceeding_pct",
)


class Economics(Lockable, models.Model):
    """Company-wide business assumptions, in force from `effective_from`."""

    effective_from = MonthField(unique=True, help_text="The first month these assumptions hold (YYYY-MM).")
    deal_value = models.DecimalField(max_digits=16, decimal_places=2, help_text="Average deal size.")
    upfront_rate = models.DecimalField(
        max_digits=7, decimal_places=6, help_text="Share of deal value received upfront (0 to 1)."
    )
    show_rate = models.DecimalField(max_digits=7, decimal_places=6, help_text="Booked meetings that are held (0 to 1).")
    close_rate = models.DecimalField(max_digits=7, decimal_places=6, help_text="Held meetings that close (0 to 1).")
    cost_per_meeting = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Marketing cost of one booked meeting."
    )
    target_ote_pct_of_revenue = models.DecimalField(
        "target OTE % of revenue", max_digits=6, decimal_places=2, default=Decimal("20")
    )
    near_target_pct = models.DecimalField(
        max_digits=6, decimal_places=2, default=Decimal("80"), help_text="Quota attainment from which a role is 'near'."
    )
    exceeding_pct = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("110"),
        help_text="Quota attainment from which targets should be raised.",
    )

    history = HistoricalRecords()
    objects = EconomicsQuerySet.as_manager()

    class Meta:
        ordering = ["effective_from"]
        verbose_name = "business assumptions"
        verbose_name_plural = "business assumptions"
        constraints = [
            models.CheckConstraint(condition=Q(deal_value__gt=0), name="economics_deal_value_positive"),
            models.CheckConstraint(condition=_within_unit_interval("upfront_rate"), name="economics_upfront_0_to_1"),
            models.CheckConstraint(condition=_within_unit_interval("show_rate"), name="economics_show_0_to_1"),
            models.CheckConstraint(condition=_within_unit_interval("close_rate"), name="economics_close_0_to_1"),
            models.CheckConstraint(condition=Q(cost_per_meeting__gte=0), name="economics_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(target_ote_pct_of_revenue__gt=0, target_ote_pct_of_revenue__lte=100),
                name="economics_target_pct_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(near_target_pct__gt=0, near_target_pct__lte=100), name="economics_near_pct_0_to_100"
            ),
            models.CheckConstraint(condition=Q(exceeding_pct__gte=100), name="economics_exceeding_at_least_100"),
        ]

    def __str__(self) -> str:
        return f"Assumptions from {format_month(self.effective_from)}" if self.effective_from else "Assumptions"

    def clean(self) -> None:
        errors = {}
        if self.deal_value is not None and self.deal_value <= 0:
            errors["deal_value"] = "Deal value must be greater than 0."
        for field in ("upfront_rate", "show_rate", "close_rate"):
            value = getattr(self, field)
            if value is not None and not ZERO <= value <= ONE:
                errors[field] = "A rate is a fraction from 0 to 1 (25% is 0.25)."
        if self.cost_per_meeting is not None and self.cost_per_meeting < 0:
            errors["cost_per_meeting"] = "Cost per meeting cannot be negative."
        for field in ("target_ote_pct_of_revenue", "near_target_pct"):
            value = getattr(self, field)
            if value is not None and not ZERO < value <= 100:
                errors[field] = "A percentage from 0 to 100."
        if self.exceeding_pct is not None and self.exceeding_pct < 100:
            errors["exceeding_pct"] = "Exceeding starts at 100% of quota or above."
        if errors:
            raise ValidationError(errors)
        self.refuse_changes()
