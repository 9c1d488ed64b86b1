from django.core.management.base import BaseCommand

from fabrique.accounts.services import DEMO_PASSWORD, load_demo_accounts


class Command(BaseCommand):
    help = "Crée (ou remet en état) les données de démonstration : un compte par rôle."

    def handle(self, *args, **options):
        results = load_demo_accounts()
        self.stdout.write(self.style.SUCCESS("Comptes de démonstration (mot de passe commun) :"))
        for account, created in results:
            state = "créé" if created else "à jour"
            label = dict(account.role.__class__.choices)[account.role]
            self.stdout.write(f"  {account.email:<30} {label:<24} ({state})")
        self.stdout.write(f"  Mot de passe : {DEMO_PASSWORD}")
