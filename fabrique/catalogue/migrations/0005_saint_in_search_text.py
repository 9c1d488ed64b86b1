"""« St-Martin », « Ste Anne » stored as « saint martin », « sainte anne », as a search reads
what is typed (`core.text.search_words`): « st » and « saint » find them."""

from django.db import migrations

from fabrique.core.wordindex import refold_stored


def forwards(apps, schema_editor):
    Solution = apps.get_model("catalogue", "Solution")
    refold_stored(Solution, apps.get_model("catalogue", "SolutionWord"), "solution")
    refold_stored(apps.get_model("catalogue", "FundingScheme"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_scheme_url_unique_message")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
