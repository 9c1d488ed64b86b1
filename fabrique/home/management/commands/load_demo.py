from django.core.management import call_command
from django.core.management.base import BaseCommand

from fabrique.accounts.demo import load_demo as load_demo_account_requests
from fabrique.accounts.services import DEMO_PASSWORD, load_demo_accounts
from fabrique.catalogue.demo import demo_summary, load_demo_catalogue
from fabrique.core.emails import emails_kept_out
from fabrique.core.importing import french_database_errors
from fabrique.diagnostics.demo import load_demo as load_demo_diagnostics
from fabrique.impact.demo import load_demo_impact
from fabrique.investigations.demo import load_demo as load_demo_investigations
from fabrique.portfolio.demo import load_demo_portfolio
from fabrique.recruitment.demo import load_demo as load_demo_recruitment
from fabrique.support.demo import load_demo as load_demo_support
from fabrique.synergies.services import recompute_paused


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count <= 1 else plural or word + 's'}"


class Command(BaseCommand):
    help = (
        "Crée (ou remet en état) les données de démonstration : un compte par rôle, puis un "
        "portefeuille de projets (les projets déjà présents ne sont pas modifiés)."
    )

    @french_database_errors
    def handle(self, *args, **options):
        # The demo replays what people do (a mission requested, then accepted…): the e-mails
        # the services send on the way are kept out, here and only here.
        with emails_kept_out():
            # One recomputation of the synergies at the end, not one per project saved.
            with recompute_paused():
                self.load_without_synergies()
            # Synergies last: the index reads projects, initiatives and catalogue solutions.
            call_command("load_synergies_demo", stdout=self.stdout, stderr=self.stderr)

    def load_without_synergies(self):
        results = load_demo_accounts()
        self.stdout.write(self.style.SUCCESS("Comptes de démonstration (mot de passe commun) :"))
        for account, created in results:
            state = "créé" if created else "à jour"
            label = dict(account.role.__class__.choices)[account.role]
            self.stdout.write(f"  {account.email:<30} {label:<24} ({state})")
        self.stdout.write(f"  Mot de passe : {DEMO_PASSWORD}")

        counts = load_demo_portfolio()
        created = _plural(counts["created"], "créé")
        if counts["existing"]:
            created += f", {counts['existing']} déjà présents"
        self.stdout.write(
            self.style.SUCCESS(
                f"Portefeuille de démonstration : {_plural(counts['projects'], 'projet')} "
                f"({created}), {_plural(counts['phases'], 'phase')}, "
                f"{_plural(counts['committees'], 'comité')}, "
                f"{_plural(counts['decisions'], 'décision')}, "
                f"{_plural(counts['expenses'], 'dépense')}, "
                f"{_plural(counts['team_members'], 'membre')} d'équipe, "
                f"{_plural(counts['maturity_reviews'], 'revue')} de maturité, "
                f"{_plural(counts['partners'], 'collectivité')} partenaire"
                f"{'s' if counts['partners'] > 1 else ''}."
            )
        )
        impact = load_demo_impact()
        self.stdout.write(
            self.style.SUCCESS(
                f"Impact de démonstration : {_plural(impact['projects'], 'projet')} mesuré"
                f"{'s' if impact['projects'] > 1 else ''}, "
                f"{_plural(impact['indicators'], 'indicateur')}, "
                f"{_plural(impact['measurements'], 'valeur')}, "
                f"{_plural(impact['deployments'], 'collectivité')} utilisatrice"
                f"{'s' if impact['deployments'] > 1 else ''}."
            )
        )
        self.stdout.write(self.style.SUCCESS(demo_summary(load_demo_catalogue())))
        # Wave-2 modules, each after what it builds on (territories, portfolio, catalogue).
        for load in (
            load_demo_diagnostics,
            load_demo_investigations,
            load_demo_support,
            load_demo_recruitment,
            load_demo_account_requests,
        ):
            summary = load()
            if summary:
                self.stdout.write(self.style.SUCCESS(summary))
