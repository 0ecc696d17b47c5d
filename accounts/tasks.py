"""Celery tasks of the accounts app: thin wrappers that take ids and call one service."""

from __future__ import annotations

import smtplib

from celery import shared_task

from accounts.services import invitations, tokens


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=900,
    max_retries=5,
)
def invitation_email_send_task(user_id: int, inviter_id: int) -> bool:
    """E-mail one invitation; an account that accepted or left meanwhile gets nothing."""
    return invitations.invitation_email_send(user_id=user_id, inviter_id=inviter_id)


@shared_task
def api_tokens_delete_expired_task() -> int:
    """Daily: forget API tokens long expired."""
    return tokens.api_tokens_delete_expired()
