"""Leftovers, round 7b: loading the demo sends no e-mail (it printed two on the console)."""

from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)  # autocommit, as `make setup`: on_commit e-mails run
def test_load_demo_sends_no_email(territories):
    backend = settings.EMAIL_BACKEND
    call_command("load_demo", stdout=StringIO())
    assert mail.outbox == []
    assert backend == settings.EMAIL_BACKEND  # the backend is given back
