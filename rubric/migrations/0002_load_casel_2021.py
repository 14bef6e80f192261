from django.db import migrations

from rubric.loader import CASEL_2021, load_framework


def load(apps, schema_editor):
    load_framework(
        apps,
        slug=CASEL_2021,
        filename="casel_district_rubric_2021.json",
        title="CASEL Districtwide SEL Implementation Rubric",
        edition="2021",
        make_current=True,
    )


def unload(apps, schema_editor):
    lookups = [
        ("Descriptor", "level__item__focus_area__framework__slug"),
        ("Level", "item__focus_area__framework__slug"),
        ("Item", "focus_area__framework__slug"),
        ("FocusArea", "framework__slug"),
        ("Framework", "slug"),
    ]
    for model, lookup in lookups:
        apps.get_model("rubric", model).objects.filter(**{lookup: CASEL_2021}).delete()


class Migration(migrations.Migration):
    dependencies = [("rubric", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
