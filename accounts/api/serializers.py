"""Serializers of the accounts API: output (explicit fields, read only; never a password hash
or a token's digest) and input (ntm_portal.api.InputSerializer, named for the action).

Superuser and staff flags, passwords and permissions are never inputs: a request naming one
is refused with a message rather than silently ignored, so a client never believes it granted
a power it did not."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers

from accounts.models import ApiToken
from communes.models import Commune
from ntm_portal.api import InputSerializer
from ntm_portal.models import User
from sponsorships.api.activity_serializers import OptionalEmailField
from sponsorships.models import Agency

PRIVILEGED = ("is_superuser", "is_staff", "password", "groups", "user_permissions")
ACCESS = ("role", "agency", "commune", "is_active")
PRIVILEGED_MESSAGE = _(
    "Trường này không thay đổi được qua API (quyền quản trị hệ thống, quyền hạn, mật khẩu)."
)


def refuse(data: Any, names: tuple[str, ...], message: Any) -> None:
    if isinstance(data, dict):
        errors = {name: [message] for name in names if name in data}
        if errors:
            raise exceptions.ValidationError(errors)


# Output ---------------------------------------------------------------------------------


class UserSerializer(serializers.ModelSerializer):
    email = OptionalEmailField(read_only=True)
    # Declared so the schema allows "" (an account without a role).
    role = serializers.ChoiceField(choices=User.Role.choices, allow_blank=True, read_only=True)
    agency = serializers.IntegerField(source="agency_id", allow_null=True, read_only=True)
    agency_name = serializers.CharField(
        source="agency.name", default=None, allow_null=True, read_only=True
    )
    commune = serializers.IntegerField(source="commune_id", allow_null=True, read_only=True)
    commune_name = serializers.CharField(
        source="commune.name", default=None, allow_null=True, read_only=True
    )
    has_second_factor = serializers.BooleanField(source="has_mfa", read_only=True)
    is_locked = serializers.BooleanField(read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "phone",
            "role",
            "agency",
            "agency_name",
            "commune",
            "commune_name",
            "is_active",
            "is_superuser",
            "must_change_password",
            "has_second_factor",
            "is_locked",
            "last_login",
            "date_joined",
            "version",
        ]
        read_only_fields = fields


class MeSerializer(UserSerializer):
    class Meta(UserSerializer.Meta):
        fields = [name for name in UserSerializer.Meta.fields if name != "is_locked"]
        read_only_fields = fields


class TokenObtainResponseSerializer(serializers.ModelSerializer):
    token = serializers.SerializerMethodField(
        help_text="Mã API, chỉ trả về một lần: gửi trong tiêu đề Authorization: Token <mã>."
    )
    key = serializers.CharField(
        source="token_key", read_only=True, help_text="Các ký tự đầu của mã, để nhận ra mã."
    )

    class Meta:
        model = ApiToken
        fields = ["token", "name", "key", "created", "expiry"]
        read_only_fields = fields

    def get_token(self, row: ApiToken) -> str:
        return self.context["token"]


class AuthRefusalSerializer(serializers.Serializer):
    """Why the token endpoint refused: a message, and a code a script can act on."""

    detail = serializers.CharField()
    code = serializers.CharField(
        required=False,
        help_text=("mfa_required, mfa_invalid, change_password, enrol_mfa, locked (401/403/429)"),
    )
    locked_until = serializers.DateTimeField(required=False)


# Input ----------------------------------------------------------------------------------


class UserWriteSerializer(InputSerializer):
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = OptionalEmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=User.Role.choices)
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True, default=None
    )
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True, default=None
    )

    def to_internal_value(self, data: Any) -> Any:
        refuse(data, PRIVILEGED, PRIVILEGED_MESSAGE)
        return super().to_internal_value(data)


class UserCreateSerializer(UserWriteSerializer):
    send_invitation = serializers.BooleanField(required=False, default=True)
    temporary_password = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=128,
        trim_whitespace=False,
        write_only=True,
        help_text="Mật khẩu tạm, phải đổi ở lần đăng nhập đầu (thay cho thư mời).",
    )


class UserUpdateSerializer(UserWriteSerializer):
    """Taken partially: only the fields sent change."""


class MeUpdateSerializer(InputSerializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = OptionalEmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)

    def to_internal_value(self, data: Any) -> Any:
        refuse(data, PRIVILEGED, PRIVILEGED_MESSAGE)
        refuse(data, ACCESS, _("Vai trò và đơn vị do Văn phòng điều phối quản lý."))
        return super().to_internal_value(data)


class TokenObtainSerializer(InputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True)
    name = serializers.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        required=False,
        help_text="Tên để nhận ra mã (ví dụ: tên máy hoặc chương trình); duy nhất với mỗi người.",
    )
    code = serializers.CharField(
        max_length=64,
        required=False,
        help_text="Mã từ ứng dụng xác thực, hoặc một mã khôi phục (khi có xác thực hai yếu tố).",
    )
    expires_in_days = serializers.IntegerField(
        min_value=1, max_value=settings.API_TOKEN_MAX_DAYS, required=False
    )
