from django.core.management.base import BaseCommand

from fabrique.accounts.selectors import IDLE_ACCOUNT_DAYS, idle_accounts
from fabrique.accounts.services import person_erase
from fabrique.core.numbers import counted


class Command(BaseCommand):
    help = (
        f"Efface les comptes inutilisés depuis {IDLE_ACCOUNT_DAYS} jours (3 ans) : dernière "
        "connexion, ou création sans connexion. Les administrateur·rices sont épargné·es. "
        "Une transaction par personne ; chaque effacement est inscrit au journal de sécurité."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours",
            type=int,
            default=IDLE_ACCOUNT_DAYS,
            help=f"Durée d'inactivité en jours (par défaut {IDLE_ACCOUNT_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="affiche les comptes concernés, sans effacer"
        )

    def handle(self, *args, jours=IDLE_ACCOUNT_DAYS, dry_run=False, **options):
        users = list(idle_accounts(days=jours))
        for user in users:
            if dry_run:
                self.stdout.write(f"{user.email} (dernière connexion : {user.last_login or '—'})")
            else:
                person_erase(user=user)
        verb = "seraient effacés" if dry_run else "effacés"
        self.stdout.write(
            self.style.SUCCESS(
                f"{counted(len(users), 'compte inutilisé', 'comptes inutilisés')} {verb}."
            )
        )
