"""Vietnamese for django-allauth: complete, faithful, compiled and loaded.

allauth ships no Vietnamese, and the portal's own msgids are Vietnamese, so locale/vi holds only
allauth's strings (see the comment at the top of its django.po). The msgids are re-extracted here
from the installed allauth, in pure Python (Django's own templatize for the templates, ast for
the Python files), so an allauth upgrade that adds or changes a string fails these tests on any
machine, with or without the gettext tools, until locale/vi/refresh_allauth.sh is run and the new
entries are translated. Nothing here needs allauth in INSTALLED_APPS: Django loads LOCALE_PATHS
catalogues for every language whatever the apps.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation.template import templatize

from tests.ntm_portal.test_i18n import assert_compiled_like, assert_msgfmt_accepts, po_entries

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
VIETNAMESE = re.compile(r"[À-ỹĐđ]")

# The parts of allauth the portal deploys; socialaccount, headless, idp, openid, saml and the
# providers are left out. Keep in step with locale/vi/refresh_allauth.sh.
PYTHON_PARTS = ("account", "mfa", "usersessions", "core")
TEMPLATE_PARTS = ("account", "mfa", "usersessions", "allauth")

# Placeholders and markup a translation must carry over unchanged.
KEPT = re.compile(r"%%|%\(\w+\)[sd]|%[sd]|\{\w+\}|</?[a-z]+[^>]*>")


def key(entry: dict) -> tuple[str | None, str, str | None]:
    return entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")


# Extraction -----------------------------------------------------------------------------------

# Keyword -> positions of (context, singular, plural), as makemessages passes them to xgettext.
KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# templatize() turns a template into Python-like text whose calls hold the msgids as literals
# (gettext(u'…'), _("…"), ngettext(u'…', u'…', count)); the text around them is not Python.
TEMPLATE_CALL = re.compile(
    r"\b(_|gettext|pgettext|ngettext|npgettext)\("
    r"((?:\s*u?(?:'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")\s*,?)+)"
)
TEMPLATE_STRING = re.compile(r"u?('(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")")


def _message(name: str, args: list[str | None]) -> tuple[str | None, str, str | None] | None:
    positions = KEYWORDS[name]
    values = [None if i is None or i >= len(args) else args[i] for i in positions]
    if any(i is not None and value is None for i, value in zip(positions, values, strict=True)):
        return None  # an argument that is not a literal, as in _(variable): xgettext skips it too
    return values[0], values[1], values[2]


def python_messages(source: str, filename: str) -> set[tuple]:
    messages = set()
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in KEYWORDS:
            continue
        args = [
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            for arg in node.args
        ]
        message = _message(name, args)
        if message:
            messages.add(message)
    return messages


def template_messages(source: str, filename: str) -> set[tuple]:
    messages = set()
    for match in TEMPLATE_CALL.finditer(templatize(source, origin=filename)):
        args = [ast.literal_eval(text) for text in TEMPLATE_STRING.findall(match.group(2))]
        message = _message(match.group(1), args)
        if message:
            messages.add(message)
    return messages


def allauth_dir() -> Path:
    spec = importlib.util.find_spec("allauth")
    assert spec is not None, "django-allauth is not installed"
    return Path(spec.origin).parent


def allauth_messages() -> set[tuple]:
    """(msgctxt, msgid, msgid_plural) of every string the deployed parts of allauth translate."""
    base = allauth_dir()
    messages = set()
    for part in PYTHON_PARTS:
        for path in sorted((base / part).rglob("*.py")):
            if "tests" not in path.relative_to(base).parts:
                messages |= python_messages(path.read_text(encoding="utf-8"), str(path))
    for part in TEMPLATE_PARTS:
        for path in sorted((base / "templates" / part).rglob("*")):
            if path.suffix in (".html", ".txt"):
                messages |= template_messages(path.read_text(encoding="utf-8"), str(path))
    return messages


# Until django-allauth is a declared requirement, a checkout without it skips the comparison with
# allauth's sources; once requirements.txt names it, a missing allauth fails instead.
_DECLARED = re.search(
    r"^django-allauth\b", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M | re.I
)
needs_allauth = pytest.mark.skipif(
    importlib.util.find_spec("allauth") is None and not _DECLARED,
    reason="django-allauth is not installed (nor yet in requirements.txt)",
)


# The catalogue --------------------------------------------------------------------------------


def test_the_catalogue_is_vietnamese_with_one_plural_form():
    header = PO.read_text(encoding="utf-8").split("\n\n", 1)[0]

    assert '"Language: vi\\n"' in header
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in header
    assert "refresh_allauth.sh" in header  # the note on how to refresh it


def test_the_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = po_entries(PO)

    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    extra_forms = [e["msgid"] for e in entries if set(e["msgstr"]) != {0}]

    assert len(entries) > 250  # the parser read the whole file
    assert untranslated == []
    assert fuzzy == []
    assert extra_forms == []  # Vietnamese has a single plural form


def test_the_catalogue_holds_only_allauths_english_msgids():
    """A `makemessages -l vi` over the project would pour the portal's Vietnamese msgids in."""
    vietnamese = [e["msgid"] for e in po_entries(PO) if VIETNAMESE.search(e["msgid"])]

    assert vietnamese == []


