"""Exemplary people and models: photo checks (shared with activity evidence), pages, matrix."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Exemplary, ExemplaryPhoto
from campaigns.services.exemplars import exemplary_create
from tests.sponsorships.activity_fixtures import PNG_BYTES, png_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make(commune, **extra):
    fields = {
        "kind": "person",
        "name": "Thào A Súa",
        "commune": commune,
        "category": "donor",
        "achievement": "Hiến 500 m² đất mở đường liên thôn",
        **extra,
    }
    return exemplary_create(user=None, **fields)


def test_an_exemplar_with_a_photo(commune_a, campaign):
    exemplar = make(commune_a, campaign=campaign, photos=[png_file("duong.png")])
    photo = exemplar.photos.get()
    assert photo.content_type == "image/png"
    assert photo.size == len(PNG_BYTES)
    assert photo.file.name.startswith("exemplary/")
    assert "duong" not in photo.file.name


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("gia.png", b"not a picture"), "không phải ảnh JPG hoặc PNG"),
        (SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 x"), "không phải ảnh JPG hoặc PNG"),
        (SimpleUploadedFile("rong.png", b""), "rỗng"),
    ],
)
def test_a_bad_photo_is_refused_and_nothing_saved(commune_a, upload, message):
    with pytest.raises(ValidationError) as caught:
        make(commune_a, photos=[upload])
    assert message in caught.value.message_dict["photos"][0]
    assert not Exemplary.objects.exists()
    assert not ExemplaryPhoto.objects.exists()


def test_a_photo_above_the_limit_is_refused(commune_a, settings):
    settings.EVIDENCE_MAX_BYTES = len(PNG_BYTES) - 1
    with pytest.raises(ValidationError) as caught:
        make(commune_a, photos=[png_file()])
    assert "quá lớn" in caught.value.message_dict["photos"][0]


def test_commune_records_its_own_exemplar_with_photos(as_role, commune_a, commune_b):
    client, _user = as_role("commune_officer")
    data = {
        "kind": "household",
        "name": "Hộ ông Hoàng Văn Mù",
        "commune": commune_b.pk,
        "category": "donor",
        "achievement": "Hiến đất làm đường",
        "photos": [png_file("a.png"), png_file("b.png")],
    }
    response = client.post(reverse("campaigns:exemplary_create"), data)
    assert response.status_code == 302
    exemplar = Exemplary.objects.get()
    assert exemplar.commune == commune_a
    assert exemplar.photos.count() == 2
    download = client.get(reverse("campaigns:photo_download", args=[exemplar.photos.first().pk]))
    assert b"".join(download.streaming_content) == PNG_BYTES
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("no_role_user", False),
        ("leader", False),
        ("agency_staff", False),
        ("other_commune_officer", False),
        ("commune_officer", True),
        ("coordination_office", True),
    ],
)
@pytest.mark.parametrize("route", ["exemplary_update", "exemplary_delete"])
def test_who_may_change_an_exemplar(as_role, commune_a, role, allowed, route):
    exemplar = make(commune_a)
    client, _user = as_role(role)
    data = {
        "kind": "person",
        "name": "Đổi tên",
        "commune": commune_a.pk,
        "category": "other",
        "achievement": "x",
    }
    response = client.post(reverse(f"campaigns:{route}", args=[exemplar.pk]), data)
    assert response.status_code == (302 if allowed else 403)
    if not allowed:
        assert Exemplary.objects.get().name == "Thào A Súa"


@pytest.mark.parametrize("role", ["no_role_user", "leader", "agency_staff"])
def test_who_may_not_add(as_role, commune_a, role):
    client, _user = as_role(role)
    data = {
        "kind": "person",
        "name": "X",
        "commune": commune_a.pk,
        "category": "other",
        "achievement": "x",
    }
    assert client.post(reverse("campaigns:exemplary_create"), data).status_code == 403
    assert not Exemplary.objects.exists()


def test_photo_download_needs_a_role(as_role, commune_a):
    exemplar = make(commune_a, photos=[png_file()])
    client, _user = as_role("no_role_user")
    assert (
        client.get(reverse("campaigns:photo_download", args=[exemplar.photos.get().pk])).status_code
        == 403
    )


def test_list_queries_do_not_grow(as_role, commune_a, django_assert_max_num_queries):
    client, _user = as_role("leader")
    url = reverse("campaigns:exemplary_list")
    for _ in range(3):
        make(commune_a, photos=[png_file()])
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for _ in range(22):
        make(commune_a, photos=[png_file()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"q": "đường"})
    assert len(response.context["exemplars"]) == 25
