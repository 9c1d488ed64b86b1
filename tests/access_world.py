"""A small world for the access matrix (tests/test_access_matrix.py): two of everything.

Side "a" and side "b" each have a project with its own team (a coach and a service owner), a
collectivité with its agent, a diagnostics mission, a problem and an investigation, support
records, a job offer with an application… The accounts of the matrix (`world.users`) are the
members of side "a" only: side "b" objects are what an IDOR attempt reaches for.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core import signing
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from fabrique.accounts.models import Membership, Role
from fabrique.catalogue.models import SolutionSuggestion, SolutionUse
from fabrique.diagnostics import services as diagnostics_services
from fabrique.diagnostics.models import (
    Candidate,
    Comment,
    Deliverable,
    Interview,
    Lead,
    Need,
    Person,
    TimeEntry,
    Tool,
    Training,
)
from fabrique.impact.models import Deployment, MeasurementImport
from fabrique.impact.services.tokens import token_create
from fabrique.investigations.models import DayEntry, ProblemAttachment
from fabrique.portfolio.models import CommitteeDocument, ProjectPartner
from fabrique.portfolio.vocabulary import TeamRole
from fabrique.recruitment.models import Review
from fabrique.support.models import FollowUpNote, KnowledgeAttachment, ModuleDeliverable
from fabrique.synergies.models import SynergyDecision, SynergyGroup, SynergyMember, SynergyPair
from fabrique.synergies.vocabulary import DecisionStatus, ItemKind
from tests.accounts.factories import AccountRequestFactory
from tests.catalogue.factories import FundingSchemeFactory, OperatorFactory, SolutionFactory
from tests.factories import CommuneFactory, EPCIFactory, UserFactory
from tests.impact.factories import IndicatorFactory, MeasurementFactory
from tests.investigations.factories import CallFactory, InvestigationFactory, ProblemFactory
from tests.portfolio.factories import (
    CommitteeFactory,
    DecisionFactory,
    ExpenseFactory,
    FundingLineFactory,
    MaturityReviewFactory,
    PhaseFactory,
    ProjectFactory,
    ServiceFaitFactory,
    TeamMemberFactory,
)
from tests.recruitment.factories import ApplicationFactory, JobOfferFactory
from tests.support.factories import (
    ExpertModuleFactory,
    FollowUpFactory,
    KnowledgePageFactory,
    RegistrationFactory,
    SessionFactory,
    SupplierFactory,
    SupportFormatFactory,
    SupportRequestFactory,
)

# The roles of the matrix: anonymous, an inactive account, then one account per role.
ROLES = ("anonyme", "inactif", *(role.value for role in Role))
# The roles tried on the other side's objects (IDOR) and with empty POSTs (the lesser ones).
IDOR_ROLES = (Role.COACH.value, Role.AGENT.value, Role.SERVICE_OWNER.value)
POST_ROLES = ("anonyme", "inactif", Role.COACH.value, Role.AGENT.value, Role.SERVICE_OWNER.value)


@dataclass
class Side:
    """The objects of one side of the world."""

    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class World:
    users: dict
    a: Side
    b: Side
    extra: dict


def _first_choice(model, name):
    return model._meta.get_field(name).choices[0][0]


def _side(tag: str, *, coach, owner, agent, team) -> Side:
    """Everything of one side; `coach`, `owner` and `agent` are that side's members."""
    epci = EPCIFactory(name=f"Communauté {tag}")
    commune = CommuneFactory(name=f"Commune {tag}", population=900, epci=epci)
    Membership.objects.create(user=agent, commune=commune)
    account_request = AccountRequestFactory(commune=commune, message=f"Compte secret-{tag}")

    project = ProjectFactory(slug=f"projet-{tag}", name=f"Projet {tag}")
    secret = f"secret-{tag}"  # in private fields only: who sees it sees private data
    member_coach = TeamMemberFactory(
        project=project, user=coach, role=TeamRole.COACH, full_name=f"Coach {secret}"
    )
    TeamMemberFactory(project=project, user=owner, full_name=f"Porteuse {secret}")
    phase = PhaseFactory(project=project)
    partner = ProjectPartner.objects.create(project=project, commune=commune)
    funding = FundingLineFactory(project=project, source=f"Financeur {secret}")
    expense = ExpenseFactory(project=project, label=f"Prestation {secret}")
    review = MaturityReviewFactory(project=project)
    freelance = TeamMemberFactory(project=project, is_freelance=True, full_name=f"Free {secret}")
    service_fait = ServiceFaitFactory(member=freelance)
    committee = CommitteeFactory(projects=[project])
    decision = DecisionFactory(committee=committee, project=project)
    document = CommitteeDocument.objects.create(
        committee=committee,
        file=ContentFile(b"%PDF-1.4 compte rendu", name=f"cr-{tag}.pdf"),
        name=f"cr-{tag}.pdf",
        content_type="application/pdf",
        size=21,
    )

    solution = SolutionFactory(slug=f"solution-{tag}", name=f"Solution {tag}")
    use = SolutionUse.objects.create(solution=solution, commune=commune)
    scheme = FundingSchemeFactory(slug=f"dispositif-{tag}")
    operator = OperatorFactory(slug=f"operateur-{tag}")
    suggestion = SolutionSuggestion.objects.create(
        name=f"Suggestion {secret}", description="Un outil", submitted_by=agent
    )

    indicator = IndicatorFactory(project=project, is_public=False, name=f"Usagers {secret}")
    measurement = MeasurementFactory(indicator=indicator)
    token, secret = token_create(project=project, user=team, name=f"Jeton {tag}")
    deployment = Deployment.objects.create(project=project, commune=commune, since=date(2026, 1, 1))
    measurement_import = MeasurementImport.objects.create(
        project=project, created_by=team, file_name="valeurs.csv"
    )

    group = SynergyGroup.objects.create(
        position=1 if tag == "a" else 2, score=0.8, size=2, span=2, computed_at=timezone.now()
    )
    twin = ProjectFactory(slug=f"jumeau-{tag}", name=f"Jumeau {tag}")
    keys = []
    for item in (project, twin):
        SynergyMember.objects.create(
            group=group, kind=ItemKind.PROJET, object_id=item.pk, label=item.name
        )
        keys.append(f"{ItemKind.PROJET}:{item.pk}")
    SynergyPair.objects.create(
        group=group, pair_key="|".join(keys), a_key=keys[0], b_key=keys[1],
        a_label=project.name, b_label=twin.name, score=0.8,
    )  # fmt: skip
    dismissal = SynergyDecision.objects.create(
        pair_key=f"{keys[1]}|solution:99999{len(tag)}{ord(tag)}", a_key=keys[1],
        b_key=f"solution:99999{len(tag)}{ord(tag)}", a_label=twin.name, b_label="Disparue",
        status=DecisionStatus.DISMISSED, decided_by=team,
    )  # fmt: skip

    mission = diagnostics_services.mission_request(
        collectivite=commune, hopes=f"Un site internet {secret}", requested_by=agent
    )
    mission = diagnostics_services.mission_accept(mission=mission, consultant=coach)
    eligibility_rule = mission.rule  # kept by its mission: the team's edit is refused
    time_entry = TimeEntry.objects.create(
        mission=mission, person=coach, day=date(2026, 9, 1), half_days=2,
        kind=_first_choice(TimeEntry, "kind"),
    )  # fmt: skip
    need = Need.objects.create(mission=mission, title="Site", theme=_first_choice(Need, "theme"))
    deliverable = Deliverable.objects.create(
        mission=mission, version=1, is_final=True,
        pdf=ContentFile(b"%PDF-1.4 livrable", name="livrable.pdf"),
        odt=ContentFile(b"PK livrable", name="livrable.odt"),
    )  # fmt: skip
    person = Person.objects.create(
        mission=mission, role=_first_choice(Person, "role"), name=f"Élue {secret}"
    )
    interview = Interview.objects.create(
        mission=mission, day=date(2026, 9, 2), mode=_first_choice(Interview, "mode")
    )
    tool = Tool.objects.create(mission=mission, name="Tableur", kind=_first_choice(Tool, "kind"))
    candidate = Candidate.objects.create(
        need=need, name=f"Offre {secret}", technical=2, economic=2, human=2, recommended=True,
        choice_criteria="Simple",
    )  # fmt: skip
    lead = Lead.objects.create(
        candidate=candidate, kind="financement", key=f"aide:{tag}", name=f"Aide {secret}"
    )
    comment = Comment.objects.create(mission=mission, author=agent, body=f"Merci {secret}")
    training = Training.objects.create(
        mission=mission, day=date(2026, 9, 3), topic=_first_choice(Training, "topic"),
        audience="Secrétaires de mairie", attendance=3,
    )  # fmt: skip

    problem = ProblemFactory(
        title=f"Problème {secret}", communes=[commune], submitted_by=agent, status="soumis"
    )
    attachment = ProblemAttachment.objects.create(
        problem=problem, file=ContentFile(b"%PDF-1.4 piece", name="piece.pdf"),
        name="piece.pdf", content_type="application/pdf", size=14,
    )  # fmt: skip
    investigated = ProblemFactory(title=f"Problème étudié {tag}", communes=[commune])
    investigation = InvestigationFactory(problem=investigated, coach=coach, is_public=False)
    day = DayEntry.objects.create(
        investigation=investigation, full_name="Claude", role=_first_choice(DayEntry, "role"),
        day=date.today(), days=Decimal(1),
    )  # fmt: skip

    session = SessionFactory(trainer=coach if tag == "a" else None, is_public=False)
    registration = RegistrationFactory(session=session, user=owner)
    follow_up = FollowUpFactory(project=project, coach=coach, title=f"Suivi {secret}")
    note = FollowUpNote.objects.create(
        follow_up=follow_up, date=date(2026, 9, 4), notes=f"Note {secret}"
    )
    module = ExpertModuleFactory(project=project, follower=coach, expertise=f"Audit {secret}")
    module_deliverable = ModuleDeliverable.objects.create(
        module=module, title="Rapport", file=ContentFile(b"%PDF-1.4 r", name="rapport.pdf"),
        content_type="application/pdf",
    )  # fmt: skip
    support_request = SupportRequestFactory(requester=agent, message=f"Aide {secret}")
    offer = JobOfferFactory(
        slug=f"offre-{tag}", project=project, status="brouillon", title=f"Offre {secret}"
    )
    application = ApplicationFactory(offer=offer, name=f"Candidate {secret}")
    # A project member's review: only its author corrects or deletes it.
    review = Review.objects.create(
        application=application, reviewer=owner, rating=4, note=f"Avis {secret}"
    )

    return Side(
        {
            name: value
            for name, value in locals().items()
            if name not in ("tag", "keys", "item", "secret")
        }
    )


