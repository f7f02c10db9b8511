from django.urls import path

from performance.web import actuals as actuals_views
from performance.web import closing as closing_views
from performance.web import dashboard as views
from performance.web import deal_entry as deal_entry_views
from performance.web import deal_list as deal_list_views
from performance.web import deals_import as deals_import_views
from performance.web import leaderboards as leaderboard_views
from performance.web import me as me_views
from performance.web import people as people_views
from performance.web import plans as plan_views
from performance.web import sign_off as sign_off_views
from performance.web import statements as statement_views
from performance.web import whatif as whatif_views

urlpatterns = [
    path("performance/", views.pick_month, name="pick_month"),
    path("performance/latest/", views.latest_month, name="latest_month"),
    path("performance/trends/", views.trends, name="trends"),
    path("performance/metrics.csv", views.metrics_csv, name="metrics_csv"),
    path("performance/<month:month>/", views.month, name="month"),
    path("board/", views.board, name="board"),
]

# Actuals: month entry (with field checks and live preview) and the CSV import.
urlpatterns += [
    path("actuals/", actuals_views.actuals_start, name="actuals_start"),
    path("actuals/import/", actuals_views.actuals_import, name="actuals_import"),
    path("actuals/import/confirm/", actuals_views.actuals_import_confirm, name="actuals_import_confirm"),
    path("actuals/import/template.csv", actuals_views.actuals_template, name="actuals_template"),
    path(
        "actuals/import/people-template.csv",
        actuals_views.actuals_people_template,
        name="actuals_people_template",
    ),
    path("actuals/<str:month>/", actuals_views.actuals_month, name="actuals_month"),
    path("actuals/<str:month>/check/", actuals_views.actuals_check, name="actuals_check"),
    path("actuals/<str:month>/preview/", actuals_views.actuals_preview, name="actuals_preview"),
]

# Deals: the import of our Deals CSV and the CRM exports (upload, preview, confirm).
urlpatterns += [
    path("deals/import/", deals_import_views.deals_import, name="deals_import"),
    path("deals/import/confirm/", deals_import_views.deals_import_confirm, name="deals_import_confirm"),
]

# People: the leaderboards, the people list and each person's page.
urlpatterns += [
    path("leaderboard/", leaderboard_views.leaderboard, name="leaderboard"),
    path("leaderboard/<month:month>/", leaderboard_views.leaderboard_month, name="leaderboard_month"),
    path("people/", people_views.people, name="people"),
    path("people/<int:pk>/", people_views.person, name="person"),
    path("people/<int:pk>/login/", people_views.person_login, name="person_login"),
]

# Closing a month, statements (e-mailed, signed off, disputed) and payroll, and a rep's own page.
urlpatterns += [
    path("performance/<month:month>/close/", closing_views.close_month, name="close_month"),
    path("statements/<month:month>/", statement_views.statements, name="statements"),
    path("statements/<month:month>/payroll.csv", statement_views.payroll_csv, name="payroll_csv"),
    path("statements/<month:month>/send/", statement_views.send_statements, name="send_statements"),
    path("statements/<month:month>/<int:person_id>/", statement_views.statement, name="statement"),
    path(
        "statements/<month:month>/<int:person_id>/acknowledge/",
        sign_off_views.acknowledge,
        name="acknowledge_statement",
    ),
    path("statements/<month:month>/<int:person_id>/dispute/", sign_off_views.dispute, name="dispute_statement"),
    path("disputes/", sign_off_views.disputes_page, name="disputes"),
    path("disputes/<int:pk>/resolve/", sign_off_views.resolve, name="resolve_dispute"),
    path("me/", me_views.me, name="me"),
]

# Plans, their history, what-if planning and saved scenarios.
urlpatterns += [
    path("plans/", plan_views.plans, name="plans"),
    path("plans/preview/", plan_views.plan_preview, name="plan_preview"),
    path("plans/history/", plan_views.plan_history, name="plan_timeline"),
    path("what-if/", whatif_views.what_if, name="what_if"),
    path("what-if/save/", whatif_views.save_scenario, name="save_scenario"),
    path("what-if/scenarios/", whatif_views.scenario_list, name="scenario_list"),
    path("what-if/scenarios/compare/", whatif_views.scenario_compare, name="scenario_compare"),
    path("what-if/scenarios/<int:pk>/", whatif_views.scenario_detail, name="scenario_detail"),
    path("what-if/scenarios/<int:pk>/apply/", whatif_views.scenario_apply, name="scenario_apply"),
]

# Deals: a month's deals and what each paid; a deal by hand, its correction and its cancellation.
urlpatterns += [
    path("deals/", deal_list_views.deals, name="deals"),
    path("deals/new/", deal_entry_views.deal_new, name="deal_new"),
    path("deals/<month:month>/", deal_list_views.deals_month, name="deals_month"),
    path("deals/<int:pk>/edit/", deal_entry_views.deal_edit, name="deal_edit"),
    path("deals/<int:pk>/cancel/", deal_entry_views.deal_cancel, name="deal_cancel"),
]
