from django.db import migrations


def workspace_for_every_cycle(apps, schema_editor):
    """Cycles made before workspaces were made with the cycle get theirs now."""
    PlanningCycle = apps.get_model("districts", "PlanningCycle")
    GoalsWorkspace = apps.get_model("goals", "GoalsWorkspace")
    missing = PlanningCycle.objects.exclude(
        pk__in=GoalsWorkspace.objects.values("cycle_id")
    ).values_list("pk", flat=True)
    GoalsWorkspace.objects.bulk_create(GoalsWorkspace(cycle_id=pk) for pk in missing)


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0002_carried_from"),
        ("districts", "0001_initial"),
    ]

    operations = [migrations.RunPython(workspace_for_every_cycle, migrations.RunPython.noop)]
