"""The offers imported with the incubator's team written as a slug (`incubateur.des.territoires`,
`incubateur-des-territoires`) take its one name (« Incubateur des Territoires »), as the import
now reads it (`vocabulary.TEAM_ALIASES`): the job board's team filter lists the team once."""

import re

from django.db import migrations

NAME = "Incubateur des Territoires"


def _folded(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def forwards(apps, schema_editor):
    JobOffer = apps.get_model("recruitment", "JobOffer")
    names = JobOffer.objects.exclude(team_name=NAME).values_list("team_name", flat=True)
    spellings = {name for name in names.distinct() if _folded(name) == _folded(NAME)}
    if spellings:
        JobOffer.objects.filter(team_name__in=spellings).update(team_name=NAME)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0004_verbose_names_fr")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
