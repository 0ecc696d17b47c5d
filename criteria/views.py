"""HTML views: enter an assessment, read one, read a criteria set.

Thin: a selector (404), a predicate (403), a form (shape), the service (rules).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from criteria import selectors, services
from criteria.forms import AssessmentForm, CurrentRuleForm
from criteria.permissions import assessment_stages_allowed, can_import_criteria_set
from criteria.services.current_rule import current_rule_set
from ntm_portal.permissions import is_coordination_office


class AssessmentCreateView(View):
    """/criteria/communes/<commune_pk>/assessments/new/: 404 outside scope, 403 if not allowed."""

    template_name = "criteria/assessment_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.commune = selectors.assessable_commune_get(user=request.user, pk=kwargs["commune_pk"])
        self.stages = assessment_stages_allowed(request.user, self.commune)
        if not self.stages:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, commune_pk: int) -> HttpResponse:
        initial = {"period": timezone.localdate().replace(day=1), "stage": self.stages[0]}
        return self._render(self._form(initial=initial))

    def post(self, request: HttpRequest, commune_pk: int) -> HttpResponse:
        form = self._form(data=request.POST)
        if form.is_valid():
            try:
                assessment = services.assessment_create(
                    commune=self.commune,
                    period=form.cleaned_data["period"],
                    stage=form.cleaned_data["stage"],
                    values=form.values(),
                    entered_by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Đã lưu đánh giá: %(met)s/%(total)s tiêu chí đạt.")
                    % {"met": assessment.criteria_met, "total": assessment.criteria_total},
                )
                return redirect("communes:commune_detail", pk=self.commune.pk)
        return self._render(form)

    def _form(self, **kwargs: Any) -> AssessmentForm:
        """The form of the set in force, prefilled from the values this month's entry starts
        from (the same on POST, so fields left as prefilled are told apart and carried)."""
        today = timezone.localdate()
        criteria_set = selectors.criteria_set_current(on=today, province=self.commune.province_id)
        criteria, previous = [], {}
        if criteria_set is not None:
            key = self.commune.classification_key(criteria_set.classification_scheme)
            criteria = selectors.criteria_with_thresholds(
                criteria_set=criteria_set, classification_key=key
            )
            previous = selectors.commune_current_values(
                commune=self.commune, criteria_set_id=criteria_set.pk, period=today.replace(day=1)
            )
        return AssessmentForm(
            criteria=criteria, stages=self.stages, year=today.year, previous=previous, **kwargs
        )

    def _render(self, form: AssessmentForm) -> HttpResponse:
        return render(self.request, self.template_name, {"commune": self.commune, "form": form})


class AssessmentDetailView(DetailView):
    template_name = "criteria/assessment_detail.html"
    context_object_name = "assessment"

    def get_object(self, queryset: Any = None) -> Any:
        return selectors.assessment_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["grid"] = selectors.assessment_grid(assessment=self.object)
        return context


class CriteriaSetListView(ListView):
    template_name = "criteria/criteria_set_list.html"
    context_object_name = "criteria_sets"

    def get_queryset(self) -> Any:
        return selectors.criteria_set_list().prefetch_related(None)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "today": timezone.localdate(),
            "can_import": can_import_criteria_set(self.request.user),
        }


class CriteriaSetDetailView(DetailView):
    template_name = "criteria/criteria_set_detail.html"
    context_object_name = "criteria_set"

    def get_object(self, queryset: Any = None) -> Any:
        return selectors.criteria_set_get(pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["table"] = selectors.criteria_set_table(criteria_set=self.object)
        context["today"] = timezone.localdate()
        context["can_import"] = can_import_criteria_set(self.request.user)
        return context


class CurrentRuleView(View):
    """/criteria/current-rule/: the office chooses which assessment counts (403 for others)."""

    template_name = "criteria/current_rule_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_coordination_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(CurrentRuleForm(initial={"rule": selectors.current_rule()}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CurrentRuleForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        if current_rule_set(rule=form.cleaned_data["rule"], changed_by=request.user):
            messages.success(request, _("Đã đổi cách tính và tính lại kết quả của mọi xã."))
        return redirect("criteria:current_rule")

    def _render(self, form: CurrentRuleForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "changes": selectors.current_rule_changes()}
        return render(self.request, self.template_name, context, status=status)
