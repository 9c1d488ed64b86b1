from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fabrique.accounts.models import User
from fabrique.accounts.services import person_erase


class Command(BaseCommand):
    help = (
        "Efface une personne : compte anonymisé (« Personne effacée »), candidatures, entretiens, "
        "équipes et inscriptions anonymisés, CV supprimés ; les chiffres sont gardés. "
        "Une seule transaction ; inscrit au journal de sécurité."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="adresse électronique du compte à effacer")
        parser.add_argument(
            "--yes", action="store_true", help="efface sans demander de confirmation"
        )

    def handle(self, *args, email, yes=False, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Aucun compte avec l'adresse {email}.")
        try:
            preview = person_erase(user=user, dry_run=True)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Compte n° {user.pk} ({user.email}) — sera effacé : {preview.summary}")
        if not yes:
            answer = input("Effacer cette personne ? Irréversible. Tapez « oui » : ")
            if answer.strip().lower() != "oui":
                self.stdout.write("Rien n'a été effacé.")
                return
        report = person_erase(user=user)
        self.stdout.write(self.style.SUCCESS(f"Personne effacée : {report.summary}"))
