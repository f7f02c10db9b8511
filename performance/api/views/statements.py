"""People's statements (DOMAIN.md's statement JSON, as `manage.py statement` prints it) and the
payroll of a month (DOMAIN.md's payroll rows, as JSON). Managers and Admins read everyone's
(VIEW_STATEMENTS); a rep reads only their own statements, and another person's is a 404 to
them, as on the screens (otesite.permissions.scope_of); the payroll is everyone's pay, so a rep
gets none of it."""

from __future__ import annotations

from datetime import date

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from otesite.lib.months import format_month
from otesite.permissions import VIEW_STATEMENTS
from performance.api.base import ReadView
from performance.api.serializers.documents import PayrollRowDocument, StatementDocument
from performance.documents.payroll import payroll_json
from performance.documents.statement import statement_json
from performance.statements import MonthStatements, StatementMissing, month_of


def _month(month: date) -> MonthStatements:
    try:
        return month_of(month)
    except StatementMissing as missing:
        raise NotFound(str(missing)) from None


class StatementsView(ReadView):
    permission = VIEW_STATEMENTS
    or_own_numbers = True

    @extend_schema(
        operation_id="statements_list",
        summary="A month's statements, in role order then by name (a rep: their own)",
        responses=StatementDocument(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request: Request, month: date):
        found = _month(month)
        shown = [statement for statement in found.statements if self.scope.sees(statement.person_id)]
        return self.page_of(
            shown, lambda page: [statement_json(statement, found.state, found.names) for statement in page]
        )


class StatementView(ReadView):
    permission = VIEW_STATEMENTS
    or_own_numbers = True

    @extend_schema(
        operation_id="statement_read", summary="One person's statement of a month", responses=StatementDocument
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request: Request, month: date, person_id: int):
        if not self.scope.sees(person_id):
            raise NotFound("No such statement.")
        found = _month(month).of(person_id)
        if found is None:
            raise NotFound(f"Person #{person_id} has no statement for {format_month(month)}.")
        return found.json()


class PayrollView(ReadView):
    permission = VIEW_STATEMENTS

    @extend_schema(
        operation_id="payroll_read",
        summary="A month's payroll: DOMAIN.md's payroll rows (role order; no payee left out)",
        responses=PayrollRowDocument(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request: Request, month: date):
        found = _month(month)
        return self.page_of(found.payroll, lambda page: payroll_json(page, found.state))
