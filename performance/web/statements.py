"""People's statements: a month's list, one person's statement (printable on A4), and the
payroll CSV. Managers and Admins see everyone's (VIEW_STATEMENTS); a rep sees only their own,
and any other person's statement is a 404 for them (otesite.permissions.may_see_person).
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from compensation.models import Person
from otesite.lib.months import format_month, month_label
from otesite.permissions import VIEW_STATEMENTS, may_see_person, permission_required_or_403, visible_person_ids
from performance.closing import approval_of
from performance.exchange.payroll import write_payroll_csv
from performance.month_close import State
from performance.statements import StatementMissing, month_of


@require_GET
@permission_required_or_403(VIEW_STATEMENTS, or_own_numbers=True)
def statements(request: HttpRequest, month: date) -> HttpResponse:
    """The month's statements, by role then name, each linking to its page."""
    visible = visible_person_ids(request.user, VIEW_STATEMENTS)
    context = {"month": month, "month_label": month_label(month), "rows": [], "everyone": visible is None}
    try:
        found = month_of(month)
    except StatementMissing as missing:
        return render(request, "performance/statements.html", {**context, "problem": str(missing)})
    ids = dict(Person.objects.filter(name__in=[s.person for s in found.statements]).values_list("name", "pk"))
    context["rows"] = [
        {"statement": statement, "person_id": ids[statement.person]}
        for statement in found.statements
        if visible is None or ids.get(statement.person) in visible
    ]
    context["state"] = State(found.state)
    return render(request, "performance/statements.html", context)


@require_GET
@permission_required_or_403(VIEW_STATEMENTS, or_own_numbers=True)
def statement(request: HttpRequest, month: date, person_id: int) -> HttpResponse:
    """One person's month as they are paid for it (DOMAIN.md's statement)."""
    person = get_object_or_404(Person, pk=person_id)
    if not may_see_person(request.user, person, VIEW_STATEMENTS):
        raise Http404("No such statement.")
    try:
        found = month_of(month).of(person.name)
    except StatementMissing as missing:
        raise Http404(str(missing)) from missing
    if found is None:
        raise Http404(f"{person.name} has no statement for {format_month(month)}.")
    context = {
        "month": month,
        "month_label": month_label(month),
        "person": person,
        "found": found,
        "s": found.statement,
        "state": State(found.state),
        "approval": approval_of(month, person.name) if found.state == State.APPROVED else None,
        "everyone": visible_person_ids(request.user, VIEW_STATEMENTS) is None,
    }
    return render(request, "performance/statement.html", context)


@require_GET
@permission_required_or_403(VIEW_STATEMENTS)
def payroll_csv(request: HttpRequest, month: date) -> HttpResponse:
    """DOMAIN.md's payroll CSV of the month."""
    try:
        found = month_of(month)
    except StatementMissing as missing:
        return HttpResponse(f"Cannot export: {missing}\n", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="otesite-payroll-{format_month(month)}.csv"'
    write_payroll_csv(response, found.statements, found.state)
    return response
