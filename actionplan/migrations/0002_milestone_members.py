"""A quarter takes any number of responsible members: the old single member becomes one of them.

Each historical version of a milestone keeps the member it named, so the history still shows who
was responsible even after they leave the district.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def owner_to_members(apps, schema_editor):
    Milestone = apps.get_model("actionplan", "Milestone")
    Through = Milestone.members.through
    Through.objects.bulk_create(
        [
            Through(milestone_id=pk, user_id=owner_id)
            for pk, owner_id in Milestone.objects.exclude(owner=None).values_list("pk", "owner_id")
        ]
    )
    Historical = apps.get_model("actionplan", "HistoricalMilestone")
    HistoricalMembers = apps.get_model("actionplan", "HistoricalMilestone_members")
    rows = Historical.objects.exclude(owner=None).values_list("history_id", "id", "owner_id")
    # Each historical row names the through row it copies; a former owner has none left (0).
    through_ids = {
        (milestone_id, user_id): pk
        for pk, milestone_id, user_id in Through.objects.values_list("pk", "milestone_id", "user_id")
    }
    HistoricalMembers.objects.bulk_create(
        [
            HistoricalMembers(
                id=through_ids.get((pk, owner_id), 0),
                history_id=history_id,
                milestone_id=pk,
                user_id=owner_id,
            )
            for history_id, pk, owner_id in rows
        ]
    )


def members_to_owner(apps, schema_editor):
    Milestone = apps.get_model("actionplan", "Milestone")
    for milestone in Milestone.objects.prefetch_related("members"):
        first = min((user.pk for user in milestone.members.all()), default=None)
        if first is not None:
            Milestone.objects.filter(pk=milestone.pk).update(owner_id=first)
    Historical = apps.get_model("actionplan", "HistoricalMilestone")
    HistoricalMembers = apps.get_model("actionplan", "HistoricalMilestone_members")
    for history_id, user_id in HistoricalMembers.objects.order_by("-user_id").values_list(
        "history_id", "user_id"
    ):
        Historical.objects.filter(history_id=history_id).update(owner_id=user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("actionplan", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="milestone",
            name="members",
            field=models.ManyToManyField(
                blank=True,
                related_name="responsible_milestones",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Responsible Team Member(s)",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalMilestone_members",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actionplan.historicalmilestone",
                    ),
                ),
                (
                    "milestone",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actionplan.milestone",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMilestone_members",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(owner_to_members, members_to_owner),
        migrations.RemoveField(
            model_name="historicalmilestone",
            name="owner",
        ),
        migrations.RemoveField(
            model_name="milestone",
            name="owner",
        ),
    ]
