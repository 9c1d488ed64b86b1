from django.core.management.base import BaseCommand

from fabrique.support.tasks import send_reminders


class Command(BaseCommand):
    help = "Envoie le rappel de la veille aux inscrit·es (sans doublon : à lancer chaque heure)."

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(f"Rappels demandés ({result.status}).")
