"""Account forms: shape only; the services decide and record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from accounts import user_rows
from accounts.services.users import USER_FIELDS
from communes.models import Commune
from communes.pickers import commune_field
from ntm_portal.models import User
from sponsorships.models import Agency
from sponsorships.pickers import agency_field

NEW_PASSWORD = forms.PasswordInput(attrs={"autocomplete": "new-password"})


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


class UserForm(forms.Form):
    """The account fields the office edits (no superuser, staff or password field at all)."""

    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Chữ, số và các ký tự @ . + - _; không có dấu cách."),
    )
    first_name = forms.CharField(label=_("Họ và tên đệm"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Tên"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", "—"), *User.Role.choices])
    agency = agency_field(
        label=_("Cơ quan"),
        queryset=Agency.objects.order_by("name"),
        required=False,
        help_text=_("Bắt buộc với cán bộ cơ quan giúp đỡ; bỏ qua với vai trò khác."),
    )
    commune = commune_field(
        xa_only=False,
        label=_("Xã"),
        queryset=Commune.objects.select_related("district").order_by("search_name"),
        required=False,
        help_text=_("Bắt buộc với cán bộ xã; bỏ qua với vai trò khác."),
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in USER_FIELDS if name in self.fields}


class UserCreateForm(UserForm):
    INVITE = "invite"
    TEMPORARY_PASSWORD = "temporary_password"

    onboarding = forms.ChoiceField(
        label=_("Cách nhận tài khoản"),
        choices=[
            (INVITE, _("Gửi thư mời qua e-mail (người dùng tự đặt mật khẩu)")),
            (TEMPORARY_PASSWORD, _("Đặt mật khẩu tạm (cho cán bộ không có e-mail)")),
        ],
        initial=INVITE,
        widget=forms.RadioSelect,
    )
    temporary_password = forms.CharField(
        label=_("Mật khẩu tạm"),
        required=False,
        strip=False,
        widget=NEW_PASSWORD,
        help_text=_(
            "Chỉ khi đặt mật khẩu tạm. Hãy trao tận tay người dùng; họ phải đổi mật khẩu ở "
            "lần đăng nhập đầu."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("onboarding") != self.TEMPORARY_PASSWORD:
            data["temporary_password"] = ""
        elif not data.get("temporary_password"):
            self.add_error("temporary_password", _("Hãy nhập mật khẩu tạm."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **super().service_kwargs(),
            "temporary_password": self.cleaned_data["temporary_password"],
            "send_invitation": self.cleaned_data["onboarding"] == self.INVITE,
        }


class UserUpdateForm(UserForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, account: User, can_change_access: bool, **kwargs: Any) -> None:
        initial = {name: getattr(account, name) for name in USER_FIELDS}
        kwargs.setdefault("initial", {**initial, "version": account.version})
        super().__init__(*args, **kwargs)
        if not can_change_access:  # one's own role and scope: not even offered
            for name in ("role", "agency", "commune"):
                del self.fields[name]


class TemporaryPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu tạm"),
        strip=False,
        widget=NEW_PASSWORD,
        help_text=_("Người dùng phải đổi mật khẩu này ở lần đăng nhập tới."),
    )


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách"),
        help_text=_("CSV (UTF-8) hoặc Excel (.xlsx), tối đa 2 MB và 2.000 dòng."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        user_rows.check_size(upload.size)  # before reading it into memory
        self.records = user_rows.read_user_file(upload.read(), name=upload.name)
        return upload
