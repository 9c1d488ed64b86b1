"""Knowledge pages: the search column holds every word of the title and body (it held the
first 64 words only, so a word further down a page was never found)."""

from django.db import migrations

from fabrique.core.text import folded_words


def refold(apps, schema_editor):
    KnowledgePage = apps.get_model("support", "KnowledgePage")
    pages = list(KnowledgePage.objects.only("pk", "title", "body"))
    for page in pages:
        page.search_text = folded_words(page.title, page.body, max_chars=None)
    KnowledgePage.objects.bulk_update(pages, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("support", "0005_historicalknowledgeattachment")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
