"""Months: which have data and how far each is closed, a month's metrics (DOMAIN.md's metrics
JSON, the very bytes of `manage.py export_metrics --month`), and closing it as the screen does
(performance/closing.py's take_step, the same permissions and refusals)."""

from __future__ import annotations

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from otesite.lib.months import format_month
from otesite.permissions import NO_ACCESS, REVIEW_MONTH, VIEW_DASHBOARD, holds
from performance.api.base import ReadView
from performance.api.problems import BatchRefused, Problem
from performance.api.serializers.months import CloseSerializer, CloseStepRequest, MonthSerializer
from performance.cache import data_version, months_with_data
from performance.closing import PERMISSIONS, StepRefused, close_shown, take_step
from performance.documents.metrics import to_metrics_json
from performance.loader import load_range
from performance.month_close import Action, MonthClose, State

REFUSED = OpenApiResponse(description="Refused: `{problems: [{where, message}]}`")
CONFLICT = OpenApiResponse(description="The month's state refuses the step: `{detail, month}`")


class MonthsView(ReadView):
    """Months with data (actuals or deals), oldest first, each with its close state. A rep sees
    the list too (no one's numbers are in it), to ask for their own statements."""

    permission = VIEW_DASHBOARD
    or_own_numbers = True

    @extend_schema(
        operation_id="months_list",
        summary="Months with data and their close states",
        responses=MonthSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request: Request):
        months = months_with_data(data_version(request))

        def write(page: list[date]) -> list[dict]:
            states = dict(MonthClose.objects.filter(month__in=page).values_list("month", "state"))
            return [{"month": format_month(month), "state": states.get(month, State.OPEN)} for month in page]

        return self.page_of(months, write)


class MetricsView(ReadView):
    permission = VIEW_DASHBOARD

    @extend_schema(
        operation_id="month_metrics",
        summary="A month's metrics: DOMAIN.md's metrics JSON, as `manage.py export_metrics --month` prints it",
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="No business assumptions yet")},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request: Request, month: date):
        computed = load_range(month, month, scope=self.scope)
        metrics = computed[month]
        if metrics is None:
            raise NotFound(
                f"No business assumptions are in force in {format_month(month)}: set them first (admin: Business assumptions)."
            )
        return to_metrics_json(metrics, computed.names)


def close_json(month: date) -> dict:
    shown = close_shown(month)
    steps = [{"action": s.action, "by": s.by, "at": s.at, "note": s.note} for s in shown.steps]
    return CloseSerializer({"month": format_month(month), "state": shown.state, "steps": steps}).data


class CloseView(ReadView):
    """GET: the month's state and every step (who, when, the note). POST: a step, as the close
    panel takes it: Managers review (REVIEW_MONTH), Admins approve and reopen (APPROVE_MONTH)."""

    permission = VIEW_DASHBOARD
    method_permissions = {"POST": REVIEW_MONTH}

    @extend_schema(
        operation_id="month_close_read", summary="A month's close state and steps", responses=CloseSerializer
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request: Request, month: date):
        return close_json(month)

    @extend_schema(
        operation_id="month_close_step",
        summary="Review, approve or reopen a month",
        request=CloseStepRequest,
        responses={200: CloseSerializer, 400: REFUSED, 409: CONFLICT},
    )
    def post(self, request: Request, month: date) -> Response:
        asked = CloseStepRequest(data=request.data)
        asked.is_valid(raise_exception=True)
        action, note = Action(asked.validated_data["action"]), asked.validated_data["note"]
        if not holds(request.user, PERMISSIONS[action]):
            raise PermissionDenied(NO_ACCESS)
        try:
            take_step(month, action, by=request.user, note=note)
        except StepRefused as refused:
            if action == Action.REOPEN and not note.strip():
                raise BatchRefused([Problem("note", str(refused))]) from None
            return Response({"detail": str(refused), "month": format_month(month)}, status=409)
        return Response(close_json(month))
