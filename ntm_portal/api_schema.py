"""OpenAPI schema post-processing: document the error responses every endpoint can give.

drf-spectacular documents only the success response. The API also answers 400 (invalid body
or filter), 401/403 (not signed in, no role, not allowed), 404 (outside the user's scope, or
no such page) and, where the operation takes If-Match, 428 (header missing) and 412 (stale
version). Clients and schemathesis' status-code check need those in the schema.

It also marks query parameters ``allowEmptyValue``: as in the pages' filter forms, an empty
value (``?period=``, ``?page=``) means the parameter was not given, not an error.
"""

from __future__ import annotations

from typing import Any

ERROR_DETAIL = "ErrorDetail"
VALIDATION_ERROR = "ValidationError"

COMPONENTS = {
    ERROR_DETAIL: {
        "type": "object",
        "description": "Lỗi có một thông báo (DRF): 401, 403, 404, 412, 428.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": (
            "Lỗi dữ liệu theo từng trường: tên trường → danh sách thông báo (hoặc lỗi lồng "
            "nhau cho trường là danh sách/đối tượng); non_field_errors cho lỗi chung."
        ),
        "additionalProperties": {},
    },
}

# status → (description, component, when it applies)
ERRORS: dict[str, tuple[str, str]] = {
    "400": ("Dữ liệu hoặc tham số lọc không hợp lệ.", VALIDATION_ERROR),
    "401": ("Chưa đăng nhập hoặc token không hợp lệ.", ERROR_DETAIL),
    "403": ("Không có quyền thực hiện thao tác này.", ERROR_DETAIL),
    # Mostly {"detail": ...}; a create may name the field whose object was not found.
    "404": ("Không tìm thấy (hoặc nằm ngoài phạm vi của người dùng).", VALIDATION_ERROR),
    "412": ("If-Match không khớp phiên bản hiện tại.", ERROR_DETAIL),
    "428": ("Thiếu tiêu đề If-Match.", ERROR_DETAIL),
}


def _allow_empty_query_values(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query":
            parameter["allowEmptyValue"] = True


def _takes_if_match(operation: dict[str, Any]) -> bool:
    return any(
        p.get("in") == "header" and p.get("name", "").lower() == "if-match"
        for p in operation.get("parameters", [])
    )


def _error_statuses(operation: dict[str, Any]) -> list[str]:
    statuses = ["400", "401", "403", "404"]
    if _takes_if_match(operation):
        statuses += ["412", "428"]
    return statuses


def document_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """POSTPROCESSING_HOOK: add the error responses (never replacing a documented one) and
    allow empty query values."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, component in COMPONENTS.items():
        schemas.setdefault(name, component)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _allow_empty_query_values(operation)
            for status in _error_statuses(operation):
                description, component = ERRORS[status]
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{component}"}
                            }
                        },
                    },
                )
    return result
