"""Pages to load a criteria set from a spreadsheet: template, upload and dry run, apply.

Between the dry run and "Áp dụng" the file waits in the session (at most 2 MB) under an id the
apply form sends back, with the dry run's digest: applying re-checks the file and refuses if it
or the stored set changed since the preview the office saw.
"""

from __future__ import annotations

import base64
import io
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from criteria import selectors
from criteria.forms import CriteriaSetImportForm
from criteria.models import CriteriaSet
from criteria.permissions import can_import_criteria_set
from criteria.services.set_import import (
    criteria_set_workbook_apply,
    criteria_set_workbook_preview,
)
from criteria.services.set_workbook import write_template

SESSION_KEY = "criteria_set_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_office(request: HttpRequest) -> None:
    if not can_import_criteria_set(request.user):
        raise PermissionDenied


def criteria_set_import_view(request: HttpRequest) -> HttpResponse:
    _require_office(request)
    form = CriteriaSetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        preview = criteria_set_workbook_preview(file=io.BytesIO(form.content))
        request.session.pop(SESSION_KEY, None)  # a new upload replaces the one waiting
        import_id = None if preview.errors else _remember(request, form.content, preview.digest)
        context = {"preview": preview, "import_id": import_id, "file_name": form.files["file"]}
        return render(request, "criteria/criteria_set_import_check.html", context)
    return render(request, "criteria/criteria_set_import.html", {"form": form})


@never_cache
@require_POST
def criteria_set_import_apply_view(request: HttpRequest) -> HttpResponse:
    _require_office(request)
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or pending["id"] != request.POST.get("import_id"):
        messages.error(request, _("Không còn bảng tính nào chờ áp dụng; hãy tải tệp lên lại."))
        return redirect("criteria:criteria_set_import")
    try:
        preview = criteria_set_workbook_apply(
            file=io.BytesIO(base64.b64decode(pending["content"])),
            entered_by=request.user,
            overwrite_corrected=request.POST.get("overwrite_corrected") == "1",
            expected_digest=pending["digest"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("criteria:criteria_set_import")
    messages.success(
        request,
        _("Đã nạp bộ tiêu chí %(code)s: %(count)s giá trị được ghi.")
        % {"code": preview.code, "count": len(preview.changes)},
    )
    criteria_set = CriteriaSet.objects.get(code=preview.code)
    return redirect("criteria:criteria_set_detail", pk=criteria_set.pk)


@require_GET
def criteria_set_template_view(request: HttpRequest) -> HttpResponse:
    """The empty template, or (``?set=<id>``) the set's current content to edit."""
    _require_office(request)
    criteria_set = None
    if request.GET.get("set", "").isdigit():
        criteria_set = selectors.criteria_set_get(pk=int(request.GET["set"]))
    buffer = io.BytesIO()
    write_template(buffer, criteria_set=criteria_set)
    name = f"bo-tieu-chi-{criteria_set.code}.xlsx" if criteria_set else "mau-bo-tieu-chi.xlsx"
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _remember(request: HttpRequest, content: bytes, digest: str) -> str:
    import_id = secrets.token_urlsafe(16)
    encoded = base64.b64encode(content).decode("ascii")
    request.session[SESSION_KEY] = {"id": import_id, "content": encoded, "digest": digest}
    return import_id
