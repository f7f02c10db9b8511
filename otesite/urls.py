from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from otesite.converters import MonthConverter
from otesite.health import healthz
from performance.web import dashboard as performance_views

register_converter(MonthConverter, "month")

admin.site.site_header = "otesite administration"
admin.site.site_title = "otesite"

# Also answers 503 when the database is unreachable (see otesite/errors.py).
handler500 = "otesite.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", performance_views.home, name="home"),
    path("", include("performance.web.urls")),
    path("admin/", admin.site.urls),
]
