import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese(client, leader):
    client.force_login(leader)

    response = client.get(reverse("notification_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "vi"


@pytest.mark.django_db
def test_choosing_english_in_the_menu_switches_the_interface(client, leader):
    client.force_login(leader)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("notification_list"))

    assert response.headers["Content-Language"] == "en"


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_vietnamese(client, leader):
    client.force_login(leader)
    client.cookies["django_language"] = "fr"

    response = client.get(reverse("notification_list"))

    assert response.headers["Content-Language"] == "vi"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_menu_names_each_language_in_itself(client, language):
    # An English reader on the Vietnamese page must find "English", not "Tiếng Anh".
    client.cookies["django_language"] = language

    page = client.get(reverse("account_login")).content.decode()

    assert '<option value="en" lang="en"' in page
    assert ">English</option>" in page
    assert ">Tiếng Việt</option>" in page
    assert "Tiếng Anh" not in page


@pytest.mark.django_db
def test_the_language_menu_changes_only_on_its_button(client):
    html = client.get(reverse("account_login")).content.decode()

    assert 'id="lang-select" name="language">' in html
    assert "onchange" not in html
    assert 'class="lang-button">Đổi</button>' in html
