"""Helpers shared by the activity, agency and assignment tests: uploads, a typed form
submission, URLs, and a snapshot of every sponsorship row to prove nothing changed.
The activity fixtures themselves live in conftest.py."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sponsorships.models import Agency, Assignment, Evidence, SupportActivity

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
OK = 302
LOGIN = "account_login"


def png_file(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def activity_post(**overrides) -> dict:
    """A valid add/edit form submission, as a person types it."""
    return {
        "date": "15/03/2024",
        "kind": "goods",
        "title": "Tặng 14 lò đốt rác mini",
        "amount": "21.000.000",
        "funding_source": "staff_fund",
        "version": "1",
        **overrides,
    }


def url(name: str, *args) -> str:
    return reverse(f"sponsorships:{name}", args=args)


def api_url(name: str, *args) -> str:
    return reverse(f"sponsorships-api:{name}", args=args)


def snapshot() -> dict:
    """Every stored field of every agency, assignment, activity and evidence, plus the history
    counts: equal before and after a refused action means nothing happened."""

    def rows(model):
        return [
            {f.attname: getattr(o, f.attname) for f in model._meta.concrete_fields}
            for o in model.objects.order_by("pk")
        ]

    return {
        "agencies": rows(Agency),
        "assignments": rows(Assignment),
        "activities": rows(SupportActivity),
        "evidence": rows(Evidence),
        "criteria": list(
            SupportActivity.target_criteria.through.objects.values_list(
                "supportactivity_id", "criterion_id"
            ).order_by("pk")
        ),
        "focus": list(
            Assignment.focus_criteria.through.objects.values_list(
                "assignment_id", "criterion_id"
            ).order_by("pk")
        ),
        "history": SupportActivity.history.count()
        + Assignment.history.count()
        + Agency.history.count(),
    }


def assert_outcome(response, expected) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    else:
        assert response.status_code == expected, response.content[:500]
