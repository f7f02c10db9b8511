from django.urls import path

from compensation import views, whatif_views

urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/preview/", views.plan_preview, name="plan_preview"),
    path("plans/history/", views.plan_history, name="plan_timeline"),
    # What-if planning and saved scenarios.
    path("what-if/", whatif_views.what_if, name="what_if"),
    path("what-if/save/", whatif_views.save_scenario, name="save_scenario"),
    path("what-if/scenarios/", whatif_views.scenario_list, name="scenario_list"),
    path("what-if/scenarios/compare/", whatif_views.scenario_compare, name="scenario_compare"),
    path("what-if/scenarios/<int:pk>/", whatif_views.scenario_detail, name="scenario_detail"),
    path("what-if/scenarios/<int:pk>/apply/", whatif_views.scenario_apply, name="scenario_apply"),
]
