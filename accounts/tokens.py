"""One-time invitation links: expire after ACCOUNT_INVITATION_DAYS, and die at first use.

Django's reset-token construction hashes the password and the last login into the link, so
setting the password (accepting) makes the link invalid; a new invitation, a temporary password
or a deactivation do the same for every earlier link.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return super()._make_hash_value(user, timestamp) + str(user.is_active)

    def check_token(self, user, token: str | None) -> bool:
        """Django's check, with the invitation's own lifetime instead of the reset timeout."""
        issued_at = _issued_at(token) if user else None
        if issued_at is None:
            return False
        age = self._num_seconds(self._now()) - issued_at
        if age > settings.ACCOUNT_INVITATION_DAYS * 24 * 3600:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, issued_at, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


def _issued_at(token: str | None) -> int | None:
    try:
        timestamp, _hash = (token or "").split("-")
        return base36_to_int(timestamp)
    except ValueError:
        return None


invitation_token_generator = InvitationTokenGenerator()
