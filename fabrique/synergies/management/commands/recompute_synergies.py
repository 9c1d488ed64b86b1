from django.core.management.base import BaseCommand

from fabrique.core.importing import french_database_errors
from fabrique.core.numbers import counted
from fabrique.synergies.services import recompute


def recompute_message(result: dict) -> str:
    """« Synergies recalculées : 230 éléments, 1 083 liens, 43 groupes. »"""
    return (
        f"Synergies recalculées : {counted(result['items'], 'élément')}, "
        f"{counted(result['links'], 'lien')}, {counted(result['groups'], 'groupe')}."
    )


class Command(BaseCommand):
    help = (
        "Recalcule tout de suite l'index des synergies (voisins et groupes) à partir des projets, "
        "du catalogue, des besoins, des problèmes et des initiatives enregistrés : après une mise "
        "à jour qui change l'index, ou sans travailleur de tâches de fond. Tout ou rien."
    )

    @french_database_errors
    def handle(self, *args, **options):
        result = recompute()
        self.stdout.write(self.style.SUCCESS(recompute_message(result)))
