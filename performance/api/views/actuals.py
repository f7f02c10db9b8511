"""Actuals written in batches (ENTER_ACTUALS: whoever enters actuals on the screens or by CSV),
all or nothing, with the CSV imports' rules and messages: role totals at `actuals/`, a person's
numbers at `person-actuals/` (performance/api/writes/)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from otesite.permissions import ENTER_ACTUALS
from performance.api.base import ApiView
from performance.api.serializers.actuals import PersonActualsIn, RoleActualsIn
from performance.api.serializers.deals import WrittenOut
from performance.api.writes.person_actuals import write_person_actuals
from performance.api.writes.role_actuals import write_role_actuals

REFUSED = OpenApiResponse(description="Refused, nothing stored: `{problems: [{where, message}]}`")
LOCKED = OpenApiResponse(description="An approved month, nothing stored: `{detail, months, problems}`")


class RoleActualsView(ApiView):
    permission = ENTER_ACTUALS

    @extend_schema(
        operation_id="actuals_write",
        summary="Record role totals (DOMAIN.md's actuals CSV), by role and month, all or nothing",
        request=RoleActualsIn,
        responses={200: WrittenOut, 400: REFUSED, 409: LOCKED},
    )
    def post(self, request: Request) -> Response:
        batch = RoleActualsIn(data=request.data)
        batch.is_valid(raise_exception=True)
        return Response(write_role_actuals(batch.rows(), user=request.user).json())


class PersonActualsView(ApiView):
    permission = ENTER_ACTUALS

    @extend_schema(
        operation_id="person_actuals_write",
        summary="Record people's numbers (DOMAIN.md's people CSV), by person and month, all or nothing",
        request=PersonActualsIn,
        responses={200: WrittenOut, 400: REFUSED, 409: LOCKED},
    )
    def post(self, request: Request) -> Response:
        batch = PersonActualsIn(data=request.data)
        batch.is_valid(raise_exception=True)
        return Response(write_person_actuals(batch.rows(), user=request.user).json())
