from django.db import migrations
from django.utils import timezone

# The workbook's starting content as it was when this migration was written: cycles made from
# now on get it from `vision_setup`, called when the cycle is made.
from vision.models import COMMITMENT_PLACEHOLDER, ROLE_TEMPLATES, SAMPLE_QUESTIONS, STAKEHOLDER_GROUPS


def vision_for_every_cycle(apps, schema_editor):
    """Cycles made before the vision was made with the cycle get it now, as `vision_setup` makes it:
    the Vision (with its first history row), the workbook's roles, groups and questions."""
    from sel_planner.districts import freshness

    PlanningCycle = apps.get_model("districts", "PlanningCycle")
    Vision = apps.get_model("vision", "Vision")
    HistoricalVision = apps.get_model("vision", "HistoricalVision")
    CommitteeRole = apps.get_model("vision", "CommitteeRole")
    StakeholderGroup = apps.get_model("vision", "StakeholderGroup")
    Question = apps.get_model("vision", "Question")
    missing = list(PlanningCycle.objects.exclude(pk__in=Vision.objects.values("cycle_id")))
    now = timezone.now()
    for cycle in missing:
        vision = Vision.objects.create(cycle=cycle)
        fields = {f.attname: getattr(vision, f.attname) for f in Vision._meta.concrete_fields}
        HistoricalVision.objects.create(**fields, history_date=now, history_type="+")
        CommitteeRole.objects.bulk_create(
            CommitteeRole(cycle=cycle, title=title, description=description, position=index)
            for index, (_key, title, description) in enumerate(ROLE_TEMPLATES)
        )
        StakeholderGroup.objects.bulk_create(
            StakeholderGroup(cycle=cycle, key=key, name=name, examples=examples, position=index)
            for index, (key, name, examples) in enumerate(STAKEHOLDER_GROUPS)
        )
        Question.objects.bulk_create(
            Question(
                cycle=cycle, text=text.format(commitment=COMMITMENT_PLACEHOLDER), position=index
            )
            for index, text in enumerate(SAMPLE_QUESTIONS)
        )
    for district_id in {cycle.district_id for cycle in missing}:
        freshness.changed(district_id=district_id)


class Migration(migrations.Migration):
    dependencies = [
        ("vision", "0002_carried_from"),
        ("districts", "0001_initial"),
    ]

    operations = [migrations.RunPython(vision_for_every_cycle, migrations.RunPython.noop)]
