"""Form helpers shared by every app: DSFR rendering for model forms, service errors on fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from .dates import day_off

# The empty choice of a list, as the DSFR writes it (Django's is « --------- »).
EMPTY_CHOICE_LABEL = "Sélectionner une option"
DJANGO_EMPTY_LABEL = "---------"


# Django's « Saisissez une URL valide. » does not say what to fix.
URL_INVALID = (
    "Saisissez une adresse web complète, sans espace, par exemple https://www.exemple.fr/page."
)


def french_empty_choice(formfield) -> None:
    """A list starts with « Sélectionner une option », as the DSFR writes it, not « --------- »."""
    if hasattr(formfield, "empty_label"):
        # Model lists and django-filter's lists draw their empty choice from `empty_label`.
        if formfield.empty_label == DJANGO_EMPTY_LABEL:
            formfield.empty_label = EMPTY_CHOICE_LABEL
    elif isinstance(formfield, forms.ChoiceField):
        formfield.choices = [
            (value, EMPTY_CHOICE_LABEL if value == "" and label == DJANGO_EMPTY_LABEL else label)
            for value, label in formfield.choices
        ]


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    formfield = field.formfield(**kwargs)
    if isinstance(formfield, forms.URLField):
        formfield.error_messages["invalid"] = URL_INVALID
    if formfield is not None:
        french_empty_choice(formfield)
    return formfield


class DsfrForm(DsfrBaseForm):
    """A form (not a model's) rendered with the DSFR components, its lists starting with
    « Sélectionner une option » as those of `DsfrModelForm` do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for formfield in self.fields.values():
            french_empty_choice(formfield)


class DsfrModelForm(DsfrBaseForm, forms.ModelForm):
    """A ModelForm rendered with the DSFR components; addresses typed without scheme are https."""

    class Meta:
        formfield_callback = _formfield


def set_help_text(form: forms.BaseForm, name: str, text: str) -> None:
    """Give field `name` of a built form the hint `text`: a DSFR form draws its fields as soon as
    it is built, and each drawn field keeps the hint it had then, so a hint set afterwards on
    `form.fields[name]` alone never shows. Call it in `__init__`, after `super().__init__()`."""
    form.fields[name].help_text = text
    form[name].help_text = text


class HoneypotMixin(forms.Form):
    """A public form's trap for robots: a field hidden from people (drawn by
    `components/form_fields.html`), which a robot fills. The view answers as if all went well
    and keeps nothing when `is_robot(cleaned_data)`."""

    website = forms.CharField(required=False, label="Ne pas remplir ce champ")

    @staticmethod
    def is_robot(cleaned_data) -> bool:
        return bool(cleaned_data.get("website"))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)


def ask_files_again(form: forms.BaseForm) -> None:
    """A browser never fills a file input again: when `form` is refused (it has errors), say on
    each of its file fields whose file was sent that it must be chosen again, with its name, so
    that nobody sends the form a second time without it. A field already in error (a file too
    large, of a wrong kind) says what to do itself. Call it only on a refused POST."""
    if not form.is_bound or not form.errors:
        return
    for name, field in form.fields.items():
        if not isinstance(field, forms.FileField) or name in form.errors:
            continue
        key = form.add_prefix(name)
        sent = form.files.getlist(key) if hasattr(form.files, "getlist") else [form.files.get(key)]
        names = [upload.name for upload in sent if upload]
        if not names:
            continue
        shown = ", ".join(f"« {file_name} »" for file_name in names)
        if len(names) == 1:
            text = (
                f"Joignez de nouveau votre fichier ({shown}) : "
                "il n'est pas gardé quand le formulaire est refusé."
            )
        else:
            text = (
                f"Joignez de nouveau vos fichiers ({shown}) : "
                "ils ne sont pas gardés quand le formulaire est refusé."
            )
        form.add_error(name, text)


END_AFTER_START = "La fin doit être postérieure ou égale au début."


class DateRangeMixin:
    """Say at the end field, in French, that a period ends before it starts."""

    date_range = ("start", "end")

    def clean(self):
        data = super().clean()
        start_field, end_field = self.date_range
        start, end = data.get(start_field), data.get(end_field)
        if start and end and end < start:
            self.add_error(end_field, END_AFTER_START)
        return data


# --- Plausible dates ----------------------------------------------------------------------

EARLIEST_YEAR = 2000
LATEST_YEARS_AHEAD = 10


def implausible_date(day, today) -> str | None:
    """Why a date looks mistyped (01/01/0001, 2206…), in French, or None."""
    if day is None:
        return None
    shown = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"  # strftime drops year 1's zeros
    if day.year < EARLIEST_YEAR:
        return f"Date peu plausible ({shown}) : avant {EARLIEST_YEAR}."
    if day.year > today.year + LATEST_YEARS_AHEAD:
        return f"Date peu plausible ({shown}) : plus de {LATEST_YEARS_AHEAD} ans dans le futur."
    return None


class PlausibleDatesMixin(forms.Form):
    """Refuse implausible dates in `plausible_date_fields` (by default every date field of the
    form), and days off (`core.dates.day_off`: a Sunday, a public holiday) in
    `working_day_fields` (the day of an event people attend), unless « Je confirme cette date
    inhabituelle » is ticked. The box shows only once a date needs confirming: an ordinary date
    asks nothing. A form adds its own unusual dates (a start before the request…) in
    `unusual_dates`; `dates_confirmed` says, after `clean`, whether the box was ticked."""

    plausible_date_fields: tuple[str, ...] = ()
    working_day_fields: tuple[str, ...] = ()
    confirm_dates = forms.BooleanField(label="Je confirme cette date inhabituelle", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Out of the form until `clean` finds a date to confirm (kept, styled, for then), so
        # that no template draws it; in it, after the dates, once it was shown and sent.
        self._confirm_box = self.fields.pop("confirm_dates")
        self.dates_confirmed = False
        if self.is_bound and self.add_prefix("confirm_dates") in self.data:
            self.fields["confirm_dates"] = self._confirm_box

    def clean(self):
        cleaned = super().clean()
        # Not a field of the record: views pass cleaned_data to services as it is.
        confirmed = cleaned.pop("confirm_dates", False)
        self.dates_confirmed = bool(confirmed)
        today = timezone.localdate()
        names = self.plausible_date_fields or [
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.DateField | forms.DateTimeField)
        ]
        problems = {
            name: problem
            for name in names
            if (problem := implausible_date(cleaned.get(name), today))
        }
        for name in self.working_day_fields:
            if name not in problems and (off := day_off(cleaned.get(name))):
                problems[name] = f"Cette date tombe {off}."
        for name, problem in self.unusual_dates(cleaned).items():
            problems.setdefault(name, problem)
        if problems:
            self.fields.setdefault("confirm_dates", self._confirm_box)
        if confirmed:
            return cleaned
        for name, problem in problems.items():
            self.add_error(
                name, f"{problem} Corrigez-la, ou cochez « Je confirme cette date inhabituelle »."
            )
        return cleaned

    def unusual_dates(self, cleaned) -> dict[str, str]:
        """{field: why its date is unusual, in French} for the form's own rules: refused unless
        confirmed, as an implausible date is."""
        return {}
