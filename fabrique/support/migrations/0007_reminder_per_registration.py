"""The "day before" reminder is kept per registration, no longer per session: someone registered
after it went out gets theirs at the next run."""

from django.db import migrations, models


def reminded_before(apps, schema_editor):
    """Who was already reminded keeps it: the confirmed registrants of a reminded session,
    registered before the reminder went out, are not reminded a second time."""
    Session = apps.get_model("support", "Session")
    Registration = apps.get_model("support", "Registration")
    for session in Session.objects.filter(reminder_sent_at__isnull=False).only(
        "pk", "reminder_sent_at"
    ):
        Registration.objects.filter(
            session_id=session.pk, status="inscrit", created_at__lte=session.reminder_sent_at
        ).update(reminder_sent_at=session.reminder_sent_at)


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0006_knowledge_full_text_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalregistration",
            name="reminder_sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="rappel envoyé le"),
        ),
        migrations.AddField(
            model_name="registration",
            name="reminder_sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="rappel envoyé le"),
        ),
        migrations.RunPython(reminded_before, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="historicalsession",
            name="reminder_sent_at",
        ),
        migrations.RemoveField(
            model_name="session",
            name="reminder_sent_at",
        ),
    ]
