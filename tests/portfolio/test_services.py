import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fabrique.accounts.models import Role
from fabrique.portfolio import services
from fabrique.portfolio.models import CommitteeDocument, Decision, FundingLine, Phase, Project

from ..factories import CommuneFactory
from .factories import CommitteeFactory, ProjectFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_starting_a_phase_closes_the_open_one():
    project = ProjectFactory()
    services.phase_save(project=project, name="investigation", start=date(2025, 1, 6))
    services.phase_save(project=project, name="construction", start=date(2025, 3, 3))
    phases = list(project.phases.values_list("name", "start", "end"))
    assert phases == [
        ("investigation", date(2025, 1, 6), date(2025, 3, 3)),
        ("construction", date(2025, 3, 3), None),
    ]


def test_overlapping_phase_is_refused_and_nothing_saved():
    project = ProjectFactory()
    services.phase_save(
        project=project, name="construction", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    with pytest.raises(ValidationError) as error:
        services.phase_save(project=project, name="acceleration", start=date(2025, 6, 1))
    assert "se chevauchent" in str(error.value.message_dict["start"])
    assert project.phases.count() == 1


def test_reversed_phase_is_refused_on_its_end_field():
    project = ProjectFactory()
    with pytest.raises(ValidationError) as error:
        services.phase_save(
            project=project, name="construction", start=date(2025, 6, 1), end=date(2025, 1, 1)
        )
    assert error.value.message_dict["end"] == ["La fin doit être postérieure ou égale au début."]


def test_unknown_phase_name_is_refused():
    with pytest.raises(ValidationError) as error:
        services.phase_save(project=ProjectFactory(), name="pérennisation", start=date(2025, 1, 1))
    assert "Phase inconnue" in error.value.message_dict["name"][0]


def test_nothing_after_a_terminal_phase():
    project = ProjectFactory()
    services.phase_save(project=project, name="construction", start=date(2024, 1, 1))
    services.phase_save(project=project, name="transfere", start=date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.phase_save(project=project, name="acceleration", start=date(2025, 6, 1))
    assert "suit la phase terminale « Transféré »" in str(error.value)
    assert project.phases.count() == 2


def test_abandon_requires_a_post_mortem():
    project = ProjectFactory()
    services.phase_save(project=project, name="construction", start=date(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.phase_save(project=project, name="abandon", start=date(2025, 1, 1))
    assert set(error.value.message_dict) == {"postmortem_learnings", "postmortem_reasons"}
    assert not project.phases.filter(name="abandon").exists()
    assert project.phases.get().end is None  # the open phase was not closed either
    services.phase_save(
        project=project,
        name="abandon",
        start=date(2025, 1, 1),
        postmortem_learnings="Les mairies avaient déjà un outil du marché.",
        postmortem_reasons="Pas d'usage après 6 mois.",
    )
    project.refresh_from_db()
    assert project.has_postmortem
    assert project.phases.filter(name="abandon").exists()


def test_decision_needs_the_project_on_the_agenda_and_a_positive_amount():
    on_agenda, absent = ProjectFactory(), ProjectFactory()
    committee = CommitteeFactory(projects=[on_agenda])
    with pytest.raises(ValidationError) as error:
        services.decision_record(committee=committee, project=absent, outcome="continuer")
    assert "n'est pas à l'ordre du jour" in error.value.message_dict["project"][0]
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            committee=committee, project=on_agenda, outcome="continuer", amount=Decimal(-5)
        )
    assert "négatif" in error.value.message_dict["amount"][0]
    assert not Decision.objects.exists()


def test_granted_amount_becomes_funding_and_follows_a_changed_decision():
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project], date=date(2026, 3, 1))
    services.decision_record(
        committee=committee, project=project, outcome="accelerer", amount=Decimal(300_000)
    )
    line = FundingLine.objects.get(project=project)
    assert (line.amount, line.start) == (Decimal(300_000), date(2026, 3, 1))
    services.decision_record(
        committee=committee,
        project=project,
        outcome="continuer",
        amount=Decimal(150_000),
        replace=True,
    )
    assert list(FundingLine.objects.values_list("amount", flat=True)) == [Decimal(150_000)]
    services.decision_record(
        committee=committee, project=project, outcome="arreter", amount=Decimal(0), replace=True
    )
    assert not FundingLine.objects.exists()
    assert Decision.objects.get().outcome == "arreter"


def test_a_second_decision_is_never_a_silent_replacement():
    """Issue 12: it replaced the first one (and its funding line) without a word."""
    project = ProjectFactory(name="Cantine")
    committee = CommitteeFactory(projects=[project], date=date(2026, 3, 1))
    services.decision_record(
        committee=committee, project=project, outcome="accelerer", amount=Decimal(300_000)
    )
    with pytest.raises(ValidationError) as error:
        services.decision_record(committee=committee, project=project, outcome="arreter")
    message = error.value.message_dict["replace"][0]
    assert "déjà une décision pour « Cantine »" in message and "300" in message
    assert Decision.objects.get().outcome == "accelerer"
    assert FundingLine.objects.get().amount == Decimal(300_000)


def test_deleting_a_decision_removes_its_funding_line():
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project])
    decision = services.decision_record(
        committee=committee, project=project, outcome="accelerer", amount=Decimal(1000)
    )
    services.decision_delete(decision=decision)
    assert not Decision.objects.exists() and not FundingLine.objects.exists()
    assert Decision.history.filter(history_type="-").count() == 1


