"""Pages of the monthly reporting cycle. Thin: look up in scope (404), check the predicate (403),
validate the form, call the service, and report its message on failure."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from ntm_portal import periods
from ntm_portal.filters import filtered_queryset
from ntm_portal.pagination import ClampedPaginationMixin, KnownCount, paginate
from sponsorships import report_permissions as perms
from sponsorships.forms.monthly_reports import (
    CompletenessForm,
    MonthlyReportForm,
    MonthlyReportReturnForm,
    RemindNowForm,
)
from sponsorships.report_document import report_verification_code
from sponsorships.report_filters import MonthlyReportFilterSet
from sponsorships.selectors import report_completeness as completeness
from sponsorships.selectors.monthly_reports import (
    monthly_report_criteria_lines,
    monthly_report_get,
    monthly_report_last_return,
    monthly_report_list,
)
from sponsorships.selectors.reminder_delivery import (
    reminder_deliveries,
    reminder_delivery_problems,
    reminder_delivery_summary,
)
from sponsorships.selectors.report_counts import with_known_count
from sponsorships.selectors.report_recipients import monthly_reports_without_recipient
from sponsorships.selectors.report_versions import monthly_report_view
from sponsorships.services import monthly_reports as services
from sponsorships.services.reminders import RemindNowResult, monthly_report_remind_now
from sponsorships.services.report_messages import province_tz


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class MonthlyReportListView(ClampedPaginationMixin, ListView):
    template_name = "sponsorships/monthly_report_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = MonthlyReportFilterSet(
            self.request.GET or None, queryset=monthly_report_list(user=self.request.user)
        )
        return filtered_queryset(self.filterset)

    def paginate_queryset(self, queryset, page_size):
        """The pager's count from the report counts when those can tell."""
        user = self.request.user
        queryset = with_known_count(queryset, user=user, filterset=self.filterset)
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset, due_day=settings.MONTHLY_REPORT_DUE_DAY, **kwargs
        )


class ReportMixin:
    """Looks the report up in the user's scope (404) and checks an action predicate (403)."""

    predicate = None

    def get_report(self, request: HttpRequest, pk: int):
        report = monthly_report_get(user=request.user, pk=pk)
        if self.predicate is not None and not type(self).predicate(request.user, report):
            raise PermissionDenied
        return report


