from django.db import migrations


def roadmap_for_every_cycle(apps, schema_editor):
    """Cycles made before roadmaps were made with the cycle get theirs now, Year 1 their own."""
    PlanningCycle = apps.get_model("districts", "PlanningCycle")
    Roadmap = apps.get_model("roadmap", "Roadmap")
    missing = PlanningCycle.objects.exclude(pk__in=Roadmap.objects.values("cycle_id"))
    Roadmap.objects.bulk_create(
        Roadmap(cycle_id=pk, first_year=end_date.year)
        for pk, end_date in missing.values_list("pk", "end_date")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0004_reflection_programs"),
        ("districts", "0002_audit_event"),
    ]

    operations = [migrations.RunPython(roadmap_for_every_cycle, migrations.RunPython.noop)]