def test_a_project_with_a_decision_cannot_leave_the_committee():
    project, other = ProjectFactory(), ProjectFactory()
    committee = CommitteeFactory(projects=[project, other])
    services.decision_record(committee=committee, project=project, outcome="continuer")
    with pytest.raises(ValidationError):
        services.committee_save(
            date=committee.date, kind=committee.kind, projects=[other], committee=committee
        )
    assert set(committee.projects.all()) == {project, other}


def _odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        (
            "compte-rendu.pdf",
            b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            "application/pdf",
        ),
        ("note.odt", _odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_pdf_and_odt_documents_are_accepted_by_content(name, content, kind):
    committee = CommitteeFactory()
    document = services.committee_document_add(
        committee=committee, upload=SimpleUploadedFile(name, content)
    )
    assert document.content_type == kind
    assert document.size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("faux.pdf", b"MZ\x90\x00 un executable", "Seuls les documents PDF et ODT"),
        ("tableur.ods", b"PK\x03\x04 pas un odt", "Seuls les documents PDF et ODT"),
        ("enorme.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "trop volumineux"),
    ],
)
def test_other_or_oversized_uploads_are_refused(name, content, message):
    committee = CommitteeFactory()
    with pytest.raises(ValidationError) as error:
        services.committee_document_add(
            committee=committee, upload=SimpleUploadedFile(name, content)
        )
    assert message in error.value.message_dict["file"][0]
    assert not CommitteeDocument.objects.exists()


def test_service_fait_only_for_freelancers_and_without_overlap(django_user_model):
    staff = django_user_model.objects.create_user("equipe@exemple.gouv.fr", role="incubateur")
    agent_member = TeamMemberFactory(is_freelance=False)
    with pytest.raises(ValidationError):
        services.service_fait_save(
            member=agent_member, period_start=date(2026, 9, 1), period_end=date(2026, 9, 30)
        )
    freelance = TeamMemberFactory(is_freelance=True)
    period = services.service_fait_save(
        member=freelance, period_start=date(2026, 9, 1), period_end=date(2026, 9, 30)
    )
    with pytest.raises(ValidationError) as error:
        services.service_fait_save(
            member=freelance, period_start=date(2026, 9, 15), period_end=date(2026, 10, 15)
        )
    assert "chevauche" in error.value.message_dict["period_start"][0]
    services.service_fait_attest(period=period, by=staff)
    period.refresh_from_db()
    assert period.attested_by == staff and period.attested_at
    with pytest.raises(ValidationError):
        services.service_fait_attest(period=period, by=staff)


def test_project_history_is_kept():
    project = ProjectFactory(name="Avant", mission="Les démarches d'état civil")
    services.project_save(name="Après", kind=project.kind, project=project)
    assert [h.name for h in project.history.order_by("history_date")] == ["Avant", "Après"]
    project.refresh_from_db()
    assert project.mission == "Les démarches d'état civil"  # fields not given are kept


def test_slug_is_derived_and_unique():
    first = services.project_save(name="État civil en ligne", kind="startup-territoire")
    second = services.project_save(name="État civil en ligne", kind="startup-territoire")
    assert (first.slug, second.slug) == ("etat-civil-en-ligne", "etat-civil-en-ligne-2")
    assert Phase.objects.count() == 0


