import pytest
from django.urls import reverse

from ntm_portal.models import Notification


@pytest.mark.django_db
def test_bell_shows_the_unread_count(client, leader):
    Notification.objects.create(user=leader, title="Báo cáo tháng 10 sắp đến hạn")
    Notification.objects.create(user=leader, title="Đã đọc", read_at="2026-01-01T00:00:00Z")
    client.force_login(leader)

    response = client.get(reverse("notification_list"))

    assert response.status_code == 200
    assert response.context["unread_notification_count"] == 1
    assert "Báo cáo tháng 10 sắp đến hạn" in response.content.decode()


@pytest.mark.django_db
def test_marking_one_as_read_leaves_the_others(client, leader):
    first = Notification.objects.create(user=leader, title="Một")
    second = Notification.objects.create(user=leader, title="Hai")
    client.force_login(leader)

    client.post(reverse("notification_mark_read"), {"id": first.pk})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


@pytest.mark.django_db
def test_a_user_cannot_mark_someone_elses_notification(client, leader, coordination_office):
    theirs = Notification.objects.create(user=coordination_office, title="Của người khác")
    client.force_login(leader)

    client.post(reverse("notification_mark_read"), {"id": theirs.pk})
    client.post(reverse("notification_mark_read"))

    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_notification_list_shows_only_own_notifications(client, leader, coordination_office):
    Notification.objects.create(user=coordination_office, title="Bí mật của văn phòng")
    client.force_login(leader)

    response = client.get(reverse("notification_list"))

    assert "Bí mật của văn phòng" not in response.content.decode()
