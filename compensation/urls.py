from django.urls import path

from compensation import views

urlpatterns = [
    path("plans/history/", views.plan_history, name="plan_timeline"),
]
