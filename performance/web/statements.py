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
from otesite.permissions import VIEW_STATEMENTS, permission_required_or_403, scope_of
from performance.closing import approval_of
from performance.exchange.payroll import write_payroll_csv
from performance.month_close import State
from performance.statements import StatementMissing, month_of


@permission_required_or_403(VIEW_STATEMENTS, or_own_numbers=True)
@require_GET
def statements(request: HttpRequest, month: date) -> HttpResponse:
    """The month's statements, by role then name, each linking to its page."""
    scope = scope_of(request.user, VIEW_STATEMENTS)
    context = {"month": month, "month_label": month_label(month), "rows": [], "everyone": scope.everyone}
    try:
        found = month_of(month)
    except StatementMissing as missing:
        return render(request, "performance/statements.html", {**context, "problem": str(missing)})
    context["rows"] = [
        {"statement": statement, "person_id": statement.person_id, "person": found.names[statement.person_id]}
        for statement in found.statements
        if scope.sees(statement.person_id)
    ]
    context["state"] = State(found.state)
    return render(request, "performance/statements.html", context)


@permission_required_or_403(VIEW_STATEMENTS, or_own_numbers=True)
@require_GET
def statement(request: HttpRequest, month: date, person_id: int) -> HttpResponse:
    """One person's month as they are paid for it (DOMAIN.md's statement)."""
    person = get_object_or_404(Person, pk=person_id)
    scope = scope_of(request.user, VIEW_STATEMENTS)
    if not scope.sees(person.pk):
        raise Http404("No such statement.")
    try:
        month_statements = month_of(month)
    except StatementMissing as missing:
        raise Http404(str(missing)) from missing
    found = month_statements.of(person.pk)
    if found is None:
        raise Http404(f"{person.name} has no statement for {format_month(month)}.")
    context = {
        "month": month,
        "month_label": month_label(month),
        "person": person,
        "found": found,
        "s": found.statement,
        "state": State(found.state),
        "approval": (
            approval_of(month, person.pk, month_statements.history) if found.state == State.APPROVED else None
        ),
        "everyone": scope.everyone,
    }
    return render(request, "performance/statement.html", context)


@permission_required_or_403(VIEW_STATEMENTS)
@require_GET
def payroll_csv(request: HttpRequest, month: date) -> HttpResponse:
    """DOMAIN.md's payroll CSV of the month."""
    try:
        found = month_of(month)
    except StatementMissing as missing:
        return HttpResponse(f"Cannot export: {missing}\n", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="otesite-payroll-{format_month(month)}.csv"'
    write_payroll_csv(response, found.statements, found.state, found.names)
    return response