class MonthlyReportDetailView(ReportMixin, View):
    """The report as sent (its latest version) or, while with the agency, as it stands; with
    ``number``, one of its versions."""

    def get(self, request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
        report = self.get_report(request, pk)
        context = detail_context(request, report, number=number)
        return render(request, "sponsorships/monthly_report_detail.html", context)


def detail_context(request: HttpRequest, report, number: int | None = None, **extra) -> dict:
    user = request.user
    shown = monthly_report_view(user=user, report=report, number=number)
    latest = report.versions.all()
    latest_number = latest[len(latest) - 1].number if latest else None
    return {
        "report": report,
        "shown": shown,
        "content": shown.content,
        "versions": latest,
        "latest_number": latest_number,
        "last_return": monthly_report_last_return(report=report),
        "verification_code": report_verification_code(report, version=latest_number or 0),
        "can_edit": report.is_open and perms.can_edit_monthly_report(user, report),
        "can_submit": report.is_open and perms.can_submit_monthly_report(user, report),
        "can_review": report.status == report.Status.SUBMITTED
        and perms.can_review_monthly_report(user, report),
        "return_form": extra.pop("return_form", None) or MonthlyReportReturnForm(),
        "reminder_deliveries": reminder_deliveries(report=report)
        if perms.can_view_report_completeness(user)
        else None,
        **extra,
    }


class MonthlyReportUpdateView(ReportMixin, View):
    predicate = perms.can_edit_monthly_report
    template_name = "sponsorships/monthly_report_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report(request, pk)
        if not report.is_open:
            messages.error(request, _("Báo cáo đã gửi hoặc đã được chấp nhận nên không thể sửa."))
            return redirect(report_detail_url(report))
        initial = {
            f: getattr(report, f)
            for f in ("version", "difficulties", "proposals", "next_month_plan")
        }
        form = MonthlyReportForm(
            initial=initial, lines=monthly_report_criteria_lines(report=report)
        )
        return self.render_form(request, report, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report(request, pk)
        form = MonthlyReportForm(request.POST, lines=monthly_report_criteria_lines(report=report))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.monthly_report_update(
                    report=report,
                    actor=request.user,
                    version=data["version"],
                    difficulties=data["difficulties"],
                    proposals=data["proposals"],
                    next_month_plan=data["next_month_plan"],
                    criteria_progress=form.criteria_progress(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu báo cáo."))
                return redirect(report_detail_url(report))
        return self.render_form(request, report, form, status=400)

    def render_form(self, request, report, form, status=200):
        context = {
            "report": report,
            "form": form,
            "last_return": monthly_report_last_return(report=report),
        }
        return render(request, self.template_name, context, status=status)


def report_detail_url(report) -> str:
    return reverse("sponsorships:monthly_report_detail", args=[report.pk])


class ReportActionView(ReportMixin, View):
    """A POST-only review step: run the service, say what happened, back to the report."""

    success_message = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report(request, pk)
        try:
            self.act(request, report)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, self.success_message)
        return redirect(report_detail_url(report))


class MonthlyReportSubmitView(ReportActionView):
    """Sending is a second step: the page's "Gửi báo cáo" opens a confirmation whose button
    posts ``confirm=yes``; a post without it sends nothing."""

    predicate = perms.can_submit_monthly_report
    success_message = gettext_lazy("Đã gửi báo cáo tới văn phòng điều phối.")

    def act(self, request, report):
        if request.POST.get("confirm") != "yes":
            raise ValidationError(
                _("Báo cáo chưa được gửi: hãy bấm “Xác nhận gửi” để gửi."), code="unconfirmed"
            )
        services.monthly_report_submit(report=report, actor=request.user)


class MonthlyReportAcceptView(ReportActionView):
    predicate = perms.can_review_monthly_report
    success_message = gettext_lazy("Đã chấp nhận báo cáo.")

    def act(self, request, report):
        services.monthly_report_accept(
            report=report, actor=request.user, version_number=_seen_version(request)
        )


def _seen_version(request: HttpRequest) -> int | None:
    """The version number the reviewer's page showed (a hidden field), if it sent one."""
    text = request.POST.get("version_number", "")
    return int(text) if text.isdigit() else None


class MonthlyReportReturnView(ReportMixin, View):
    predicate = perms.can_review_monthly_report

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_report(request, pk)
        form = MonthlyReportReturnForm(request.POST)
        if form.is_valid():
            try:
                services.monthly_report_return(
                    report=report,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    version_number=_seen_version(request),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã trả lại báo cáo cho cơ quan giúp đỡ."))
                return redirect(report_detail_url(report))
        context = detail_context(request, report, return_form=form)
        return render(request, "sponsorships/monthly_report_detail.html", context, status=400)


class MonthlyReportCompletenessView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not perms.can_view_report_completeness(request.user):
            raise PermissionDenied
        current = periods.current_period(timezone.now(), province_tz())
        # The month picker shows the month the page is about, not an empty box.
        form = CompletenessForm(request.GET or None, initial={"period": current})
        period = (form.cleaned_data["period"] if form.is_valid() else None) or current
        context = {
            "form": form,
            "can_remind": perms.can_send_report_reminders(request.user),
            **completeness_context(request, period),
            **no_recipient_context(request, period),
            "delivery_summary": reminder_delivery_summary(period=period),
            "delivery_problems": reminder_delivery_problems(period=period)[:MISSING_SHOWN],
        }
        return render(request, "sponsorships/monthly_report_completeness.html", context)


# Rows of each list of the completeness page per page (each list has its own ?<list>_page=):
# a national deployment has thousands of reports, agencies and districts.
MISSING_SHOWN = 50
GROUPS_SHOWN = 25


def completeness_context(request: HttpRequest, period) -> dict:
    trend = completeness.completeness_trend(period=period)
    totals = trend[-1]  # the trend ends with the period's totals
    # The missing reports are counted in the totals (the same reports: open ones of the month).
    missing = KnownCount(completeness.completeness_missing(period=period), totals.missing)
    by_agency = completeness.completeness_by_agency(period=period)
    by_district = completeness.completeness_by_district(period=period)
    missing_page = paginate(request, missing, MISSING_SHOWN, "missing_page")
    return {
        "period": period,
        "due_at": services.period_due_at(period),
        "totals": totals,
        "by_agency": paginate(request, by_agency, GROUPS_SHOWN, "agency_page"),
        "by_district": paginate(request, by_district, GROUPS_SHOWN, "district_page"),
        "trend": trend,
        "trend_chart": completeness.trend_chart(trend),
        "missing": missing_page.object_list,
        "missing_page": missing_page,
    }


def no_recipient_context(request: HttpRequest, period) -> dict:
    """The period's open reports that no reminder can reach: how many, and a page of them."""
    reports = monthly_reports_without_recipient(user=request.user, period=period)
    page = paginate(request, reports, MISSING_SHOWN, "no_recipient_page")
    return {
        "no_recipient": page.object_list,
        "no_recipient_page": page,
        "no_recipient_count": page.paginator.count,
    }


REMIND_MESSAGE = gettext_lazy(
    "Đã nhắc %(count)s báo cáo chưa gửi. Báo cáo nào đã được nhắc hôm nay thì không bị nhắc lại."
)
REMIND_NO_RECIPIENT_MESSAGE = gettext_lazy(
    "Đã nhắc %(count)s báo cáo; %(no_recipient)s báo cáo không có người nhận (cơ quan giúp đỡ "
    "và xã không có tài khoản nào đang hoạt động có thư điện tử). Báo cáo nào đã được nhắc hôm "
    "nay thì không bị nhắc lại."
)


REMIND_QUEUE_DOWN_MESSAGE = gettext_lazy(
    "Hệ thống nhắc việc tạm thời không hoạt động; yêu cầu đã được ghi lại"
)


def remind_now_message(request: HttpRequest, result: RemindNowResult) -> None:
    """Say how many reports were reached; a warning when some had nobody to receive it, or
    when the broker was down (the reminders wait in the outbox)."""
    values = {"count": result.reached, "no_recipient": result.no_recipient}
    if not result.is_queued:
        messages.warning(request, REMIND_QUEUE_DOWN_MESSAGE)
    elif result.no_recipient:
        messages.warning(request, REMIND_NO_RECIPIENT_MESSAGE % values)
    else:
        messages.success(request, REMIND_MESSAGE % values)


class MonthlyReportRemindView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        if not perms.can_send_report_reminders(request.user):
            raise PermissionDenied
        form = RemindNowForm(request.POST)
        if not form.is_valid():
            messages.error(request, _error_text(ValidationError(form.errors["period"])))
            return redirect("sponsorships:monthly_report_completeness")
        period = form.cleaned_data["period"]
        remind_now_message(request, monthly_report_remind_now(period=period, actor=request.user))
        url = reverse("sponsorships:monthly_report_completeness")
        return redirect(f"{url}?period={periods.format_period(period)}")
