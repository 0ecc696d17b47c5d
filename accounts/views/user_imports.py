"""Bulk onboarding pages: upload a list, see every row checked (nothing written), apply it.

Between the check and "Áp dụng" the rows wait in the session (at most user_rows.MAX_ROWS),
under an id the apply form sends back, so a second tab's check cannot be applied by mistake.
Applying checks everything again. Generated temporary passwords appear once, on the answer to
the apply request, and are kept nowhere.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts import user_rows
from accounts.forms import UserImportForm
from accounts.permissions import can_manage_users
from accounts.services.imports import UserImportInvalid, user_import_apply, user_import_check
from sponsorships.views._access import require, role_required

SESSION_KEY = "accounts_user_import"
TEMPLATE_FILE_NAME = "mau-danh-sach-nguoi-dung.csv"


@role_required
def user_import_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_users(request.user))
    form = UserImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = user_import_check(actor=request.user, records=form.records)
        request.session.pop(SESSION_KEY, None)  # a new upload replaces the one waiting
        import_id = _remember(request, form.records) if plan.is_valid else None
        context = {"plan": plan, "import_id": import_id, "file_name": form.cleaned_data["file"]}
        return render(request, "accounts/user_import_check.html", context)
    return render(request, "accounts/user_import.html", {"form": form})


@never_cache
@require_POST
@role_required
def user_import_apply_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_users(request.user))
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["id"] != request.POST.get("import_id"):
        messages.error(request, _("Không còn danh sách nào chờ áp dụng; hãy tải tệp lên lại."))
        return redirect("accounts:user_import")
    records = [(int(number), dict(cells)) for number, cells in pending["records"]]
    try:
        result = user_import_apply(actor=request.user, records=records)
    except UserImportInvalid as exc:
        context = {"plan": exc.plan, "import_id": None, "changed_since_check": True}
        return render(request, "accounts/user_import_check.html", context)
    finally:
        del request.session[SESSION_KEY]
    return render(request, "accounts/user_import_result.html", {"result": result})


@require_GET
@role_required
def user_import_template_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_users(request.user))
    response = HttpResponse(user_rows.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILE_NAME}"'
    return response


def _remember(request: HttpRequest, records: list[user_rows.Record]) -> str:
    import_id = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {"id": import_id, "records": records}
    return import_id
