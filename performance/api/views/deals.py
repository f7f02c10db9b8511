"""Deals: read (VIEW_DEALS: whoever sees the deals list; a rep, the deals that name them as a
closer or the setter) and written in batches (ENTER_DEALS), upserted by id, all or nothing, with
the deal rules every way in uses (performance/api/writes/deals.py)."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from otesite.lib.months import add_months
from otesite.permissions import ENTER_DEALS, VIEW_DEALS
from performance.api.base import ReadView
from performance.api.serializers.deals import DealOut, DealsIn, DealsQuery, WrittenOut
from performance.api.writes.deals import write_deals
from performance.models import Deal

REFUSED = OpenApiResponse(description="Refused, nothing stored: `{problems: [{where, message}]}`")
LOCKED = OpenApiResponse(description="An approved month, nothing stored: `{detail, months, problems}`")


class DealsView(ReadView):
    permission = VIEW_DEALS
    or_own_numbers = True
    method_permissions = {"POST": ENTER_DEALS}

    @extend_schema(
        operation_id="deals_list",
        summary="Deals, by close date then id (a rep: the deals that name them)",
        parameters=[
            OpenApiParameter("month", str, description="YYYY-MM: deals closed that month"),
            OpenApiParameter("person", int, description="A person's id: deals they closed (a share) or set"),
        ],
        responses=DealOut(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request: Request):
        query = DealsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        deals = Deal.objects.with_closers().select_related("setter").prefetch_related("closers__person")
        if (month := query.validated_data.get("month")) is not None:
            deals = deals.filter(closed_on__gte=month, closed_on__lt=add_months(month, 1))
        if (person := query.validated_data.get("person")) is not None:
            deals = deals.of_person(person)
        if not self.scope.everyone:
            people = self.scope.people
            deals = deals.filter(pk__in=Deal.objects.filter(Q(closers__person_id__in=people) | Q(setter_id__in=people)))
        return self.page_of(deals.order_by("closed_on", "crm_id"), lambda page: DealOut(page, many=True).data)

    @extend_schema(
        operation_id="deals_write",
        summary="Add or change deals, by id, all or nothing",
        request=DealsIn,
        responses={200: WrittenOut, 400: REFUSED, 409: LOCKED},
    )
    def post(self, request: Request) -> Response:
        batch = DealsIn(data=request.data)
        batch.is_valid(raise_exception=True)
        return Response(write_deals(batch.rows(), user=request.user).json())
