"""The assessment import page (coordination office only): the template, the dry run, the
apply as a background job with its progress."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from criteria.assessment_template import assessment_template_filename, assessment_template_xlsx
from criteria.import_forms import AssessmentImportForm, AssessmentTemplateForm
from criteria.models import Assessment
from criteria.permissions import can_import_assessments
from criteria.selectors.imports import assessment_import_jobs
from criteria.services.assessment_import_jobs import assessment_import_request
from criteria.services.assessment_imports import assessment_import_check
from exports.views import job_status

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _OfficeOnly(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_import_assessments(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AssessmentImportView(_OfficeOnly):
    """/criteria/assessments/import/: GET the page; POST a file to check it or to apply it."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return import_page(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AssessmentImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return import_page(request, import_form=form, status=400)
        upload = form.cleaned_data["file"]
        if not form.is_apply:
            report = assessment_import_check(source=upload, user=request.user)
            return import_page(request, report=report)
        assessment_import_request(user=request.user, upload=upload)
        messages.success(request, _("Đã nhận tệp. Tiến độ nhập hiện ở bảng dưới đây."))
        return redirect("criteria:assessment_import")


def import_page(request: HttpRequest, *, status: int = 200, **context: Any) -> HttpResponse:
    """The page with both forms, the dry run's report if any, and the recent import jobs."""
    context.setdefault("template_form", template_form())
    context.setdefault("import_form", AssessmentImportForm())
    context["jobs"] = [(job, job_status(job)) for job in assessment_import_jobs(user=request.user)]
    return render(request, "criteria/assessment_import.html", context, status=status)


def template_form(data: Any = None) -> AssessmentTemplateForm:
    initial = {"period": timezone.localdate().replace(day=1), "stage": Assessment.Stage.APPRAISED}
    return AssessmentTemplateForm(data, initial=initial)


class AssessmentImportTemplateView(_OfficeOnly):
    """/criteria/assessments/import/template/?criteria_set=…&province=…&period=…&stage=…"""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = template_form(request.GET)
        if not form.is_valid():
            return import_page(request, template_form=form, status=400)
        target = io.BytesIO()
        assessment_template_xlsx(form.template_request(), target)
        response = HttpResponse(target.getvalue(), content_type=XLSX_TYPE)
        filename = assessment_template_filename(form.template_request())
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
