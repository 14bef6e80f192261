"""The rubric text in the database is the source text, word for word, except its known defects."""

import json
from pathlib import Path

import pytest

from rubric.loader import DEFECT_NOTE, INSTRUCTION
from rubric.models import Descriptor, Framework, Item, Level

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    ROOT / "rubric" / "data" / "casel_district_rubric_2021.json",
    ROOT / "tests" / "reference" / "rubric.json",
]


@pytest.mark.parametrize("source", SOURCES, ids=["packaged", "reference"])
def test_items_and_descriptors_match_the_source(db, source):
    data = json.loads(source.read_text(encoding="utf-8"))
    framework = Framework.objects.get(is_current=True)
    assert framework.level_labels == data["level_labels"]
    areas = list(framework.focus_areas.order_by("number"))
    assert [(a.number, a.title) for a in areas] == [
        (a["number"], a["title"]) for a in data["focus_areas"]
    ]
    expected_items = [item for area in data["focus_areas"] for item in area["items"]]
    items = list(
        Item.objects.filter(focus_area__framework=framework).order_by(
            "focus_area__number", "position"
        )
    )
    assert len(items) == 23
    for item, expected in zip(items, expected_items, strict=True):
        assert (item.code, item.title, item.definition) == (
            expected["code"],
            expected["title"],
            expected["definition"],
        )
        defects = expected.get("source_defects", {})
        for level in item.levels.order_by("number"):
            bullets = list(level.descriptors.order_by("position").values_list("text", flat=True))
            if str(level.number) in defects:
                assert bullets == []
                assert level.source_note == DEFECT_NOTE
            else:
                assert bullets == expected["levels"][str(level.number)]
                assert level.source_note == ""


def test_the_defective_cells_are_exactly_those_of_the_notes(db):
    noted = set(Level.objects.exclude(source_note="").values_list("item__code", "number"))
    assert noted == {("2-C", 2), ("2-C", 3), ("2-C", 4), ("2-D", 2), ("2-D", 3)}
    assert Descriptor.objects.filter(level__item__code="2-D", level__number=4).exists()


def test_item_page_shows_definition_levels_instruction_and_notes(cast):
    page = cast.client("viewer").get("/d/riverbend/2026-27/rubric/items/2-C/").content.decode()
    assert "2-C:" in page
    assert INSTRUCTION.replace("'", "&#x27;") in page
    assert page.count(DEFECT_NOTE) == 3
    assert "Not yet started planning or implementation" in page


def test_item_1e_shows_the_collaboration_reflection_questions(cast):
    page = cast.client("member").get("/d/riverbend/2026-27/rubric/items/1-E/").content.decode()
    assert "What can we do to improve collaboration going forward?" in page
    other = cast.client("member").get("/d/riverbend/2026-27/rubric/items/1-A/").content.decode()
    assert "What can we do to improve collaboration going forward?" not in other


def test_unknown_item_is_not_found(cast):
    assert cast.client("member").get("/d/riverbend/2026-27/rubric/items/9-Z/").status_code == 404
