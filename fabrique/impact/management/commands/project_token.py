from django.core.management.base import BaseCommand, CommandError

from fabrique.impact.services import token_create
from fabrique.portfolio.models import Project


class Command(BaseCommand):
    help = (
        "Crée un jeton d'API pour un projet et l'affiche (une seule fois : seule son empreinte "
        "est gardée). Le jeton permet d'envoyer les mesures du projet, et seulement les siennes ; "
        "l'équipe le révoque sur la page « Jetons d'API » du projet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", help="identifiant du projet (dans l'adresse /projets/<identifiant>/)"
        )
        parser.add_argument("--nom", default="", help="nom du jeton, pour s'y retrouver")

    def handle(self, *args, slug, nom="", **options):
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            raise CommandError(f"Aucun projet « {slug} ».")
        token, secret = token_create(project=project, name=nom or "manage.py project_token")
        if options.get("verbosity", 1) >= 1:
            self.stderr.write(
                f"Jeton créé pour « {project.name} » ({token.prefix}…). Copiez-le maintenant : "
                "il ne sera plus affiché."
            )
        self.stdout.write(secret)
