"""The e-mails of a mission request's answer: the person who asked learns that it is accepted
(with the consultant and the dates) or declined (with the reason), and where to read it."""

from django.conf import settings
from django.core.mail import send_mail

from fabrique.core.emails import email_text

from ...access import visible_missions
from ...models import Mission


def _to_requester(mission: Mission, subject: str, body: str) -> None:
    """To the account that made the request, when it still exists, is active and still sees
    the mission (an agent who has left the collectivité since is told nothing of it)."""
    person = mission.requested_by
    if person is None or not person.is_active or not person.email:
        return
    if not visible_missions(person).filter(pk=mission.pk).exists():
        return
    send_mail(
        subject=f"{subject} : {mission.collectivite}",
        message=email_text(
            f"{body}\n\n{settings.SITE_URL}{mission.get_absolute_url()}", name=person.display_name
        ),
        from_email=None,
        recipient_list=[person.email],
        fail_silently=True,  # a mail server down never undoes the answer, already saved
    )


def tell_accepted(mission: Mission) -> None:
    _to_requester(
        mission,
        "Demande d'accompagnement acceptée",
        f"La demande d'accompagnement sur-mesure de {mission.collectivite} (faite le "
        f"{mission.requested_on:%d/%m/%Y}) est acceptée. La mission commence le "
        f"{mission.start:%d/%m/%Y}, sa fin est prévue le {mission.planned_end:%d/%m/%Y} ; "
        f"elle est confiée à {mission.consultant.display_name}, qui prendra contact avec vous."
        "\n\nLa mission se suit ici :",
    )


def tell_declined(mission: Mission) -> None:
    _to_requester(
        mission,
        "Demande d'accompagnement refusée",
        f"La demande d'accompagnement sur-mesure de {mission.collectivite} (faite le "
        f"{mission.requested_on:%d/%m/%Y}) n'a pas été retenue, pour ce motif :\n\n"
        f"{mission.closing_reason}\n\nLa demande reste consultable ici :",
    )
