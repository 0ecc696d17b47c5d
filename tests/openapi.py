"""Check a test-client response against the OpenAPI schema that /api/schema/ serves.

    assert_documented(response, "/api/v1/communes/{id}/")

fails when the status code is not documented for the operation or the body does not match its
documented schema (a null where the schema says string, "" outside an enum, ...), with
schemathesis' own message. The fuzz test (tests/test_api_fuzz.py) finds such mismatches; these
calls pin each one down with a row that has the value.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import requests
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from schemathesis.core.transport import Response


@functools.cache
def api_schema() -> Any:
    document = SchemaGenerator().get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))


def assert_documented(response: Any, path: str) -> None:
    """``path`` is the schema's template, e.g. "/api/v1/activities/{id}/"."""
    method = response.request["REQUEST_METHOD"]
    operation = api_schema()[path][method]
    request = requests.Request(method, "http://testserver" + response.request["PATH_INFO"])
    operation.validate_response(
        Response(
            status_code=response.status_code,
            headers={name: [value] for name, value in response.headers.items()},
            content=response.content,
            request=request.prepare(),
            elapsed=0.0,
            verify=True,
        )
    )
