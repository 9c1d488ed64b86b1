"""« St-Malo », « Ste Anne » stored as « saint malo », « sainte anne », as the job board's
search reads what is typed (`core.text.search_words`): « st » and « saint » find them."""

from django.db import migrations

from fabrique.core.wordindex import refold_stored


def forwards(apps, schema_editor):
    JobOffer = apps.get_model("recruitment", "JobOffer")
    refold_stored(JobOffer, apps.get_model("recruitment", "JobOfferWord"), "offer")


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0005_incubator_slug_team")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
