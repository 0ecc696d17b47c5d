"""The OpenAPI schema at /api/schema/: valid, warning-free, and documenting the error responses."""

import pytest

from tests.communes.factories import ProvinceFactory
from tests.ntm_portal.test_settings import run_manage
from tests.openapi import api_schema

ERRORS_EVERYWHERE = {"400", "401", "403", "404"}


def test_schema_validates_without_warnings(tmp_path):
    result = run_manage(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
        DJANGO_SETTINGS_MODULE="ntm_portal.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path}/schema.sqlite3",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "openapi: 3" in (tmp_path / "schema.yaml").read_text()


def operations():
    for path, methods in api_schema().raw_schema["paths"].items():
        for method, operation in methods.items():
            yield pytest.param(path, method, operation, id=f"{method.upper()} {path}")


@pytest.mark.parametrize(("path", "method", "operation"), list(operations()))
def test_every_operation_documents_its_error_responses(path, method, operation):
    takes_if_match = any(p["name"] == "If-Match" for p in operation.get("parameters", []))
    expected = ERRORS_EVERYWHERE | ({"412", "428"} if takes_if_match else set())

    assert expected <= set(operation["responses"])
    assert path.startswith("/api/v1/")


def test_if_match_operations_are_the_versioned_writes():
    if_match = {
        f"{method.upper()} {path}"
        for path, methods in api_schema().raw_schema["paths"].items()
        for method, operation in methods.items()
        if "412" in operation["responses"]
    }

    assert if_match == {
        "PUT /api/v1/activities/{id}/",
        "PATCH /api/v1/activities/{id}/",
        "DELETE /api/v1/activities/{id}/",
        "PATCH /api/v1/users/{id}/",
        "PATCH /api/v1/me/",
        "PUT /api/v1/campaigns/{id}/",
        "PATCH /api/v1/campaigns/{id}/",
        "DELETE /api/v1/campaigns/{id}/",
        "POST /api/v1/awards/{id}/review/",
        "POST /api/v1/awards/{id}/decide/",
    }


def test_error_bodies_are_described():
    schemas = api_schema().raw_schema["components"]["schemas"]
    responses = api_schema().raw_schema["paths"]["/api/v1/activities/{id}/"]["put"]["responses"]

    assert schemas["ErrorDetail"]["required"] == ["detail"]
    assert responses["428"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorDetail"
    }
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ValidationError"
    }


def empty_value_parameters():
    for path, methods in api_schema().raw_schema["paths"].items():
        if "{" in path:  # a detail path needs a real id: its own tests send the empty values
            continue
        for parameter in methods.get("get", {}).get("parameters", []):
            if parameter.get("allowEmptyValue"):
                yield pytest.param(path, parameter["name"], id=f"{path}?{parameter['name']}=")


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), list(empty_value_parameters()))
def test_query_parameters_documented_as_allowing_empty_values_accept_them(api_as, path, name):
    # As in the pages' filter forms, "?period=" means not given (schemathesis sends it).
    api, _user = api_as("coordination_office")
    ProvinceFactory()  # the portal's province: /dashboards/province/ has nothing to show without

    response = api.get(path, {name: ""})

    assert response.status_code == 200, response.content


def test_every_query_parameter_allows_empty_values():
    parameters = api_schema().raw_schema["paths"]["/api/v1/activities/"]["get"]["parameters"]
    allowing_empty = {p["name"] for p in parameters if p.get("allowEmptyValue")}

    assert {"q", "date_to", "year", "sort", "page", "page_size"} <= allowing_empty
