"""Exemplary people and models: the list, one with its photos, and a commune's add / edit /
delete. Photos are served only through the authorising view, as downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns.filters import ExemplaryFilterSet
from campaigns.forms import ExemplaryForm
from campaigns.permissions import can_change_commune_record, can_record_for_communes
from campaigns.selectors.exemplars import exemplary_get, exemplary_list, photo_get
from campaigns.services import exemplars as services
from ntm_portal.permissions import is_commune_officer
from sponsorships.views._access import add_service_errors, paginate, require, role_required


@require_GET
@role_required
def exemplary_list_view(request: HttpRequest) -> HttpResponse:
    filterset = ExemplaryFilterSet(request.GET, queryset=exemplary_list(user=request.user))
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, queryset)
    return render(
        request,
        "campaigns/exemplary_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "exemplars": page.object_list,
            "can_record": can_record_for_communes(request.user),
        },
    )


@require_GET
@role_required
def exemplary_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    exemplary = exemplary_get(user=request.user, pk=pk)
    context = {
        "exemplary": exemplary,
        "can_change": can_change_commune_record(request.user, exemplary),
    }
    return render(request, "campaigns/exemplary_detail.html", context)


def _data(request: HttpRequest, form: ExemplaryForm) -> dict:
    data = form.service_kwargs()
    if is_commune_officer(request.user):
        data["commune"] = request.user.commune
    return data


@role_required
def exemplary_create_view(request: HttpRequest) -> HttpResponse:
    require(can_record_for_communes(request.user))
    form = ExemplaryForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            exemplary = services.exemplary_create(user=request.user, **_data(request, form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận điển hình “%(name)s”.") % {"name": exemplary})
            return redirect(exemplary.get_absolute_url())
    return render(request, "campaigns/exemplary_form.html", {"form": form})


@role_required
def exemplary_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    exemplary = exemplary_get(user=request.user, pk=pk)
    require(can_change_commune_record(request.user, exemplary))
    form = ExemplaryForm(
        request.POST or None, request.FILES or None, user=request.user, exemplary=exemplary
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.exemplary_update(
                exemplary=exemplary, user=request.user, **_data(request, form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            exemplary = exemplary_get(user=request.user, pk=pk)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(exemplary.get_absolute_url())
    context = {"form": form, "exemplary": exemplary}
    return render(request, "campaigns/exemplary_form.html", context)


@role_required
def exemplary_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    exemplary = exemplary_get(user=request.user, pk=pk)
    require(can_change_commune_record(request.user, exemplary))
    if request.method == "POST":
        services.exemplary_delete(exemplary=exemplary, user=request.user)
        messages.success(request, _("Đã xóa điển hình “%(name)s”.") % {"name": exemplary})
        return redirect("campaigns:exemplary_list")
    return render(request, "campaigns/exemplary_confirm_delete.html", {"exemplary": exemplary})


@require_GET
@role_required
def photo_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    photo = photo_get(user=request.user, pk=pk)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=photo.original_name,
        content_type=photo.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
