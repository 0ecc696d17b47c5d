"""Forgotten password: a Vietnamese e-mail with a one-time link, to the current address only."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.services.users import user_profile_update

NEW_PASSWORD = "Nong-thon-moi-2026!"


def reset_link(message) -> str:
    return re.search(r"https?://\S+/accounts/password/reset/key/\S+/", message.body).group(0)


@pytest.mark.django_db
def test_reset_email_is_vietnamese_and_its_link_sets_a_password_once(client, agency_staff):
    client.post(reverse("account_reset_password"), {"email": agency_staff.email})

    message = mail.outbox[-1]
    assert message.to == [agency_staff.email]
    assert "Đặt lại mật khẩu" in message.subject or "mật khẩu" in message.body
    assert "Password Reset" not in message.subject
    link = reset_link(message).split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + link,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    agency_staff.refresh_from_db()
    assert agency_staff.check_password(NEW_PASSWORD)
    again = client.get("/" + link, follow=True)
    assert "password1" not in again.content.decode()


@pytest.mark.django_db
def test_reset_goes_only_to_the_current_address(client, agency_staff):
    old = agency_staff.email
    user_profile_update(
        user=agency_staff, expected_version=agency_staff.version, email="moi@sct.example.gov.vn"
    )

    client.post(reverse("account_reset_password"), {"email": old})

    # allauth tells an unknown address that no account uses it; it never sends it a link.
    to_old = [message for message in mail.outbox if old in message.to]
    assert all("/accounts/password/reset/key/" not in message.body for message in to_old)
