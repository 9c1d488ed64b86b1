"""« St-Martin » stored as « saint martin » in the knowledge pages' search column, as the
search reads what is typed (`core.text.search_words`)."""

from django.db import migrations

from fabrique.core.wordindex import refold_stored


def forwards(apps, schema_editor):
    refold_stored(apps.get_model("support", "KnowledgePage"))


class Migration(migrations.Migration):
    dependencies = [("support", "0007_reminder_per_registration")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
