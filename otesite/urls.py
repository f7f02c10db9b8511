from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from otesite.converters import MonthConverter
from performance import views as performance_views

register_converter(MonthConverter, "month")

admin.site.site_header = "otesite administration"
admin.site.site_title = "otesite"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", performance_views.home, name="home"),
    path("", include("performance.urls")),
    path("", include("compensation.urls")),
    path("admin/", admin.site.urls),
]
