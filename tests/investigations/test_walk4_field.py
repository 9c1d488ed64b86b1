"""Round-4 walk of the agent through the investigation programme, in Chromium."""

from datetime import date
from html import unescape
from io import BytesIO

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.investigations import exports, services
from tests.factories import UserFactory

from .factories import InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


def _pdf_text(investigation) -> str:
    content = exports.investigation_pdf(
        investigation=investigation,
        phases=list(investigation.phases.all()),
        days=list(investigation.days.all()),
        today=timezone.localdate(),
    )
    return " ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(content)).pages)


def test_summary_pdf_of_a_decided_investigation_states_the_decision_and_what_was_learnt():
    """The agent downloads the « synthèse PDF » of an investigation closed by its committee: the
    document must say the outcome (no-go, date), what was learnt and the committee's grid, as the
    page does — not stop at the phases as if the committee had not met."""
    investigation = InvestigationFactory(
        decision="no-go",
        decided_on=date(2026, 10, 28),
        learnings="Les familles préfèrent le guichet.",
        go_scores={"ampleur": 2, "temps": 1},
    )
    text = _pdf_text(investigation)
    assert "Décision du comité : No-go le 28/10/2026" in text
    assert "Les familles préfèrent le guichet." in text
    assert "Problème : ampleur : 2 / 5" in text
    assert "Équipe : autonomie : non noté" in text


def test_summary_pdf_before_the_committee_says_it_prepares_it():
    text = _pdf_text(InvestigationFactory())
    assert "Décision du comité" not in text


def test_the_scoring_filter_of_the_problem_list_is_offered_to_the_reviewers_only(client):
    """« Notation » (scoring open now or at the call's closing) is what the team examines; an
    agent, who never scores, is not offered it on « Problèmes »."""
    client.force_login(UserFactory(role=Role.AGENT))
    assert 'name="notation"' not in client.get(reverse("investigations:problems")).content.decode()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert 'name="notation"' in client.get(reverse("investigations:problems")).content.decode()


def test_deleting_a_problem_removes_its_attachments_files(django_capture_on_commit_callbacks):
    """The agent deletes a problem with a PDF attached: the file goes with it, as when one
    attachment is deleted (it stayed on the disk, unreachable and never purged)."""
    problem = ProblemFactory()
    attachment = services.attachment_add(
        problem=problem, upload=SimpleUploadedFile("compte-rendu.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.problem_delete(problem=problem)
    assert not storage.exists(name)


def test_the_confirmation_says_the_attachments_go_with_the_problem(client):
    problem = ProblemFactory()
    services.attachment_add(
        problem=problem, upload=SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("investigations:problem_delete", args=[problem.pk]))
    assert f"le problème « {problem} » et ses pièces jointes." in unescape(page.content.decode())


def test_who_suffers_reads_as_french_with_or_without_a_description(client):
    """« — (120 personnes) » when only the count was typed, « 1 personnes », « 1200 »: the
    count reads « 120 personnes », « 1 personne », « Familles (1 200 personnes) »."""
    client.force_login(UserFactory(role=Role.INCUBATOR))

    def shown(problem):
        page = client.get(problem.get_absolute_url()).content.decode()
        page = unescape(page).replace("\u202f", " ").replace("\xa0", " ")
        block = page.split("<dt>Qui en souffre</dt>", 1)[1].split("</dd>", 1)[0]
        return " ".join(block.replace("<dd>", "").split())

    assert shown(ProblemFactory(sufferers="", sufferers_count=120)) == "120 personnes"
    assert shown(ProblemFactory(sufferers="", sufferers_count=1)) == "1 personne"
    assert shown(ProblemFactory(sufferers="Familles", sufferers_count=1200)) == (
        "Familles (1 200 personnes)"
    )
    assert shown(ProblemFactory(sufferers="", sufferers_count=None)) == "—"