def test_a_project_is_checked_before_anything_is_written():
    with pytest.raises(ValidationError) as error:
        services.project_save(name="Sans type", kind="inconnu", service_url="pas une adresse")
    assert set(error.value.message_dict) == {"kind", "service_url"}
    assert not Project.objects.exists()
    with pytest.raises(TypeError):
        services.project_save(name="Champ inventé", kind="startup-territoire", colour="bleu")


def test_saves_build_their_instances_from_field_values():
    project = ProjectFactory()
    line = services.funding_save(
        project=project, source="ANCT", amount=Decimal(5000), start=date(2026, 1, 5)
    )
    services.funding_save(
        project=project, source="ANCT", amount=Decimal(6000), start=date(2026, 1, 5), line=line
    )
    assert list(project.funding.values_list("amount", flat=True)) == [Decimal(6000)]
    expense = services.expense_save(
        project=project, date=date(2026, 2, 1), amount=Decimal(120), label="Hébergement"
    )
    assert expense.project == project and expense.pk
    with pytest.raises(ValidationError) as error:
        services.expense_save(
            project=project, date=date(2026, 2, 1), amount=Decimal(-1), label="Négative"
        )
    assert project.expenses.count() == 1
    member = services.team_member_save(
        project=project, full_name="Camille Martin", role="coach", start=date(2026, 1, 5)
    )
    assert (member.project, member.is_freelance, member.end) == (project, False, None)
    with pytest.raises(ValidationError) as error:
        services.team_member_save(
            project=project, full_name="Camille Martin", role="coach", start=date(2026, 1, 5),
            end=date(2025, 1, 1), member=member,
        )  # fmt: skip
    assert "end" in error.value.message_dict
    member.refresh_from_db()
    assert member.end is None
    scores = dict.fromkeys(["impact", "deployment", "design", "open_source", "open_data"], 2)
    review = services.maturity_review_save(project=project, date=date(2026, 3, 1), **scores)
    scores["design"] = 4
    with pytest.raises(ValidationError) as error:
        services.maturity_review_save(
            project=project, date=date(2026, 3, 1), **scores, review=review
        )
    assert "design" in error.value.message_dict
    review.refresh_from_db()
    assert review.design == 2


def test_a_committee_title_too_long_for_a_funding_source_is_cut_not_refused():
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project], title="C" * 200)
    services.decision_record(
        committee=committee, project=project, outcome="accelerer", amount=Decimal(10)
    )
    assert FundingLine.objects.get().source == "C" * 200


def test_a_decision_whose_funding_line_is_invalid_writes_nothing():
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project])
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            committee=committee, project=project, outcome="accelerer", amount=Decimal(10),
            funding_source="S" * 201,
        )  # fmt: skip
    assert "source" in error.value.message_dict
    assert not Decision.objects.exists() and not FundingLine.objects.exists()


def test_partner_is_found_from_the_code_typed():
    commune = CommuneFactory()
    project = ProjectFactory()
    partner = services.partner_add(project=project, code=commune.insee)
    assert partner.commune == commune
    with pytest.raises(ValidationError) as error:
        services.partner_add(project=project, code="00000")
    assert error.value.message_dict["code"] == ["Aucune collectivité ne porte ce code."]
    assert project.partners.count() == 1


def test_a_decision_waits_for_its_committee_to_sit(client, users):
    """A committee to come has no decision yet: its amount would count in the budget before
    anybody decided it. Refused with a French message, the form keeps what was typed."""
    from datetime import timedelta

    from django.utils import timezone

    project = ProjectFactory()
    coming = CommitteeFactory(date=timezone.localdate() + timedelta(days=9), projects=[project])
    with pytest.raises(ValidationError, match="une date à venir"):
        services.decision_record(
            committee=coming, project=project, outcome="continuer", amount=Decimal(150_000)
        )
    assert not Decision.objects.exists() and not FundingLine.objects.exists()
    client.force_login(users[Role.INCUBATOR])
    response = client.post(
        coming.get_absolute_url(),
        {"action": "decision", "project": project.pk, "outcome": "continuer",
         "amount": "150000", "conditions": "Recruter un·e développeur·se"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "une date à venir" in page
    assert "Recruter un·e développeur·se" in page
    held = CommitteeFactory(date=timezone.localdate(), projects=[project])
    services.decision_record(committee=held, project=project, outcome="continuer")
    assert Decision.objects.count() == 1
