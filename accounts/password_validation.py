"""Password rules with their messages in Vietnamese.

Django 5.2 changed the wording of the minimum-length message and its Vietnamese catalogue
still has the old one, so "too short" reached users in English; this message is the portal's.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            self.min_length,
        ) % {"min_length": self.min_length}
