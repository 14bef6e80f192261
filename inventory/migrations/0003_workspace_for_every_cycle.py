from django.db import migrations


def workspace_for_every_cycle(apps, schema_editor):
    """Cycles made before workspaces were made with the cycle get theirs now."""
    PlanningCycle = apps.get_model("districts", "PlanningCycle")
    InventoryWorkspace = apps.get_model("inventory", "InventoryWorkspace")
    missing = PlanningCycle.objects.exclude(
        pk__in=InventoryWorkspace.objects.values("cycle_id")
    ).values_list("pk", flat=True)
    InventoryWorkspace.objects.bulk_create(InventoryWorkspace(cycle_id=pk) for pk in missing)


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_import_preview"),
        ("districts", "0002_audit_event"),
    ]

    operations = [migrations.RunPython(workspace_for_every_cycle, migrations.RunPython.noop)]
