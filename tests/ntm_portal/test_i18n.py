"""The English interface is complete: the catalogue, the compiled file, the pages and the money.

Vietnamese is the source language (every msgid is Vietnamese), so only English has a catalogue.
The .po is read with a tiny parser (polib is not a dependency) and the committed .mo with the
standard library, so these tests need no gettext tools; msgfmt is used only when installed.
"""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from ntm_portal.templatetags.portal_tags import money
from tests.criteria.factories import small_criteria_set
from tests.factories import UserFactory
from tests.sponsorships.factories import MonthlyReportFactory, SupportActivityFactory

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
# A language's own name stays in its own script in the language menu.
NATIVE_NAMES = ("Tiếng Việt",)


def po_entries(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr[n] and flags (no header)."""
    entries, entry, key = [], None, None

    def finish():
        if entry is not None and entry.get("msgid"):
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(key, int):
                entry["msgstr"][key] += value
            else:
                entry[key] += value
        else:
            word, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            index = re.fullmatch(r"msgstr\[(\d+)\]", word)
            if index:
                key = int(index.group(1))
                entry["msgstr"][key] = value
            elif word == "msgstr":
                key = 0
                entry["msgstr"][0] = value
            else:
                key = word
                entry[word] = value
    finish()
    return entries


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = po_entries(PO)

    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]

    assert len(entries) > 700  # the parser read the whole file
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_every_placeholder():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in po_entries(PO):
        singular = sorted(placeholder.findall(entry["msgid"]))
        plural = sorted(placeholder.findall(entry.get("msgid_plural", entry["msgid"])))
        for index, text in entry["msgstr"].items():
            found = sorted(placeholder.findall(text))
            # A plural's other forms follow msgid_plural; its first form may follow either
            # (Vietnamese "Còn thiếu 1 tiêu chí" names no number where English may).
            allowed = [plural] if index else [singular, plural]
            assert found in allowed, entry["msgid"]


def assert_compiled_like(po: Path, mo: Path, plural_index) -> None:
    """The committed .mo says what the .po says: a fresh machine may lack gettext tools.
    ``plural_index(count)`` is the language's plural rule (English: 0 for 1, else 1)."""
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for entry in po_entries(po):
        msgid, context = entry["msgid"], entry.get("msgctxt")
        if entry.get("msgid_plural"):
            for count in (1, 2, 5):
                args = (entry["msgid"], entry["msgid_plural"], count)
                got = catalog.npgettext(context, *args) if context else catalog.ngettext(*args)
                assert got == entry["msgstr"][plural_index(count)], msgid
        else:
            got = catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)
            assert got == entry["msgstr"][0], msgid


def test_the_committed_mo_file_matches_the_catalogue():
    assert_compiled_like(PO, MO, plural_index=lambda count: 0 if count == 1 else 1)


def assert_msgfmt_accepts(po: Path) -> None:
    """gettext's own check: well formed, nothing untranslated or fuzzy."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext tools not installed")
def test_msgfmt_accepts_the_catalogue():
    assert_msgfmt_accepts(PO)


# Pages ---------------------------------------------------------------------------------------


class _VisibleText(HTMLParser):
    """The text a person reads or hears: text nodes plus labels held in attributes."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    # Text marked lang="vi" on these inline elements is Vietnamese on purpose (the column
    # names a Vietnamese spreadsheet must carry), and says so to screen readers.
    MARKED = ("code", "span")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._marked: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.MARKED:
            is_vietnamese = dict(attrs).get("lang") == "vi"
            self._marked.append(is_vietnamese)
            self._skip += is_vietnamese
        self.parts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag in self.MARKED and self._marked:
            self._skip -= self._marked.pop()

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return [unescape(part) for part in parser.parts]


def stored_texts() -> list[str]:
    """Every Vietnamese text value in the portal's tables (names of places, agencies, …)."""
    texts = set()
    for model in apps.get_models():
        if model._meta.app_label not in ("communes", "criteria", "sponsorships", "ntm_portal"):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                for value in model.objects.values_list(field.attname, flat=True).distinct():
                    if value and VIETNAMESE.search(value):
                        texts.add(value.strip())
    return sorted(texts, key=len, reverse=True)


