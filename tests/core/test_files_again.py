"""A refused form asks for its files again: a browser never fills a file input twice."""

from html import unescape

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from dsfr.forms import DsfrBaseForm

from fabrique.core.forms import ask_files_again
from fabrique.core.views_helpers import form_page


class UploadForm(DsfrBaseForm):
    title = forms.CharField()
    file = forms.FileField(required=False)


def upload(name="cv.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n", content_type="application/pdf")


def test_a_refused_form_asks_for_its_file_again_by_name():
    form = UploadForm(data={"title": ""}, files={"file": upload()})
    assert not form.is_valid()
    ask_files_again(form)
    assert form.errors["file"] == [
        "Joignez de nouveau votre fichier (« cv.pdf ») : "
        "il n'est pas gardé quand le formulaire est refusé."
    ]


def test_nothing_is_said_when_the_form_is_valid_or_no_file_was_sent():
    valid = UploadForm(data={"title": "Rapport"}, files={"file": upload()})
    assert valid.is_valid()
    ask_files_again(valid)
    assert valid.is_valid() and "file" not in valid.errors
    without_file = UploadForm(data={"title": ""})
    without_file.is_valid()
    ask_files_again(without_file)
    assert "file" not in without_file.errors


def test_a_file_already_refused_keeps_its_own_message_only():
    form = UploadForm(data={"title": ""}, files={"file": upload()})
    form.is_valid()
    form.add_error("file", "Seuls les documents PDF ou ODT sont acceptés.")
    ask_files_again(form)
    assert form.errors["file"] == ["Seuls les documents PDF ou ODT sont acceptés."]


@pytest.mark.django_db
def test_form_page_asks_for_the_file_again_after_a_refusal_of_the_service():
    from django.core.exceptions import ValidationError

    request = RequestFactory().post("/", {"title": "Rapport", "file": upload("note.odt")})
    request.session = SessionBase()
    request._messages = FallbackStorage(request)

    def save(data):
        raise ValidationError({"title": "Ce titre est déjà pris."})

    form = UploadForm(request.POST, request.FILES)
    response = form_page(request, form, save=save, title="Déposer", back_url="/")
    page = unescape(response.content.decode())
    assert "Ce titre est déjà pris." in page
    assert "Joignez de nouveau votre fichier (« note.odt »)" in page
