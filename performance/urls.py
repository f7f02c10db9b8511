from django.urls import path

from performance import views

urlpatterns = [
    path("performance/", views.pick_month, name="pick_month"),
    path("performance/<month:month>/", views.month, name="month"),
]
