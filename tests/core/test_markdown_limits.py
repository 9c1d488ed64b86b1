"""Defects 1 and 2 of issue 17: Markdown that made a public page hang or fail.

20,000 nested link brackets took about 80 s to render on each anonymous view of the project
page; a list nested 1,000 deep raised RecursionError (a 500). Markdown is now checked on write
(a French form error) and rendered once, stored as sanitised HTML: pages never parse it.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.core.markdown import markdown_problem, render
from fabrique.portfolio.importers.startups import import_startup_files
from fabrique.portfolio.models import Project
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

BRACKETS = "[" * 20_000 + "x" + "](y)" * 20_000
DEEP_LIST = "".join("  " * i + "- a\n" for i in range(1000))
OPEN_LINKS = "[a](" * 5000
# The same shapes, short enough to pass the length limit: the nesting limits refuse them.
SHORT_BRACKETS = "[" * 2_000 + "x" + "](y)" * 2_000
SHORT_DEEP_LIST = "".join("  " * i + "- a\n" for i in range(100))


@pytest.mark.parametrize(
    "text", [BRACKETS, DEEP_LIST, OPEN_LINKS, SHORT_BRACKETS, SHORT_DEEP_LIST, ">" * 500 + " a"]
)
def test_pathological_markdown_is_refused_in_french(text):
    problem = markdown_problem(text)
    assert problem and problem[0].isupper() and problem.endswith(".")


@pytest.mark.parametrize("text", [BRACKETS, DEEP_LIST, OPEN_LINKS])
def test_rendering_never_parses_what_is_over_the_limits(text):
    html = render(text)
    assert html.startswith("<p>") and "<a " not in html and "<li>" not in html


def test_ordinary_markdown_still_renders():
    html = render("## Titre\n\n- un\n  - deux\n\n[lien](https://example.org) **gras**")
    assert "<h2>Titre</h2>" in html and "<strong>gras</strong>" in html
    assert '<a href="https://example.org"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (BRACKETS, "trop long"),
        (SHORT_BRACKETS, "Trop de crochets"),
        (SHORT_DEEP_LIST, "imbriquées"),
    ],
)
def test_the_project_form_refuses_it_and_saves_nothing(client, text, reason):
    project = ProjectFactory(description="Avant")
    client.force_login(UserFactory(role=Role.INCUBATOR))
    response = client.post(
        reverse("portfolio:project-edit", args=[project.slug]),
        {"name": project.name, "kind": project.kind, "mission": "m", "description": text},
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    project.refresh_from_db()
    assert project.description == "Avant"


@pytest.mark.django_db
def test_import_startups_skips_the_file_with_the_reason(tmp_path: Path):
    folder = tmp_path / "startups"
    folder.mkdir()
    (folder / "piege.md").write_text(
        f"---\ntitle: Piège\nmission: Tester\n---\n\n{SHORT_BRACKETS}\n", encoding="utf-8"
    )
    report = import_startup_files([folder])
    assert not Project.objects.filter(slug="piege").exists()
    assert report.skipped and "Trop de crochets" in report.skipped[0][1]


@pytest.mark.django_db
def test_the_public_page_shows_the_stored_html_without_parsing(
    client, django_assert_max_num_queries
):
    project = ProjectFactory(description="**Gras**")
    assert project.description_html == "<p><strong>Gras</strong></p>"
    # A text written around the services (an old row, a bulk update) is never parsed on read.
    Project.objects.filter(pk=project.pk).update(description=BRACKETS + DEEP_LIST)
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert "<strong>Gras</strong>" in response.content.decode()


def test_one_text_never_leaks_into_the_next_one():
    """The parser is reused from text to text: a link reference defined in one text does not
    resolve a link of the next one, and the same text gives the same HTML every time."""
    with_reference = "Voir [le guide][g].\n\n[g]: https://example.org/guide"
    assert 'href="https://example.org/guide"' in render(with_reference)
    alone = render("Voir [le guide][g].")
    assert "href" not in alone and "[le guide][g]" in alone
    assert render(with_reference) == render(with_reference + "")