def build_world() -> World:
    users = {
        role.value: UserFactory(role=role, email=f"matrice-{role.value}@exemple.gouv.fr")
        for role in Role
    }
    users["inactif"] = UserFactory(
        role=Role.INCUBATOR, is_active=False, email="matrice-inactif@exemple.gouv.fr"
    )
    users["anonyme"] = None
    team = users[Role.INCUBATOR.value]
    others = {
        role: UserFactory(role=role, email=f"autre-{role.value}@exemple.gouv.fr")
        for role in (Role.COACH, Role.AGENT, Role.SERVICE_OWNER)
    }
    a = _side("a", coach=users["coach"], owner=users["porteur"], agent=users["agent"], team=team)
    b = _side(
        "b", coach=others[Role.COACH], owner=others[Role.SERVICE_OWNER],
        agent=others[Role.AGENT], team=team,
    )  # fmt: skip
    call = CallFactory()
    public_format = SupportFormatFactory()
    public_session = SessionFactory(format=public_format)
    public_page = KnowledgePageFactory(slug="methode-publique", is_public=True)
    public_offer = JobOfferFactory(slug="offre-publique")
    # The knowledge base is shared by the team and every coach: one internal page, no sides.
    internal_page = KnowledgePageFactory(slug="methode-interne", is_public=False)
    knowledge_attachment = KnowledgeAttachment.objects.create(
        page=internal_page, title="Fiche", file=ContentFile(b"%PDF-1.4 f", name="fiche.pdf"),
        content_type="application/pdf",
    )  # fmt: skip
    public_investigation = InvestigationFactory(is_public=True)
    # Suppliers are the team's list, shared by both sides.
    supplier = SupplierFactory(name="Prestataire de la matrice")
    extra = {
        "supplier": supplier,
        "call": call,
        "public_format": public_format,
        "public_session": public_session,
        "public_page": public_page,
        "public_offer": public_offer,
        "public_investigation": public_investigation,
        "internal_page": internal_page,
        "knowledge_attachment": knowledge_attachment,
        "feed_token": signing.dumps(users["porteur"].pk, salt="support.feed"),
        "uidb64": urlsafe_base64_encode(force_bytes(users["porteur"].pk)),
        "start": date.today() + timedelta(days=1),
    }
    return World(users=users, a=a, b=b, extra=extra)
