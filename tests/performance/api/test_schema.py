"""The API describes itself: an OpenAPI 3 schema that validates, with every path under /api/v1/,
and Swagger UI served from our own static files."""

import json

from drf_spectacular.validation import validate_schema
from openapi_spec_validator import validate

PATHS = {
    "/api/v1/months/",
    "/api/v1/months/{month}/metrics/",
    "/api/v1/months/{month}/close/",
    "/api/v1/roles/",
    "/api/v1/plans/",
    "/api/v1/people/",
    "/api/v1/assignments/",
    "/api/v1/deals/",
    "/api/v1/actuals/",
    "/api/v1/person-actuals/",
    "/api/v1/statements/{month}/",
    "/api/v1/statements/{month}/{person_id}/",
    "/api/v1/payroll/{month}/",
}


def test_the_schema_validates_and_names_every_path(api_as, db):
    response = api_as("stranger").get("/api/schema/")
    schema = json.loads(response.content)

    validate(schema)  # openapi-spec-validator: OpenAPI 3
    validate_schema(schema)  # drf-spectacular's own check
    assert response.status_code == 200
    assert set(schema["paths"]) == PATHS
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


def test_the_schema_describes_the_writes_and_their_refusals(api_as, db):
    schema = json.loads(api_as("manager").get("/api/schema/").content)

    deals = schema["paths"]["/api/v1/deals/"]
    assert set(deals["post"]["responses"]) == {"200", "400", "409"}
    assert deals["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "PaginatedDealOutList"
    )
    assert "results" in schema["components"]["schemas"]["PaginatedDealOutList"]["properties"]
    month = schema["paths"]["/api/v1/months/{month}/metrics/"]["get"]["parameters"][0]
    assert month["schema"]["pattern"] == "^[0-9]{4}-[0-9]{2}$"


def test_the_schema_needs_a_login(db):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/schema/").status_code == 401


def test_the_docs_are_swagger_ui_from_our_own_files_with_no_inline_code(client, stranger):
    client.force_login(stranger)

    page = client.get("/api/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "/static/js/api_docs.js" in page
    assert "<style" not in page
    assert "<script>" not in page and "style=" not in page
    assert 'data-schema-url="/api/schema/"' in page


def test_the_docs_send_a_visitor_to_login(client, db):
    response = client.get("/api/docs/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/api/docs/"


def test_the_schema_is_generated_without_a_warning(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

    assert "/api/v1/deals/" in (tmp_path / "schema.yaml").read_text()