def vietnamese_left(html: str) -> list[str]:
    """Pieces of the page still in Vietnamese once data values and language names are removed."""
    data = stored_texts()
    left = []
    for part in visible_text(html):
        for text in (*data, *NATIVE_NAMES):
            part = part.replace(text, "")
        if VIETNAMESE.search(part):
            left.append(part)
    return left


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def portal_data(db, commune_a, assignment_a, coordination_office):
    """A little of everything the pages show: a criteria set, an activity, a report."""
    return {
        "commune": commune_a,
        "assignment": assignment_a,
        "agency": assignment_a.agency,
        "criteria_set": small_criteria_set(valid_from=dt.date(2021, 1, 1)),
        "activity": SupportActivityFactory(
            assignment=assignment_a, amount=21_000_000, title="Tặng 600 bóng đèn"
        ),
        "report": MonthlyReportFactory(assignment=assignment_a),
        "user": UserFactory(username="lan.sct", role="agency_staff", agency=assignment_a.agency),
    }


PAGES = [
    ("dashboards:province_overview", None),
    ("dashboards:action_list", None),
    ("dashboards:national_overview", None),
    ("communes:commune_list", None),
    ("communes:commune_detail", "commune"),
    ("criteria:assessment_create", "commune"),
    ("criteria:criteria_set_list", None),
    ("criteria:criteria_set_detail", "criteria_set"),
    ("criteria:assessment_import", None),
    ("sponsorships:activity_list", None),
    ("sponsorships:activity_totals", None),
    ("sponsorships:activity_detail", "activity"),
    ("sponsorships:activity_create", "assignment"),
    ("sponsorships:activity_update", "activity"),
    ("sponsorships:agency_list", None),
    ("sponsorships:agency_detail", "agency"),
    ("sponsorships:agency_create", None),
    ("sponsorships:assignment_list", None),
    ("sponsorships:assignment_detail", "assignment"),
    ("sponsorships:assignment_create", None),
    ("sponsorships:communes_without_sponsor", None),
    ("sponsorships:monthly_report_list", None),
    ("sponsorships:monthly_report_detail", "report"),
    ("sponsorships:monthly_report_completeness", None),
    ("notification_list", None),
    ("accounts:user_list", None),
    ("accounts:user_create", None),
    ("accounts:user_import", None),
    ("accounts:user_detail", "user"),
    ("accounts:user_update", "user"),
    ("accounts:profile", None),
    ("accounts:token_list", None),
    ("account_change_password", None),
    ("mfa_index", None),
    ("usersessions_list", None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "arg"), PAGES, ids=[name for name, _ in PAGES])
def test_pages_are_english_in_english(english, coordination_office, portal_data, name, arg):
    english.force_login(coordination_office)
    url = reverse(name, args=[portal_data[arg].pk]) if arg else reverse(name)

    response = english.get(url)

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert vietnamese_left(response.content.decode()) == []


@pytest.mark.django_db
def test_the_agency_staff_home_is_english_in_english(english, agency_staff, portal_data):
    english.force_login(agency_staff)

    response = english.get(reverse("sponsorships:staff_home"))

    assert response.status_code == 200
    assert vietnamese_left(response.content.decode()) == []


@pytest.mark.django_db
def test_a_page_in_english_and_in_vietnamese(client, coordination_office, portal_data):
    client.force_login(coordination_office)
    url = reverse("communes:commune_list")

    vietnamese = client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()

    assert '<html lang="vi">' in vietnamese
    assert "Danh sách xã" in vietnamese
    assert "Communes" not in vietnamese
    assert '<html lang="en">' in english
    assert "Communes" in english
    assert "Danh sách xã" not in english


@pytest.mark.django_db
def test_the_language_menu_works_before_logging_in(client):
    """The menu is on the login page too: choosing English there must not need a login."""
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("account_login")}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_login")
    page = client.get(reverse("account_login")).content.decode()
    assert "Log in" in page
    assert "Đăng nhập" not in page


@pytest.mark.django_db
def test_sort_choices_follow_the_language(client, coordination_office, portal_data):
    client.force_login(coordination_office)
    url = reverse("sponsorships:activity_list")

    vietnamese = client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()

    assert "Ngày (giảm dần)" in vietnamese
    assert "Date (descending)" in english


# Money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"), [("vi", "21.000.000 đồng"), ("en", "21,000,000 VND")]
)
def test_money_is_grouped_and_named_in_the_active_language(language, expected):
    with translation.override(language):
        assert money(21_000_000) == expected


def test_money_renders_in_templates_in_both_languages():
    from django.template import Context, Template

    template = Template("{% load portal_tags %}{{ amount|money }}")
    with translation.override("en"):
        assert template.render(Context({"amount": 21_000_000})) == "21,000,000 VND"
    with translation.override("vi"):
        assert template.render(Context({"amount": 21_000_000})) == "21.000.000 đồng"
