"""Forms of the needs: scoring a need, placing it by hand, and its follow-up after the
deliverable."""

from django import forms

from fabrique.core.forms import DsfrForm

from ..vocabulary import SCORE_MAX, FollowUpState, NeedTheme

SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MAX + 1)]


class NeedForm(DsfrForm):
    title = forms.CharField(label="Besoin", max_length=300)
    theme = forms.ChoiceField(label="Thème", choices=NeedTheme.choices)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
    )  # fmt: skip

    def __init__(self, *args, grid: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        for key, criterion in grid.items():
            self.fields[f"score_{key}"] = forms.TypedChoiceField(
                label=f"{criterion['label']} (poids {criterion['weight']})",
                coerce=int,
                choices=SCORE_CHOICES,
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "theme": data["theme"],
            "description": data["description"],
            "scores": {key: data[f"score_{key}"] for key in self.grid},
        }


class PlaceForm(DsfrForm):
    # 1 to the number of needs: checked by the service (`rules.position_problem`).
    position = forms.IntegerField(label="Rang choisi", required=False)
    justification = forms.CharField(
        label="Justification (montrée dans le livrable)", required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class FollowUpForm(DsfrForm):
    """One state and one note per need: a need left without state is not recorded."""

    def __init__(self, *args, needs, recorded=None, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = recorded or {}
        self.needs = list(needs)
        for need in self.needs:
            previous = recorded.get(need.pk)
            recommended = ", ".join(c.name for c in getattr(need, "recommendations", ()))
            self.fields[f"state_{need.pk}"] = forms.ChoiceField(
                label=f"« {need.title} »"
                + (f" (recommandé : {recommended})" if recommended else "")
                + " : état",
                choices=[("", "— non relevé —"), *FollowUpState.choices],
                required=False,
                initial=previous.state if previous else "",
            )
            self.fields[f"note_{need.pk}"] = forms.CharField(
                label="Motif de l'abandon ou blocage",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=previous.note if previous else "",
            )

    def states(self) -> dict:
        data = self.cleaned_data
        return {
            need.pk: (data[f"state_{need.pk}"], data[f"note_{need.pk}"])
            for need in self.needs
            if data.get(f"state_{need.pk}")
        }
