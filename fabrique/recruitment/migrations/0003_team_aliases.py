"""The offers saved under a known alias of a team (« Incubateur ») take its one name
(« Incubateur des Territoires »), as the service and the import now write it: the job board's
team filter lists the team once."""

from django.db import migrations

# As in `vocabulary.TEAM_ALIASES` when this migration was written.
ALIASES = {"Incubateur": "Incubateur des Territoires"}


def forwards(apps, schema_editor):
    JobOffer = apps.get_model("recruitment", "JobOffer")
    for alias, name in ALIASES.items():
        JobOffer.objects.filter(team_name__iexact=alias).update(team_name=name)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0002_offer_words")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
