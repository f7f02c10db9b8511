"""What-if planning: try changes to a month (everyone who views plans), save a scenario
(Managers, Admins), open and compare saved ones, and apply one's plan changes (Admins)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from compensation.models import Scenario
from otesite.lib.formatting import format_money
from otesite.lib.months import format_month, month_label
from otesite.permissions import (
    APPLY_SCENARIOS,
    SAVE_SCENARIOS,
    USE_WHAT_IF,
    VIEW_SCENARIOS,
    Scope,
    permission_required_or_403,
    scope_of,
)
from performance import engine
from performance.engine.whatif import base_inputs, counts
from performance.loader import WhatIfUnavailable, load_what_if, months_with_data, what_if_inputs
from performance.scenarios import NotApplicable, RepricingNotConfirmed, apply_scenario, months_text, plan_changes
from performance.web import whatif_compare as compare
from performance.web import whatif_presenters
from performance.web.dashboard import is_fragment_request
from performance.web.presenters import what_if_url
from performance.web.whatif_forms import (
    ApplyScenarioForm,
    BaseMonthForm,
    CompareForm,
    SaveScenarioForm,
    WhatIfForm,
)

PAGE = "compensation/whatif.html"
DETAIL = "compensation/scenario_detail.html"


@dataclass
class Scene:
    """What the what-if page (and a saved scenario's page) shows, built once per request."""

    month: date
    result: engine.WhatIf | None = None
    unavailable: str | None = None
    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    revenue_goal: Decimal | None = None
    inputs: WhatIfForm | None = None  # the form as drawn (whatif_presenters.input_form)
    groups: list = field(default_factory=list)

    def context(self) -> dict:
        result = self.result
        context: dict = {
            "month": format_month(self.month),
            "month_label": month_label(self.month),
            "unavailable": self.unavailable,
            "problems": self.problems,
            "changes": self.changes,
            "revenue_goal": self.revenue_goal,
            "inputs": self.inputs,
            "groups": self.groups,
            "result": result,
            "url": what_if_url(self.month, self.changes, self.revenue_goal),
        }
        if result is not None:
            context |= {
                "summary_rows": whatif_presenters.summary_rows(result.base.metrics, result.scenario.metrics),
                "roles": whatif_presenters.role_comparisons(result, self.changes, self.revenue_goal),
                "capacity_rows": whatif_presenters.capacity_rows(result.base.metrics, result.scenario.metrics),
                "outcome_rows": whatif_presenters.outcome_rows(result),
                "outcome_chart": whatif_presenters.outcome_chart(result),
            }
        return context


def build_scene(
    data, month: date, scope: Scope, *, fixed_changes: list[str] | None = None, goal: Decimal | None = None
) -> Scene:
    """The base month and the changes in `data` (the page's query), or `fixed_changes` (a saved
    scenario); problems are listed, and the base is shown beside itself while there are any."""
    scene = Scene(month)
    try:
        inputs = what_if_inputs(month, scope=scope)
    except WhatIfUnavailable as error:
        scene.unavailable = str(error)
        return scene
    base = base_inputs(inputs.month, inputs.economics, inputs.kept_roles)
    counting = [role.name for role in base.roles if counts(role)]
    if fixed_changes is not None:
        data = QueryDict(mutable=True)
        data.setlist("change", fixed_changes)
    form = WhatIfForm(data, roles=counting)
    changes: list[engine.Change] = []
    if form.is_valid():
        changes = form.cleaned_data["changes"]
        scene.revenue_goal = goal if fixed_changes is not None else form.cleaned_data["revenue_goal"]
    else:
        scene.problems = [
            f"{name}: {error}" if name != "__all__" else error
            for name, errors in form.errors.items()
            for error in errors
        ]
    typed_goal = str(form.data.get("revenue_goal") or "").strip() if fixed_changes is None else ""
    goal_text = typed_goal or ("" if scene.revenue_goal is None else f"{scene.revenue_goal:f}")
    values = form.input_values()
    scene.inputs = whatif_presenters.input_form(base, counting, values, format_month(month), goal_text)
    scene.groups = whatif_presenters.input_groups(scene.inputs, counting)
    try:
        scene.result = engine.what_if(inputs.month, inputs.economics, inputs.kept_roles, changes, scene.revenue_goal)
        scene.changes = [change.text for change in changes]
    except engine.ScenarioInvalid as error:
        scene.problems += error.problems
        scene.result = engine.what_if(inputs.month, inputs.economics, inputs.kept_roles, (), scene.revenue_goal)
    return scene


def _month(data, with_data: list[date]) -> tuple[date | None, list[str]]:
    """The month asked for, else the latest with data; and what was wrong with the one asked for."""
    form = BaseMonthForm(data)
    chosen = form.cleaned_data.get("month") if form.is_valid() else None
    problems = [str(error) for error in form.errors.get("month", [])]
    return chosen or (with_data[-1] if with_data else None), problems


def _swaps_scenario(request: HttpRequest) -> bool:
    """The what-if form's htmx requests swap #scenario; the month picker's (which swaps the
    page's main, so every input follows the new month) and a history restore get the page."""
    return is_fragment_request(request) and request.htmx.target == "scenario"


def _render(
    request: HttpRequest, scene: Scene | None, with_data: list[date], extra: dict | None = None, status: int = 200
) -> HttpResponse:
    extra = extra or {}
    context = {"months": with_data, **(scene.context() if scene else {}), **extra}
    if scene is not None:
        goal = "" if scene.revenue_goal is None else f"{scene.revenue_goal:f}"
        saved = {"month": context["month"], "change": scene.changes, "revenue_goal": goal}
        context["save_form"] = SaveScenarioForm(
            initial=saved | {"name": extra.get("scenario_name", "")}, auto_id="scenario-%s"
        )
        context["month_form"] = BaseMonthForm.picker(context["month"], with_data)
    if scene is not None and _swaps_scenario(request):
        response = render(request, f"{PAGE}#scenario", context, status=200)
        if not scene.problems:
            response["HX-Replace-Url"] = context["url"]
        return response
    return render(request, PAGE, context, status=status)


@permission_required_or_403(USE_WHAT_IF)
@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def what_if(request: HttpRequest) -> HttpResponse:
    """`?month=YYYY-MM&change=...`: the month re-estimated beside the scenario, recomputed as
    the user types (htmx swaps `#scenario`); a plain GET form without JavaScript."""
    with_data = months_with_data()
    month, month_problems = _month(request.GET, with_data)
    if month is None:
        return _render(request, None, with_data, {"no_data": True, "month_problems": month_problems})
    scene = build_scene(request.GET, month, scope_of(request.user, USE_WHAT_IF))
    scene.problems = month_problems + scene.problems
    status = 400 if scene.problems and not _swaps_scenario(request) else 200
    return _render(request, scene, with_data, status=status)


@permission_required_or_403(SAVE_SCENARIOS)
@require_POST
def save_scenario(request: HttpRequest) -> HttpResponse:
    form = SaveScenarioForm(request.POST)
    problems = []
    if form.is_valid():
        month = form.cleaned_data["month"]
        try:
            load_what_if(month, form.cleaned_data["changes"], scope=scope_of(request.user, USE_WHAT_IF))
        except (engine.ScenarioInvalid, WhatIfUnavailable) as error:
            problems = getattr(error, "problems", [str(error)])
    else:
        problems = [error for errors in form.errors.values() for error in errors]
    if problems:
        with_data = months_with_data()
        month, _ = _month(request.POST, with_data)
        scene = build_scene(request.POST, month, scope_of(request.user, USE_WHAT_IF)) if month else None
        if scene:
            scene.problems = [f"Not saved: {problem}" for problem in problems]
        extra = {"no_data": month is None, "scenario_name": form.data.get("name", "")}
        return _render(request, scene, with_data, extra, 400)
    scenario = Scenario.objects.create(
        name=form.cleaned_data["name"],
        month=form.cleaned_data["month"],
        changes=[change.text for change in form.cleaned_data["changes"]],
        revenue_goal=form.cleaned_data["revenue_goal"],
        created_by=request.user,
    )
    messages.success(request, f"Saved the scenario “{scenario.name}”.")
    return redirect("scenario_detail", pk=scenario.pk)


@permission_required_or_403(VIEW_SCENARIOS)
@require_GET
def scenario_list(request: HttpRequest) -> HttpResponse:
    scenarios = list(Scenario.objects.select_related("created_by"))
    boxes = CompareForm(choices=[(scenario.pk, scenario.name) for scenario in scenarios])["scenario"]
    return render(request, "compensation/scenario_list.html", {"rows": list(zip(scenarios, boxes, strict=True))})


def _scenario_scene(scenario: Scenario, scope: Scope) -> Scene:
    return build_scene(None, scenario.month, scope, fixed_changes=list(scenario.changes), goal=scenario.revenue_goal)


def _render_detail(
    request: HttpRequest,
    scenario: Scenario,
    form: ApplyScenarioForm,
    problems=(),
    status=200,
    reprice: RepricingNotConfirmed | None = None,
):
    scene = _scenario_scene(scenario, scope_of(request.user, VIEW_SCENARIOS))
    try:
        to_apply = plan_changes(scenario)
    except engine.ScenarioInvalid:
        to_apply = []
    context = {
        **scene.context(),
        "scenario": scenario,
        "apply_form": form,
        "apply_problems": list(problems),
        "plan_changes": [change.text for change in to_apply],
        "other_changes": [text for text in scenario.changes if text not in {c.text for c in to_apply}],
        "history": scenario.history.select_related("history_user")[:20],
        "editable_url": what_if_url(scenario.month, list(scenario.changes), scenario.revenue_goal),
    }
    if reprice is not None:  # "I understand", naming the months it re-prices
        form.confirm_repricing(
            ",".join(format_month(month) for month in reprice.months),
            f"I understand: applying from {format_month(reprice.start)} re-prices {months_text(reprice.months)}",
        )
        context["reprice"] = True
    return render(request, DETAIL, context, status=status)


@permission_required_or_403(VIEW_SCENARIOS)
@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(Scenario.objects.select_related("created_by"), pk=pk)
    return _render_detail(request, scenario, ApplyScenarioForm())


@permission_required_or_403(APPLY_SCENARIOS)
@require_POST
def scenario_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario's plan changes as plan versions from the chosen month, all or none."""
    scenario = get_object_or_404(Scenario, pk=pk)
    form = ApplyScenarioForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, scenario, form, status=400)
    start = form.cleaned_data["start"]
    try:
        applied = apply_scenario(scenario, start, reprice=form.cleaned_data["reprice"])
    except RepricingNotConfirmed as error:
        return _render_detail(request, scenario, form, error.problems, status=400, reprice=error)
    except (NotApplicable, engine.ScenarioInvalid) as error:
        return _render_detail(request, scenario, form, error.problems, status=400)
    described = "; ".join(
        f"{item.role.name}: " + ", ".join(_described(change, item) for change in item.changes) for item in applied
    )
    messages.success(request, f"Applied “{scenario.name}” as plan versions from {month_label(start)}. {described}.")
    return redirect("plans")


