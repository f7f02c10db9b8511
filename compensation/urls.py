from django.urls import path

from compensation import views

urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/preview/", views.plan_preview, name="plan_preview"),
    path("plans/history/", views.plan_history, name="plan_timeline"),
]
