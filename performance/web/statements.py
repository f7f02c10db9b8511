"""People's statements: a month's list (with each one's e-mail and sign-off, and the button that
e-mails them), one person's statement (printable on A4, with the rep's acknowledge and dispute
controls), and the payroll CSV. Managers and Admins see everyone's (VIEW_STATEMENTS); a rep sees
only their own, and any other person's statement is a 404 for them (otesite.permissions.scope_of).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from compensation.models import Person
from otesite.lib.months import format_month, month_label
from otesite.permissions import SEND_STATEMENTS, VIEW_STATEMENTS, permission_required_or_403, person_of, scope_of
from performance import mailing
from performance.closing import approval_of
from performance.disputes import SignOff, sign_off_of, sign_offs_of
from performance.exchange.payroll import write_payroll_csv
from performance.month_close import State
from performance.statement_records import StatementEmail, approval_in_force
from performance.statements import StatementMissing, month_of
from performance.web.sign_off_forms import DisputeForm
from performance.web.statement_presenters import StatementRow


@permission_required_or_403(VIEW_STATEMENTS, or_own_numbers=True)
@require_GET
def statements(request: HttpRequest, month: date) -> HttpResponse:
    """The month's statements, by role then name, each linking to its page, with its e-mail and
    sign-off; for those who may, the button that e-mails them (again, or retrying failures)."""
    scope = scope_of(request.user, VIEW_STATEMENTS)
    context = {"month": month, "month_label": month_label(month), "rows": [], "everyone": scope.everyone}
    try:
        found = month_of(month)
    except StatementMissing as missing:
        return render(request, "performance/statements.html", {**context, "problem": str(missing)})
    shown = [statement for statement in found.statements if scope.sees(statement.person_id)]
    approval = approval_in_force(month)
    attempts = (
        StatementEmail.objects.filter(approval=approval) if approval else StatementEmail.objects.filter(month=month)
    )
    latest = {row.person_id: row for row in attempts.order_by("at", "id")}
    addresses = dict(Person.objects.filter(pk__in=[s.person_id for s in shown]).values_list("pk", "email"))
    sign_offs = sign_offs_of(month)
    context["rows"] = rows = [
        StatementRow(
            s.person_id,
            found.names[s.person_id],
            s,
            latest.get(s.person_id),
            addresses.get(s.person_id, ""),
            sign_offs.get(s.person_id) or SignOff(approval),
        )
        for s in shown
    ]
    context |= {
        "state": State(found.state),
        "approved": approval is not None,
        "failed": sum(row.email_state == "failed" for row in rows),
        "disputes": [d for row in rows for d in row.sign_off.disputes if d.is_open],
    }
    return render(request, "performance/statements.html", context)


@permission_required_or_403(SEND_STATEMENTS)
@require_POST
def send_statements(request: HttpRequest, month: date) -> HttpResponse:
    """E-mail the approved month's statements to everyone not sent theirs yet (failures again)."""
    try:
        claimed = mailing.send_statements(month, by=request.user, background=settings.STATEMENT_EMAILS_IN_BACKGROUND)
    except mailing.SendRefused as refused:
        messages.error(request, f"Not sent: {refused}.")
    else:
        for sentence in claimed.sentences():
            messages.info(request, sentence)
        failed = [row for row in claimed.queued if row.status == StatementEmail.Status.FAILED]
        if failed:
            messages.error(request, f"{len(failed)} could not be sent; see below, and send again to retry.")
    return redirect("statements", month=month)


def statement_context(request: HttpRequest, month: date, person_id: int, form: DisputeForm | None = None) -> dict:
    """What a statement page shows; Http404 when the viewer may not see it or there is none."""
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
    approved = found.state == State.APPROVED
    own = person_of(request.user)
    return {
        "month": month,
        "month_label": month_label(month),
        "person": person,
        "found": found,
        "s": found.statement,
        "state": State(found.state),
        "approval": approval_of(month, person.pk, month_statements.history) if approved else None,
        "everyone": scope.everyone,
        "own": own is not None and own.pk == person.pk,
        "sign_off": sign_off_of(month, person.pk),
        "dispute_form": form or DisputeForm(lines=found.statement),
    }


@permission_required_or_403(VIEW_STATEMENTS, or_own_numbers=True)
@require_GET
def statement(request: HttpRequest, month: date, person_id: int) -> HttpResponse:
    """One person's month as they are paid for it (DOMAIN.md's statement), and its sign-off."""
    return render(request, "performance/statement.html", statement_context(request, month, person_id))


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
    write_payroll_csv(response, found.payroll, found.state)
    return response
