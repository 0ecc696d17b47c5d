import pytest
from django import forms

from communes.models import Commune
from ntm_portal.widgets import LongSelect
from tests.communes.factories import CommuneFactory


@pytest.mark.django_db
def test_long_select_renders_the_same_choices_as_a_django_select():
    first, second = CommuneFactory(name="Xuân Lạc"), CommuneFactory(name="Bành Trạch & <Pác Châm>")

    class Plain(forms.Form):
        commune = forms.ModelChoiceField(queryset=Commune.objects.order_by("pk"), required=False)

    class Long(forms.Form):
        commune = forms.ModelChoiceField(
            queryset=Commune.objects.order_by("pk"), required=False, widget=LongSelect
        )

    plain = str(Plain({"commune": second.pk})["commune"])
    long = str(Long({"commune": second.pk})["commune"])

    assert long.count("<option") == plain.count("<option") == 3
    assert f'<option value="{second.pk}" selected>' in long
    assert f'<option value="{first.pk}">' in long
    assert "Bành Trạch &amp; &lt;Pác Châm&gt;" in long
    assert 'name="commune"' in long
    assert 'id="id_commune"' in long


def test_long_select_renders_groups_and_an_empty_choice():
    widget = LongSelect(choices=[("", "Tất cả"), ("Huyện Ba Bể", [("1", "Xã A"), ("2", "Xã B")])])

    html = widget.render("commune", "2", attrs={"id": "id_commune"})

    assert '<option value="" >' not in html
    assert '<option value="">Tất cả</option>' in html
    assert (
        '<optgroup label="Huyện Ba Bể"><option value="1">Xã A</option><option value="2" selected>'
        in html
    )
