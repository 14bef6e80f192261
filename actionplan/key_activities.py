"""The CASEL District Resource Center key activities: global reference data, read from the file.

It ships with the code (actionplan/data/key_activities.json), so it is the same for every
district and survives database flushes; its version is the file's.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.text import slugify

SOURCE = Path(__file__).resolve().parent / "data" / "key_activities.json"


@dataclass(frozen=True)
class KeyActivity:
    key: str
    name: str
    label: str  # the wording the workbook's action plan uses, when it has one
    focus_area: int
    focus_title: str
    rubric_items: tuple[str, ...]

    @property
    def citation(self) -> str:
        return f"{self.label} (rubric {', '.join(self.rubric_items)})"


@cache
def key_activities() -> dict[str, KeyActivity]:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    activities = {}
    for area in data["focus_areas"]:
        for item in area["key_activities"]:
            key = slugify(item["name"])
            label = item.get("action_plan_label") or item.get("page_alias") or item["name"]
            if len(label) > 90:  # aliases with notes in brackets
                label = item["name"]
            activities[key] = KeyActivity(
                key=key,
                name=item["name"],
                label=label.split(" (")[0],
                focus_area=area["number"],
                focus_title=area["title"],
                rubric_items=tuple(item["rubric_items"]),
            )
    return activities


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The pick-list: key activities grouped by focus area, each citing its rubric items."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for activity in key_activities().values():
        title = f"{activity.focus_area}. {activity.focus_title}"
        groups.setdefault(title, []).append((activity.key, activity.citation))
    return list(groups.items())


def key_activity(key: str) -> KeyActivity | None:
    return key_activities().get(key)
