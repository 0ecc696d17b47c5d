"""Sponsoring agencies, their assignments to communes, support activities, and the monthly
progress reports (due on the 20th) with their review trail and reminder log."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import Commune, Village
from criteria.models import Criterion
from ntm_portal.models import TimeStampedModel


class Agency(TimeStampedModel):
    """A provincial department, party board, mass organisation, armed unit or enterprise."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Sở, ban, ngành tỉnh")
        PARTY_BOARD = "party_board", _("Ban Đảng")
        MASS_ORGANISATION = "mass_organisation", _("Đoàn thể")
        ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang, công an")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên"), max_length=255, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    contact_name = models.CharField(_("người liên hệ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan giúp đỡ")
        verbose_name_plural = _("cơ quan giúp đỡ")

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("sponsorships:agency_detail", kwargs={"pk": self.pk})


class Assignment(TimeStampedModel):
    """An agency assigned to help a commune for a period, by a decision."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assignments")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="assignments")
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    focus_criteria = models.ManyToManyField(
        Criterion, verbose_name=_("tiêu chí trọng tâm"), blank=True, related_name="+"
    )
    goals = models.TextField(_("mục tiêu"), blank=True)
    history = HistoricalRecords(m2m_fields=[focus_criteria])

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("phân công giúp đỡ")
        verbose_name_plural = _("phân công giúp đỡ")
        indexes = [
            models.Index(fields=["commune", "start_date"]),
            # The assignment list's default order.
            models.Index(fields=["-start_date", "id"], name="sp_assignment_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_end_after_start",
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} → {self.commune}"

    def get_absolute_url(self) -> str:
        return reverse("sponsorships:assignment_detail", kwargs={"pk": self.pk})

    def covers(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class SupportActivity(TimeStampedModel):
    """Something an agency gave or did for its commune: money, goods, works, training, labour."""

    class Kind(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        GOODS = "goods", _("Hàng hóa, vật tư")
        WORKS = "works", _("Công trình, hạ tầng")
        TRAINING = "training", _("Tập huấn, hướng dẫn")
        LABOUR = "labour", _("Ngày công lao động")
        COMMUNICATION = "communication", _("Tuyên truyền")
        VOLUNTEER = "volunteer", _("Tình nguyện, quà tặng")
        OTHER = "other", _("Khác")

    class FundingSource(models.TextChoices):
        AGENCY_BUDGET = "agency_budget", _("Ngân sách cơ quan")
        STAFF_FUND = "staff_fund", _("Quỹ cán bộ, công chức")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        PROGRAMME = "programme", _("Chương trình, dự án")
        COMMUNITY = "community", _("Cộng đồng")

    class BeneficiaryUnit(models.TextChoices):
        HOUSEHOLDS = "households", _("hộ")
        PEOPLE = "people", _("người")

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="activities")
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("hình thức"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("nội dung"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    village = models.ForeignKey(
        Village,
        verbose_name=_("thôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_criteria = models.ManyToManyField(
        Criterion, verbose_name=_("tiêu chí hướng tới"), blank=True, related_name="+"
    )
    amount = models.PositiveBigIntegerField(_("giá trị (đồng)"), default=0)
    quantity = models.DecimalField(
        _("số lượng"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    quantity_unit = models.CharField(_("đơn vị"), max_length=64, blank=True)
    labour_days = models.DecimalField(
        _("ngày công"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    beneficiaries = models.PositiveIntegerField(_("số người/hộ hưởng lợi"), null=True, blank=True)
    beneficiary_unit = models.CharField(
        _("đơn vị hưởng lợi"), max_length=16, choices=BeneficiaryUnit.choices, blank=True
    )
    funding_source = models.CharField(
        _("nguồn kinh phí"), max_length=32, choices=FundingSource.choices
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords(m2m_fields=[target_criteria])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("hoạt động hỗ trợ")
        verbose_name_plural = _("hoạt động hỗ trợ")
        indexes = [
            models.Index(fields=["assignment", "date"]),
            models.Index(fields=["date"]),
            # The activity list newest first, and its keyset pages (date, id) < (d, pk).
            models.Index(fields=["-date", "-id"], name="sp_activity_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_beneficiaries_have_unit",
                condition=models.Q(beneficiaries__isnull=True) | ~models.Q(beneficiary_unit=""),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sponsorships:activity_detail", kwargs={"pk": self.pk})


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    """A random stored name (the original name is kept in the row), never the uploader's."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"evidence/{uuid.uuid4().hex}{suffix}"


class Evidence(TimeStampedModel):
    """A photo or scanned document attached to an activity (type and size checked on upload)."""

    activity = models.ForeignKey(SupportActivity, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_upload_to)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.original_name


class MonthlyReport(TimeStampedModel):
    """The progress report an active assignment owes for a month, due on the 20th (configurable).

    ``next_reminder_at`` is the claim column of the reminder sweep: a worker wins a reminder by a
    conditional update on its old value, so no reminder is sent twice.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã chấp nhận")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="monthly_reports"
    )
    period = models.DateField(_("kỳ báo cáo"))
    due_at = models.DateTimeField(_("hạn nộp"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    next_month_plan = models.TextField(_("kế hoạch tháng tới"), blank=True)
    next_reminder_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period", "id"]
        verbose_name = _("báo cáo tháng")
        verbose_name_plural = _("báo cáo tháng")
        indexes = [
            models.Index(
                fields=["next_reminder_at"],
                name="sp_report_reminder_due",
                condition=models.Q(status__in=["draft", "returned"]),
            ),
            models.Index(fields=["period", "status"]),
            # The monthly report list's default order.
            models.Index(fields=["-period", "id"], name="sp_report_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "period"],
                name="%(app_label)s_%(class)s_unique_assignment_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.period:%m/%Y}"

    @property
    def is_open(self) -> bool:
        """Still with the agency (draft or returned): editable, submittable, reminded."""
        return self.status in OPEN_REPORT_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Never submitted and past its due moment: the agency is late right now.

        A report returned for corrections is not overdue: lateness belongs to the submission
        (``is_late``), which the return does not undo."""
        return self.status == self.Status.DRAFT and self.due_at < timezone.now()


OPEN_REPORT_STATUSES = (MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)


class MonthlyReportCriterion(models.Model):
    """Progress on one criterion in a monthly report (focus criteria and any that changed)."""

    report = models.ForeignKey(
        MonthlyReport, on_delete=models.CASCADE, related_name="criteria_progress"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("tình trạng"), max_length=16, blank=True)
    progress = models.TextField(_("tiến độ"), blank=True)

    class Meta:
        ordering = ["criterion__number"]
        verbose_name = _("tiến độ tiêu chí trong báo cáo tháng")
        verbose_name_plural = _("tiến độ tiêu chí trong báo cáo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "criterion"], name="%(app_label)s_%(class)s_unique_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.criterion}"


class MonthlyReportVersion(models.Model):
    """What a report said when it was sent: one immutable row per submission (1, then n + 1
    after each return). ``content`` is the JSON documented in sponsorships/report_content.py;
    accept and return name the number they acted on in the event trail. ``created_at`` is when
    the content was frozen."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("lần gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    content = models.JSONField(_("nội dung"))
    created_at = models.DateTimeField(_("chốt lúc"), auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("phiên bản báo cáo tháng")
        verbose_name_plural = _("phiên bản báo cáo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_number_positive", condition=models.Q(number__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.number}"


class MonthlyReportEvent(models.Model):
    """One step of a report's review trail: submitted, returned (with reason), accepted…"""

    class Action(models.TextChoices):
        CREATED = "created", _("Tạo")
        SUBMITTED = "submitted", _("Gửi")
        RETURNED = "returned", _("Trả lại")
        RESUBMITTED = "resubmitted", _("Gửi lại")
        ACCEPTED = "accepted", _("Chấp nhận")

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reason = models.TextField(_("lý do"), blank=True)
    # The version sent, accepted or returned by this step (empty for steps before versions).
    version_number = models.PositiveIntegerField(_("lần gửi"), null=True, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bước xử lý báo cáo tháng")
        verbose_name_plural = _("bước xử lý báo cáo tháng")

    def __str__(self) -> str:
        return f"{self.report} · {self.get_action_display()}"


from sponsorships.models_outbox import ReminderLog, TaskHeartbeat  # noqa: E402,F401
from sponsorships.models_report_summaries import ReportCount  # noqa: E402,F401
from sponsorships.models_summaries import (  # noqa: E402,F401
    ActivityTotal,
    ActivityYearTotal,
)
