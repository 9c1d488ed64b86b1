"""The budget's expenses recorded by the service fait of an expert module name it as their
origin (portfolio's `Expense.origin`): the budget no longer corrects or deletes them."""

from django.db import migrations


def name_origins(apps, schema_editor):
    ExpertModule = apps.get_model("support", "ExpertModule")
    Expense = apps.get_model("portfolio", "Expense")
    for module in ExpertModule.objects.filter(expense__isnull=False).only("pk", "expertise", "expense"):
        origin = f"le service fait du module d'expertise n° {module.pk} « {module.expertise} »"
        Expense.objects.filter(pk=module.expense_id).update(origin=origin[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0009_expense_origin"),
        ("support", "0002_historicalmoduledeliverable"),
    ]

    operations = [migrations.RunPython(name_origins, migrations.RunPython.noop)]
