"""The setup data, read-only and paginated: roles and plans (VIEW_PLANS: whoever sees the plans
page), people and their assignments (VIEW_PEOPLE: whoever sees the people pages)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema

from compensation.models import Assignment, Person, QuotaPlan, Role
from otesite.permissions import VIEW_PEOPLE, VIEW_PLANS
from performance.api.base import ReadView
from performance.api.serializers.setup import AssignmentSerializer, PersonSerializer, PlanSerializer, RoleSerializer


class RolesView(ReadView):
    permission = VIEW_PLANS

    @extend_schema(
        operation_id="roles_list",
        summary="Roles, in the order every screen lists them",
        responses=RoleSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request):
        return self.page_of(
            Role.objects.order_by("display_order", "id"), lambda page: RoleSerializer(page, many=True).data
        )


class PlansView(ReadView):
    permission = VIEW_PLANS

    @extend_schema(
        operation_id="plans_list",
        summary="Every plan version (effective-dated), by role then month, with its pay curve",
        responses=PlanSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request):
        plans = QuotaPlan.objects.select_related("role").with_curves()
        return self.page_of(plans, lambda page: PlanSerializer(page, many=True).data)


class PeopleView(ReadView):
    permission = VIEW_PEOPLE

    @extend_schema(operation_id="people_list", summary="People, by name", responses=PersonSerializer(many=True))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request):
        return self.page_of(Person.objects.order_by("name", "id"), lambda page: PersonSerializer(page, many=True).data)


class AssignmentsView(ReadView):
    permission = VIEW_PEOPLE

    @extend_schema(
        operation_id="assignments_list",
        summary="Who held which role when, by person then start",
        responses=AssignmentSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def read(self, request):
        assignments = Assignment.objects.select_related("person", "role").order_by("person__name", "start", "id")
        return self.page_of(assignments, lambda page: AssignmentSerializer(page, many=True).data)
