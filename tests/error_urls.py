"""The project's URLs plus two views that fail, to see what visitors get when something breaks."""

from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.urls import path

from otesite import urls as project_urls


@login_not_required
def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@login_not_required
def bug(request):
    raise ZeroDivisionError("a bug")


handler500 = project_urls.handler500
urlpatterns = [
    path("test/database-down/", database_down),
    path("test/bug/", bug),
    *project_urls.urlpatterns,
]
