"""Onboarding by e-mail: a one-time link to set the password, valid ACCOUNT_INVITATION_DAYS."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts import permissions as perms
from accounts.models import AccountEvent
from accounts.services.events import account_event_record
from accounts.services.passwords import user_password_set
from accounts.tokens import invitation_token_generator
from ntm_portal.models import User


def invitation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    path = reverse("accounts:invitation_accept", kwargs={"uidb64": uid, "token": token})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


@transaction.atomic
def invitation_send(*, user: User, actor: User) -> None:
    """E-mail the invitation after commit, through a worker (a rolled-back account gets none)."""
    if not perms.can_change_user(actor, user):
        raise PermissionDenied(_("Bạn không có quyền thay đổi tài khoản này."))
    if not user.email:
        message = _("Tài khoản chưa có địa chỉ e-mail để gửi thư mời.")
        raise ValidationError({"email": ValidationError(message, code="no_email")})
    if not user.is_active:
        raise ValidationError(
            _("Tài khoản đang bị khóa; hãy mở lại trước khi mời."), code="inactive"
        )
    if user.has_usable_password() and not user.must_change_password:
        raise ValidationError(
            _("Người dùng đã đặt mật khẩu; hãy gửi thư đặt lại mật khẩu thay cho thư mời."),
            code="already_accepted",
        )
    # A new link invalidates the earlier ones: the stored password changes.
    user.set_unusable_password()
    user.save(update_fields=["password"])
    from accounts.tasks import invitation_email_send_task  # tasks import services

    # A worker builds and sends the mail after the commit: a list of a thousand accounts must
    # not wait for a thousand SMTP conversations within one request. robust: a broker or mail
    # server that is down does not turn a committed account into an error page (the office
    # resends from the account's page).
    user_id, inviter_id = user.pk, actor.pk

    def enqueue_invitation() -> None:  # named: robust on_commit logs its __qualname__
        invitation_email_send_task.delay(user_id, inviter_id)

    transaction.on_commit(enqueue_invitation, robust=True)
    account_event_record(
        user=user, actor=actor, action=AccountEvent.Action.INVITED, changes={"email": user.email}
    )


def invitation_email_send(*, user_id: int, inviter_id: int) -> bool:
    """Send the invitation of a still pending account, with a link made now; False (nothing
    sent) when the account accepted, was deactivated or lost its e-mail meanwhile."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    inviter = User.objects.filter(pk=inviter_id).first()
    if user is None or inviter is None or user.has_usable_password():
        return False
    _invitation_email(user=user, inviter=inviter).send()
    return True


def invitation_user(*, uidb64: str, token: str) -> User | None:
    """The invited account if the link is genuine, unused and not expired; else None."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not invitation_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def invitation_accept(*, uidb64: str, token: str, password: str) -> User:
    user = invitation_user(uidb64=uidb64, token=token)
    if user is None:
        raise ValidationError(
            _(
                "Liên kết mời không hợp lệ, đã được dùng hoặc đã hết hạn. Hãy đề nghị Văn phòng "
                "điều phối gửi lại thư mời."
            ),
            code="invalid_invitation",
        )
    validate_password(password, user)
    user_password_set(user=user, password=password, actor=user)
    # The link reached this address: it is verified.
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    account_event_record(user=user, actor=user, action=AccountEvent.Action.INVITATION_ACCEPTED)
    return user


def _invitation_email(*, user: User, inviter: User) -> EmailMultiAlternatives:
    context = {"inviter": inviter, "url": invitation_url(user)}
    return _mail("account_invitation", user=user, context=context)


def _mail(name: str, *, user: User, context: dict) -> EmailMultiAlternatives:
    """The subject/text/html triple emails/<name>_*, in Vietnamese, to the user's address."""
    with translation.override("vi"):
        context = {
            **context,
            "user": user,
            "days": settings.ACCOUNT_INVITATION_DAYS,
            "login_url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("account_login"),
        }
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}_body.txt", context)
        html = render_to_string(f"emails/{name}_body.html", context)
    email = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    email.attach_alternative(html, "text/html")
    return email


@transaction.atomic
def user_password_reset_send(*, user: User, actor: User) -> None:
    """The office sends the user allauth's password-reset link (same page as "Quên mật khẩu")."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    if not perms.can_change_user(actor, user):
        raise PermissionDenied(_("Bạn không có quyền thay đổi tài khoản này."))
    if not user.email:
        message = _("Tài khoản chưa có địa chỉ e-mail; hãy đặt mật khẩu tạm.")
        raise ValidationError({"email": ValidationError(message, code="no_email")})
    if not user.is_active:
        raise ValidationError(
            _("Tài khoản đang bị khóa; hãy mở lại trước khi gửi thư đặt lại mật khẩu."),
            code="inactive",
        )
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    message = _mail(
        "account_password_reset_by_office",
        user=user,
        context={"url": settings.PORTAL_BASE_URL.rstrip("/") + path, "inviter": actor},
    )
    transaction.on_commit(message.send, robust=True)
    account_event_record(user=user, actor=actor, action=AccountEvent.Action.PASSWORD_RESET_SENT)
