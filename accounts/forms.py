"""Account forms: shape only; the services decide and record."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from ntm_portal.models import User


class ProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone"]
        labels = {
            "first_name": _("Họ và tên đệm"),
            "last_name": _("Tên"),
            "email": _("E-mail"),
            "phone": _("Điện thoại"),
        }
        help_texts = {"email": _("Nhắc nhở báo cáo và thư đặt lại mật khẩu được gửi tới đây.")}


class InvitationAcceptForm(SetPasswordForm):
    """Django's new-password pair (with the password validators' messages)."""