APPLIED_LABELS = {
    "annual_ote": "annual OTE",
    "annual_base": "annual base",
    "monthly_quota": "quota",
    "commission_rate": "commission rate",
}


def _described(change: engine.Change, item) -> str:
    before, after = getattr(item.before, change.field), getattr(item.after, change.field)
    label = APPLIED_LABELS[change.field]
    if change.field == "commission_rate":
        return f"{label} {before * 100:.1f}% → {after * 100:.1f}%"
    if change.field == "monthly_quota":
        return f"{label} {before.normalize():f} → {after.normalize():f}"
    return f"{label} {format_money(before)} → {format_money(after)}"


@permission_required_or_403(VIEW_SCENARIOS)
@require_GET
def scenario_compare(request: HttpRequest) -> HttpResponse:
    """`?scenario=1&scenario=2[&scenario=3]`: saved scenarios side by side."""
    available = list(Scenario.objects.all())
    form = CompareForm(request.GET, choices=[(scenario.pk, scenario.name) for scenario in available])
    if not form.is_valid():
        context = {"form": form, "scenarios": available, "table": None}
        return render(request, "compensation/scenario_compare.html", context, status=400)
    chosen = [next(s for s in available if s.pk == pk) for pk in form.cleaned_data["scenario"]]
    columns, bases = [], {}
    for scenario in chosen:
        scene = _scenario_scene(scenario, scope_of(request.user, VIEW_SCENARIOS))
        note = f"{month_label(scenario.month)}: " + (", ".join(scenario.changes) or "no changes")
        side = scene.result.scenario if scene.result and not scene.problems else None
        problems = tuple(scene.problems) + ((scene.unavailable,) if scene.unavailable else ())
        columns.append(compare.Column(scenario.name, note, side, problems))
        if scene.result:
            bases[scene.month] = scene.result.base
    has_base = len(bases) == 1 and len({scenario.month for scenario in chosen}) == 1
    if has_base:
        month, base = next(iter(bases.items()))
        columns.insert(0, compare.base_column(base, format_month(month)))
    table = compare.compare_table(columns, has_base=has_base)
    context = {"form": form, "scenarios": available, "table": table, "chosen": chosen}
    return render(request, "compensation/scenario_compare.html", context)
