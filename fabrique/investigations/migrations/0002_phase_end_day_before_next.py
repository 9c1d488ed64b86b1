"""Planned phases no longer share their boundary day: a phase ends the day before the next one
starts, the fifth on the investigation's last day (as `rules.planned_phase_dates` now plans)."""

from datetime import timedelta

from django.db import migrations


def end_before_next(apps, schema_editor):
    Phase = apps.get_model("investigations", "InvestigationPhase")
    for phase in Phase.objects.select_related("investigation").order_by("pk"):
        following = Phase.objects.filter(
            investigation_id=phase.investigation_id, step=phase.step + 1
        ).first()
        investigation = phase.investigation
        end = (
            following.planned_start
            if following
            else investigation.start + timedelta(weeks=investigation.weeks)
        )
        if phase.planned_end == end:
            phase.planned_end = end - timedelta(days=1)
            phase.save(update_fields=["planned_end"])


class Migration(migrations.Migration):
    dependencies = [("investigations", "0001_initial")]

    operations = [migrations.RunPython(end_before_next, migrations.RunPython.noop)]
