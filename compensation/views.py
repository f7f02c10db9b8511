from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from compensation.timeline import plan_timeline
from otesite.months import first_of_month


@require_GET
@permission_required("compensation.view_plan_timeline", raise_exception=True)
def plan_history(request: HttpRequest) -> HttpResponse:
    """Every plan version per role with the months it governs, and the audit trail."""
    context = {"timeline": plan_timeline(), "this_month": first_of_month(timezone.localdate())}
    return render(request, "compensation/plan_history.html", context)
