"""django-allauth adapters: how the portal's accounts differ from allauth's defaults.

- Nobody signs up: the coordination office creates every account (accounts.services).
- The client's address is the kernel's (behind the proxy, not the proxy's).
- Every password set (change, reset, invitation) goes through one service, which clears a
  temporary password's "must change" flag and records the change.
- TOTP secrets are encrypted at rest; a user who must have a second factor cannot remove
  their last one.
"""

from __future__ import annotations

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet
from django.conf import settings
from django.http import HttpRequest

from accounts.permissions import requires_mfa
from accounts.services.passwords import user_password_set
from ntm_portal.proxy import client_ip

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def set_password(self, user, password: str) -> None:
        actor = getattr(getattr(self, "request", None), "user", None)
        user_password_set(user=user, password=password, actor=actor)


class MfaAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type not in SECOND_FACTORS or not requires_mfa(authenticator.user):
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()


def _fernet() -> Fernet:
    """A key derived from MFA_SECRET_KEY (SECRET_KEY when unset): rotating SECRET_KEY alone
    must not make every enrolled authenticator unreadable, so production sets its own."""
    secret = getattr(settings, "MFA_SECRET_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(f"ntm-portal-mfa:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))
