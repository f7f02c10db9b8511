from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from otesite import login_views
from otesite.converters import MonthConverter
from otesite.health import healthz
from performance.web import dashboard as performance_views

register_converter(MonthConverter, "month")

admin.site.site_header = "otesite administration"
admin.site.site_title = "otesite"
admin.site.login = login_views.admin_login  # with OIDC_ONLY, the site's login page (no password)

# Also answers 503 when the database is unreachable (see otesite/errors.py).
handler500 = "otesite.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("login/", login_views.login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Single sign-on (answers 404 unless configured): the redirect URI to register at the
    # provider is https://<host>/oidc/callback/.
    path("oidc/authenticate/", login_views.sso_start, name="sso_start"),
    path("oidc/callback/", login_views.sso_callback, name="sso_callback"),
    path("", performance_views.home, name="home"),
    path("", include("performance.web.urls")),
    path("", include("performance.api.urls")),  # /api/v1/..., the schema and docs, /account/tokens/
    path("admin/", admin.site.urls),
]
