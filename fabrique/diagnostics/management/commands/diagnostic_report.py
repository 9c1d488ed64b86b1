from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf
from fabrique.diagnostics.models import Mission


class Command(BaseCommand):
    help = "Écrit le rapport d'une mission d'accompagnement sur-mesure en PDF ou en ODT."

    def add_arguments(self, parser):
        parser.add_argument("mission", type=int, metavar="ID")
        parser.add_argument("--format", choices=["pdf", "odt"], default="pdf")
        parser.add_argument("--output", type=Path, required=True, metavar="FICHIER")

    def handle(self, *args, mission, format, output, **options):
        found = Mission.objects.select_related("commune", "epci", "grid").filter(pk=mission).first()
        if found is None:
            raise CommandError(f"Aucune mission n'a l'identifiant {mission}.")
        if not found.needs.exists():
            raise CommandError("Cette mission n'a encore aucun besoin : pas de rapport à écrire.")
        content = deliverable_pdf(found) if format == "pdf" else deliverable_odt(found)
        output.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Rapport écrit : {output} ({len(content)} octets)."))
