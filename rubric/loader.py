"""Load a published rubric text (JSON in rubric/data/) as a framework with its items."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CASEL_2021 = "casel-district-2021"
INSTRUCTION = (
    "Read the definition of full implementation under each item before selecting a rating. "
    "A '4' rating indicates that the full definition is met."
)
DEFECT_NOTE = (
    "The source rubric prints no descriptor for this level: rate against the definition above."
)


def load_framework(apps, *, slug: str, filename: str, title: str, edition: str, make_current: bool):
    """Create the framework from its JSON file;
    levels the source printed wrongly get a note instead."""
    Framework = apps.get_model("rubric", "Framework")
    FocusArea = apps.get_model("rubric", "FocusArea")
    Item = apps.get_model("rubric", "Item")
    Level = apps.get_model("rubric", "Level")
    Descriptor = apps.get_model("rubric", "Descriptor")
    data = json.loads((DATA / filename).read_text(encoding="utf-8"))
    if make_current:
        Framework.objects.filter(is_current=True).update(is_current=False)
    framework = Framework.objects.create(
        slug=slug,
        title=title,
        edition=edition,
        instruction=INSTRUCTION,
        level_labels=data["level_labels"],
        is_current=make_current,
    )
    for area_data in data["focus_areas"]:
        area = FocusArea.objects.create(
            framework=framework, number=area_data["number"], title=area_data["title"]
        )
        for position, item_data in enumerate(area_data["items"], start=1):
            item = Item.objects.create(
                focus_area=area,
                code=item_data["code"],
                title=item_data["title"],
                definition=item_data["definition"],
                position=position,
            )
            defects = item_data.get("source_defects", {})
            for number in ("1", "2", "3", "4"):
                level = Level.objects.create(
                    item=item,
                    number=int(number),
                    source_note=DEFECT_NOTE if number in defects else "",
                )
                if number in defects:
                    continue
                Descriptor.objects.bulk_create(
                    Descriptor(level=level, position=i, text=text)
                    for i, text in enumerate(item_data["levels"][number], start=1)
                )
    return framework
