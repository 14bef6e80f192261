"""Reading generated reports back: their text, and what the demo district's must contain."""

import importlib
import io
import re

from django.apps import apps
from pypdf import PdfReader

from sel_planner.districts.registry import tools
from sel_planner.reports.models import SECTION_TITLES, ReportDraft


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(data: bytes) -> str:
    """The PDF's text with lines joined, so that wrapped sentences read whole."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return flat(re.sub(r"-\n", "-", text))


def body_text(data: bytes) -> str:
    """The text after the cover and the contents (the contents page's footer reads "2 / n")."""
    return pdf_text(data).split(" 2 / ", 1)[1]


def ensure_rubric_framework():
    """The CASEL text its data migration loads; a transactional test's flush removes it."""
    from rubric.models import Framework

    if not Framework.objects.filter(is_current=True).exists():
        migration = importlib.import_module("rubric.migrations.0002_load_casel_2021")
        migration.load(apps, None)


def assert_demo_annual_report(data: bytes, cycle) -> None:
    """The vision, each approved goal, the focus-area averages and the key learnings, in order."""
    from goals.models import Goal
    from rubric import selectors
    from sel_planner.charts import score
    from vision.demo import EXAMPLE_VISION

    text = body_text(data)
    draft = ReportDraft.objects.get(cycle=cycle)
    timeline = [a for a in selectors.district_assessments(district=cycle.district) if a.is_closed]
    trend = selectors.district_trend(timeline=timeline, provisional_ids=set())
    averages = [[score(value) for value in row["averages"]] for row in trend["rows"]]
    assert len(averages) == 2 and len({v for row in averages for v in row}) > 2
    positions = [text.index(flat(str(title))) for title in SECTION_TITLES.values()]
    assert positions == sorted(positions), "the seven sections in the workbook's order"
    overview, progress, goals, data_, summary, engagement, learnings = positions
    assert overview < text.index(flat(EXAMPLE_VISION)) < progress
    statements = list(
        Goal.objects.filter(cycle=cycle, status="approved").values_list("statement", flat=True)
    )
    assert statements
    for statement in statements:
        assert goals < text.index(flat(statement)) < data_
    for row in averages:
        assert progress < text.index(" ".join(row), progress) < goals
    assert summary < text.index("Implementation rubric results") < engagement
    for line in draft.learnings.splitlines():
        assert learnings < text.index(flat(line))
    assert draft.private_notes not in text


def assert_workbook_record(data: bytes) -> None:
    text = body_text(data)
    positions = [text.index(flat(str(tool.title))) for tool in tools()]
    assert positions == sorted(positions), "every tool, in workbook order"
