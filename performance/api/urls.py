"""The API's addresses: /api/v1/... (the data), /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger
UI), and /account/tokens/ where each user makes and revokes their tokens."""

from django.urls import include, path

from performance.api import account, docs
from performance.api.views import actuals, deals, months, setup, statements

v1 = [
    path("months/", months.MonthsView.as_view(), name="api_months"),
    path("months/<month:month>/metrics/", months.MetricsView.as_view(), name="api_metrics"),
    path("months/<month:month>/close/", months.CloseView.as_view(), name="api_close"),
    path("roles/", setup.RolesView.as_view(), name="api_roles"),
    path("plans/", setup.PlansView.as_view(), name="api_plans"),
    path("people/", setup.PeopleView.as_view(), name="api_people"),
    path("assignments/", setup.AssignmentsView.as_view(), name="api_assignments"),
    path("deals/", deals.DealsView.as_view(), name="api_deals"),
    path("actuals/", actuals.RoleActualsView.as_view(), name="api_actuals"),
    path("person-actuals/", actuals.PersonActualsView.as_view(), name="api_person_actuals"),
    path("statements/<month:month>/", statements.StatementsView.as_view(), name="api_statements"),
    path("statements/<month:month>/<int:person_id>/", statements.StatementView.as_view(), name="api_statement"),
    path("payroll/<month:month>/", statements.PayrollView.as_view(), name="api_payroll"),
]

urlpatterns = [
    path("api/v1/", include(v1)),
    path("api/schema/", docs.SchemaView.as_view(), name="api_schema"),
    path("api/docs/", docs.api_docs, name="api_docs"),
    path("account/tokens/", account.tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", account.revoke_token, name="api_token_revoke"),
]
