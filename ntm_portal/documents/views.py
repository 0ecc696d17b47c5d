"""The office's page for the letterhead of its documents (issuing body, signer, recipients)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from ntm_portal.documents.models import DocumentSettings
from ntm_portal.permissions import is_coordination_office


class DocumentSettingsForm(forms.ModelForm):
    class Meta:
        model = DocumentSettings
        fields = [
            "parent_body",
            "issuing_body",
            "number_symbol",
            "place_name",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 5})}


class DocumentSettingsView(View):
    template_name = "documents/settings_form.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_coordination_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = DocumentSettingsForm(instance=DocumentSettings.load())
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DocumentSettingsForm(request.POST, instance=DocumentSettings.load())
        if form.is_valid():
            form.save()
            messages.success(request, _("Đã lưu thiết lập văn bản."))
            return redirect("document_settings")
        return render(request, self.template_name, {"form": form}, status=400)
