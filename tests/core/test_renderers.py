"""The form renderer writes `<select>` lists itself: the same markup as Django's templates."""

from django import forms
from dsfr.forms import DsfrDjangoTemplates

from fabrique.core.forms import DsfrModelForm
from fabrique.core.renderers import FormRenderer


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Tous"), ("a", "A & <b>"), ("b", 'Dit "b"')])
    grouped = forms.ChoiceField(
        required=False,
        choices=[("", "—"), ("Sud", [("13", "Bouches-du-Rhône"), ("83", "Var")]), ("x", "X")],
    )
    several = forms.MultipleChoiceField(choices=[("1", "Un"), ("2", "Deux"), ("3", "Trois")])
    locked = forms.ChoiceField(choices=[("o", "Oui"), ("n", "Non")], disabled=True)


def rendered(renderer, data):
    form = Choices(data, renderer=renderer)
    return {name: str(form[name]) for name in form.fields}


def test_select_markup_is_the_template_markup():
    for data in (None, {"plain": "a", "grouped": "83", "several": ["1", "3"], "locked": "n"}):
        reference = rendered(DsfrDjangoTemplates(), data)
        fast = rendered(FormRenderer(), data)
        assert fast == reference
    assert 'value="83" selected' in fast["grouped"]
    assert "A &amp; &lt;b&gt;" in fast["plain"]
    assert 'name="several" required id="id_several" multiple' in fast["several"]


def test_the_site_forms_use_it():
    class Form(DsfrModelForm):
        class Meta:
            from fabrique.territories.models import Region

            model = Region
            fields = ["name"]

    assert isinstance(Form().renderer, FormRenderer)
