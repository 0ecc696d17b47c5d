"""The shared form pieces: a checkbox or radio group is a fieldset with a legend, the error
summary lists every error with a link to its field and takes focus, and a month is typed and
shown as 11/2026 whatever the browser's language."""

import datetime as dt
import re
from pathlib import Path

from django import forms
from django.template.loader import render_to_string

from ntm_portal.forms import MonthInput, PeriodField

ROOT = Path(__file__).resolve().parents[2]


class SampleForm(forms.Form):
    name = forms.CharField(label="Tên")
    criteria = forms.MultipleChoiceField(
        label="Tiêu chí",
        choices=[("1", "Quy hoạch"), ("2", "Giao thông")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    stage = forms.ChoiceField(
        label="Giai đoạn", choices=[("a", "Tự đánh giá")], widget=forms.RadioSelect
    )
    period = PeriodField(label="Kỳ")


def field_html(form, name):
    return render_to_string("includes/_field.html", {"field": form[name]})


def test_a_checkbox_group_is_a_fieldset_named_by_its_legend():
    html = field_html(SampleForm(), "criteria")

    assert html.lstrip().startswith('<fieldset class="field" id="id_criteria"')
    assert "<legend>Tiêu chí</legend>" in html
    assert '<label for="">' not in html


def test_a_radio_group_is_a_fieldset_too():
    html = field_html(SampleForm(), "stage")

    assert "<fieldset" in html
    assert "<legend>Giai đoạn</legend>" in html


def test_a_text_field_keeps_its_label():
    html = field_html(SampleForm(), "name")

    assert '<label for="id_name">Tên</label>' in html
    assert "<fieldset" not in html


def test_the_error_summary_links_each_error_to_its_field_and_takes_focus():
    form = SampleForm(data={"name": "", "stage": "x", "period": "13/2026"})
    form.is_valid()

    html = render_to_string("includes/_form_errors.html", {"form": form})

    links = re.findall(r'<a href="#(id_\w+)">([^<]+)</a>', html)
    assert [target for target, _text in links] == ["id_name", "id_stage", "id_period"]
    assert "Kỳ: Nhập kỳ theo dạng tháng/năm, ví dụ 10/2026." in html
    assert 'tabindex="-1"' in html
    assert "data-focus" in html


def test_the_focus_script_is_a_static_file_loaded_by_every_page():
    base = (ROOT / "templates" / "base.html").read_text()
    script = (ROOT / "static" / "js" / "form-errors.js").read_text()

    assert "{% static 'js/form-errors.js' %}" in base
    assert ".form-errors[data-focus]" in script
    assert "focus()" in script


def test_a_month_is_a_text_box_showing_mm_yyyy():
    form = SampleForm(initial={"period": dt.date(2026, 11, 1)})

    html = str(form["period"])

    assert 'type="text"' in html
    assert 'value="11/2026"' in html
    assert 'inputmode="numeric"' in html
    assert 'type="month"' not in html


def test_a_month_from_a_link_is_shown_as_mm_yyyy_and_cleans_the_same():
    form = SampleForm(data={"name": "x", "stage": "a", "period": "2026-11"})

    assert 'value="11/2026"' in str(form["period"])
    assert form.is_valid()
    assert form.cleaned_data["period"] == dt.date(2026, 11, 1)


def test_no_form_or_filter_uses_the_browsers_month_picker():
    # The native picker shows English month names or "--------- ----": MonthInput everywhere.
    sources = [
        p
        for p in ROOT.glob("*/**/*.py")
        if ".venv" not in p.parts and "tests" not in p.parts and "migrations" not in p.parts
    ]
    offenders = [
        str(p) for p in sources if re.search(r"[\"']type[\"']:\s*[\"']month", p.read_text())
    ]
    templates = [
        str(p) for p in (ROOT / "templates").rglob("*.html") if 'type="month"' in p.read_text()
    ]
    assert offenders == []
    assert templates == []
    assert isinstance(PeriodField().widget, MonthInput)
