"""OTE plans: what each role is paid now and next, and a calculator to try a plan."""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from compensation.models import Economics
from otesite.permissions import VIEW_PLAN_HISTORY, VIEW_PLANS, Can, permission_required_or_403
from performance import engine
from performance.loader import economics_input, months_with_data
from performance.web.curve_forms import PlanCurveCalculatorForm, curve_values
from performance.web.plan_forms import PlanCalculatorForm
from performance.web.plan_presenters import RolePlans, payout_chart, role_plans
from performance.web.plan_timeline import plan_timeline
from performance.web.presenters import alignment_badge

PAGE = "compensation/plans.html"


def _calculator(data: QueryDict | dict | None, economics: Economics | None) -> dict:
    """The calculator's form and, when its values are valid, the engine's figures."""
    form = PlanCurveCalculatorForm(data)
    context = {"calculator": form, "figures": None, "economics": economics}
    if economics is not None and form.is_bound and form.is_valid():
        kind = form.cleaned_data["kind"]
        figures = engine.plan_figures(kind, form.plan(), economics_input(economics))
        context |= {
            "figures": figures,
            "unit": engine.UNIT_WORDS[kind],
            "alignment": alignment_badge(figures.alignment),
            "payout": payout_chart("calculator-payout", kind, form.plan(), economics),
        }
    return context


def _first_plan_in_force(roles: list[RolePlans]) -> dict | None:
    """The calculator opens on the first plan in force, so it starts from real numbers."""
    for role in roles:
        if role.in_force:
            plan = role.in_force.plan
            return {**PlanCalculatorForm.data_for(role.role.kind, plan), **curve_values(plan)}
    return None


def _submitted(request: HttpRequest) -> QueryDict | None:
    """The calculator's values when it was submitted without JavaScript."""
    return request.GET if any(name in request.GET for name in PlanCalculatorForm.base_fields) else None


def _this_month():
    return timezone.localdate().replace(day=1)


@permission_required_or_403(VIEW_PLANS)
@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    today = _this_month()
    economics = Economics.objects.in_force(today)
    with_data = months_with_data() if Can.of(request.user).use_what_if else []
    roles = role_plans(today, with_data[-1] if with_data else None)
    calculator = _calculator(_submitted(request) or _first_plan_in_force(roles), economics)
    return render(request, PAGE, {"roles": roles, "today": today, **calculator})


@permission_required_or_403(VIEW_PLANS)
@require_GET
def plan_preview(request: HttpRequest) -> HttpResponse:
    """The calculator's results for the values typed so far (htmx, as you type)."""
    economics = Economics.objects.in_force(_this_month())
    return render(request, f"{PAGE}#calculator-result", _calculator(request.GET, economics))


@permission_required_or_403(VIEW_PLAN_HISTORY)
@require_GET
def plan_history(request: HttpRequest) -> HttpResponse:
    """Every plan version per role with the months it governs, and the audit trail (Admins, Board)."""
    context = {"timeline": plan_timeline(), "this_month": _this_month()}
    return render(request, "compensation/plan_history.html", context)
