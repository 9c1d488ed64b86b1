"""Issue 12: post-mortems were required to record an abandon but never displayed."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from fabrique.accounts.models import Role
from fabrique.portfolio import services
from fabrique.portfolio.exports import render_pdf, report_html
from fabrique.portfolio.selectors import annotated_projects, summarize
from tests.factories import UserFactory

from .factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_post_mortem_is_shown_with_its_author_to_everyone(client):
    author = UserFactory(role=Role.INCUBATOR, first_name="Anne", last_name="Roux")
    project = ProjectFactory(slug="navette")
    PhaseFactory(project=project, name="construction", start=date(2025, 1, 1))
    services.phase_save(
        project=project, name="abandon", start=date(2026, 2, 1), by=author,
        postmortem_reasons="Pas assez d'usagers dans les communes visées.",
        postmortem_learnings="Tester la demande avant de construire.",
    )  # fmt: skip
    html = client.get(reverse("portfolio:project", args=["navette"])).content.decode()
    assert "Post-mortem" in html and "Anne Roux" in html
    assert "Tester la demande avant de construire." in html


def test_the_post_mortem_is_in_the_pdf_report_with_who_wrote_it_and_when():
    author = UserFactory(role=Role.INCUBATOR, first_name="Anne", last_name="Roux")
    project = ProjectFactory(name="Navette")
    PhaseFactory(project=project, name="construction", start=date(2025, 1, 1))
    services.phase_save(
        project=project, name="abandon", start=date(2026, 2, 1), by=author,
        postmortem_reasons="Service repris par la région.",
        postmortem_learnings="Associer la région dès le départ.",
    )  # fmt: skip
    summaries = summarize(annotated_projects().filter(pk=project.pk))
    html = report_html(summaries, "Rapport", "Tous les projets.", date.today())
    assert "Associer la région dès le départ." in html and "Post-mortem à rédiger" not in html
    written = localtime(project.__class__.objects.get(pk=project.pk).postmortem_at)
    assert f"Post-mortem écrit par Anne Roux le {written:%d/%m/%Y}" in " ".join(html.split())
    assert render_pdf(html).write_pdf().startswith(b"%PDF-")
