"""Undoing a merge: the merged problem comes back as it was, the problem it joined loses only
what the merge brought; refused in French once that problem moved on; the team only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import services
from fabrique.investigations.models import Problem
from fabrique.investigations.vocabulary import ProblemStatus
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

from .factories import CallFactory, InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


def communes_of(problem):
    return {link.commune for link in Problem.objects.get(pk=problem.pk).collectivites.all()}


def merged_pair(**target_fields):
    shared, own, brought = CommuneFactory(), CommuneFactory(), CommuneFactory()
    target = ProblemFactory(communes=[shared, own], **target_fields)
    source = ProblemFactory(communes=[shared, brought], status=ProblemStatus.DECLINED)
    services.problems_merge(target=target, sources=[source])
    return target, source, (shared, own, brought)


def test_undo_restores_the_status_and_takes_back_only_what_the_merge_brought():
    target, source, (shared, own, brought) = merged_pair()
    assert communes_of(target) == {shared, own, brought}
    services.problem_merge_undo(problem=source)
    source.refresh_from_db()
    assert source.status == ProblemStatus.DECLINED and source.merged_into is None
    assert communes_of(source) == {shared, brought}
    # The target had `shared` before the merge: it keeps it.
    assert communes_of(target) == {shared, own}
    # History: created, merged, unmerged.
    assert [h.status for h in source.history.order_by("history_date")] == [
        ProblemStatus.DECLINED,
        ProblemStatus.MERGED,
        ProblemStatus.DECLINED,
    ]


def test_a_collectivite_also_brought_by_another_merged_problem_stays():
    common = CommuneFactory()
    target = ProblemFactory()
    first, second = ProblemFactory(communes=[common]), ProblemFactory(communes=[common])
    services.problems_merge(target=target, sources=[first, second])
    services.problem_merge_undo(problem=first)
    assert common in communes_of(target)
    services.problem_merge_undo(problem=second)
    assert common not in communes_of(target)


def test_editing_the_kept_problem_keeps_what_the_merge_recorded():
    target, source, (shared, own, brought) = merged_pair()
    services.problem_update(problem=target, collectivites=[shared, own, brought], title="Nouveau")
    services.problem_merge_undo(problem=source)
    assert communes_of(target) == {shared, own}


@pytest.mark.parametrize(
    "status,words",
    [(ProblemStatus.SELECTED, "a été retenu"), (ProblemStatus.DECLINED, "a été décliné")],
)
def test_refused_once_the_kept_problem_was_decided(status, words):
    target, source, _ = merged_pair()
    Problem.objects.filter(pk=target.pk).update(status=status)
    with pytest.raises(ValidationError) as error:
        services.problem_merge_undo(problem=source)
    assert words in error.value.message_dict["__all__"][0]
    source.refresh_from_db()
    assert source.status == ProblemStatus.MERGED and len(communes_of(target)) == 3


def test_refused_once_the_kept_problem_is_investigated():
    target, source, _ = merged_pair()
    InvestigationFactory(problem=target)
    with pytest.raises(ValidationError) as error:
        services.problem_merge_undo(problem=source)
    assert "a une investigation" in error.value.message_dict["__all__"][0]


def test_refused_while_the_kept_problem_is_merged_further():
    target, source, _ = merged_pair()
    services.problems_merge(target=ProblemFactory(), sources=[target])
    with pytest.raises(ValidationError) as error:
        services.problem_merge_undo(problem=source)
    assert "annulez d'abord cette fusion-là" in error.value.message_dict["__all__"][0]


def test_refused_on_a_problem_not_merged():
    with pytest.raises(ValidationError) as error:
        services.problem_merge_undo(problem=ProblemFactory())
    assert "pas fusionné" in error.value.message_dict["__all__"][0]


def test_a_problem_selected_before_its_merge_is_not_selected_over_the_funded_count():
    call = CallFactory(funded_count=1)
    source = ProblemFactory(call=call, status=ProblemStatus.SELECTED)
    services.problems_merge(target=ProblemFactory(), sources=[source])
    ProblemFactory(call=call, status=ProblemStatus.SELECTED)
    with pytest.raises(ValidationError) as error:
        services.problem_merge_undo(problem=source)
    assert "déjà toutes attribuées" in error.value.message_dict["__all__"][0]


@pytest.mark.parametrize(
    "role,code",
    [
        (Role.ADMIN, 200),
        (Role.INCUBATOR, 200),
        (Role.AGENT, 403),
        (Role.COACH, 404),
        (Role.SERVICE_OWNER, 404),
    ],
)
def test_only_those_who_merge_undo_a_merge(client, role, code):
    _, source, (shared, _, _) = merged_pair()
    user = UserFactory(role=role)
    MembershipFactory(user=user, commune=shared)
    client.force_login(user)
    url = reverse("investigations:problem_merge_undo", args=[source.pk])
    assert client.get(url).status_code == code
    response = client.post(url)
    assert response.status_code == (302 if code == 200 else code)
    source.refresh_from_db()
    assert (source.status == ProblemStatus.MERGED) == (code != 200)


def test_anonymous_people_are_sent_to_log_in(client):
    _, source, _ = merged_pair()
    url = reverse("investigations:problem_merge_undo", args=[source.pk])
    assert client.post(url).status_code == 302
    source.refresh_from_db()
    assert source.status == ProblemStatus.MERGED


def test_the_team_undoes_a_merge_from_the_problem_page(client):
    target, source, (_, _, brought) = merged_pair()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("investigations:problem", args=[source.pk])).text
    url = reverse("investigations:problem_merge_undo", args=[source.pk])
    assert url in page and "Annuler la fusion" in page
    confirm = client.get(url).text
    assert str(brought) in confirm and "historique" in confirm
    response = client.post(url, follow=True)
    assert "Fusion annulée" in response.text
    assert response.redirect_chain[-1][0] == source.get_absolute_url()
    page = client.get(reverse("investigations:problem", args=[target.pk])).text
    assert "Problèmes fusionnés dans celui-ci" not in page


def test_the_confirmation_page_says_why_it_is_refused_with_no_button(client):
    target, source, _ = merged_pair()
    InvestigationFactory(problem=target)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("investigations:problem_merge_undo", args=[source.pk])
    page = client.get(url).text
    assert "Impossible d'annuler cette fusion" in page
    assert "Annuler la fusion</button>" not in page
    response = client.post(url)
    assert response.status_code == 200 and "a une investigation" in response.text


def test_a_problem_not_merged_sends_back_to_its_page(client):
    problem = ProblemFactory()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("investigations:problem_merge_undo", args=[problem.pk])
    response = client.get(url, follow=True)
    assert "pas de fusion à annuler" in response.text
    assert "Annuler la fusion" not in client.get(problem.get_absolute_url()).text


def test_nothing_to_merge_is_said_in_french_and_no_form_is_offered(client):
    from html import unescape

    team = UserFactory(role=Role.INCUBATOR)
    target = ProblemFactory(title="Cantine")
    InvestigationFactory(problem=ProblemFactory(title="Déjà en investigation"))
    merged_pair()  # one merged, the other its target (mergeable)
    client.force_login(team)
    page = unescape(client.get(target.get_absolute_url()).content.decode())
    assert reverse("investigations:problem_merge", args=[target.pk]) in page
    Problem.objects.exclude(pk=target.pk).filter(investigation__isnull=True).exclude(
        status=ProblemStatus.MERGED
    ).delete()
    page = unescape(client.get(target.get_absolute_url()).content.decode())
    assert reverse("investigations:problem_merge", args=[target.pk]) not in page
    response = client.get(reverse("investigations:problem_merge", args=[target.pk]), follow=True)
    assert response.redirect_chain[-1][0] == target.get_absolute_url()
    page = unescape(response.content.decode())
    assert "Aucun autre problème ne peut être fusionné dans celui-ci" in page
    assert 'name="sources"' not in page
