"""The floor's one page: logged in, one query, a table of a dozen rows (see floor_settings)."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Permission
from django.shortcuts import render
from django.urls import path


@login_required
def floor(request):
    rows = list(Permission.objects.order_by("id").values_list("codename", "name")[:12])
    return render(request, "floor.html", {"rows": rows})


urlpatterns = [path("floor/", floor)]