def test_translations_keep_every_placeholder_and_tag():
    for entry in po_entries(PO):
        for source in filter(None, (entry["msgid"], entry.get("msgid_plural"))):
            expected = sorted(KEPT.findall(source))
            for text in entry["msgstr"].values():
                assert sorted(KEPT.findall(text)) == expected, entry["msgid"]


def test_no_msgstr_is_a_copy_of_its_english_msgid():
    """Catches a msgid pasted as its own translation; only a word Vietnamese borrows may stay."""
    borrowed = {"Menu:"}
    copied = [
        e["msgid"]
        for e in po_entries(PO)
        if e["msgstr"][0] == e["msgid"] and e["msgid"] not in borrowed
    ]

    assert copied == []


def test_the_committed_mo_file_matches_the_catalogue():
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    # + the header: nothing stale left in the .mo
    assert len(catalog._catalog) == len(po_entries(PO)) + 1
    assert_compiled_like(PO, MO, plural_index=lambda count: 0)  # Vietnamese: one form


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext tools not installed")
def test_msgfmt_accepts_the_catalogue():
    assert_msgfmt_accepts(PO)


# Against allauth's sources --------------------------------------------------------------------


@needs_allauth
def test_every_allauth_msgid_in_the_deployed_parts_is_in_the_catalogue():
    catalogue = {key(e) for e in po_entries(PO)}

    missing = allauth_messages() - catalogue

    assert missing == set(), "run locale/vi/refresh_allauth.sh and translate the new entries"


@needs_allauth
def test_the_catalogue_has_no_msgid_allauth_no_longer_uses():
    stale = {key(e) for e in po_entries(PO)} - allauth_messages()

    assert stale == set(), "run locale/vi/refresh_allauth.sh (it drops obsolete entries)"


def test_the_extractor_reads_templates_like_makemessages():
    source = (
        '{% load i18n %}{% translate "Sign In" %}{% translate "Login" context "field label" %}'
        "{% blocktranslate trimmed with period=p %}\n  Trust for {{ period }}\n"
        "{% endblocktranslate %}{% element badge title=_('A \"key\".') %}{% endelement %}"
        "{% blocktranslate count count=n %}{{ count }} key.{% plural %}{{ count }} keys."
        "{% endblocktranslate %}"
    )

    assert template_messages(source, "t.html") == {
        (None, "Sign In", None),
        ("field label", "Login", None),
        (None, "Trust for %(period)s", None),
        (None, 'A "key".', None),
        (None, "%(count)s key.", "%(count)s keys."),
    }


def test_the_extractor_reads_python_like_makemessages():
    source = (
        "from django.utils.translation import gettext_lazy as _, pgettext, ngettext\n"
        "a = _('Password')\nb = pgettext('field label', 'Login')\n"
        "c = ngettext('%d key', '%d keys', n)\nd = _(variable)\n"
        "e = translation.gettext('Implicit' ' join')\n"
    )

    assert python_messages(source, "x.py") == {
        (None, "Password", None),
        ("field label", "Login", None),
        (None, "%d key", "%d keys"),
        (None, "Implicit join", None),
    }


# Loaded by Django -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Sign In", "Đăng nhập"),
        ("Sign Out", "Đăng xuất"),
        ("Password", "Mật khẩu"),
        ("Username", "Tên đăng nhập"),
        ("Incorrect code.", "Mã không đúng."),
        ("Recovery Codes", "Mã khôi phục"),
        ("Two-Factor Authentication", "Xác thực hai yếu tố"),
        ("Sign Out Other Sessions", "Đăng xuất khỏi các phiên khác"),
    ],
)
def test_allauth_strings_are_vietnamese_in_vietnamese(msgid, expected):
    with translation.override("vi"):
        assert translation.gettext(msgid) == expected
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_context_and_plural_entries_are_vietnamese():
    plural = "You have added %(count)s security key."
    with translation.override("vi"):
        assert translation.pgettext("field label", "Login") == "Tài khoản đăng nhập"
        assert translation.pgettext("action", "Change Phone") == "Đổi số điện thoại"
        for count in (1, 3):
            text = translation.ngettext(plural, "You have added %(count)s security keys.", count)
            assert text % {"count": count} == f"Bạn đã thêm {count} khóa bảo mật."


def test_allauth_template_tags_render_in_vietnamese():
    template = Template(
        "{% load i18n %}{% translate 'Sign In' %} | "
        "{% blocktranslate with period=days %}Trust for {{ period }}{% endblocktranslate %}"
    )

    with translation.override("vi"):
        html = template.render(Context({"days": "30 ngày"}))

    assert html == "Đăng nhập | Tin cậy trong 30 ngày"
