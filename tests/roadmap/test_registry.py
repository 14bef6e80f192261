from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from goals.demo import seed_goals_demo
from roadmap.demo import seed_roadmap_demo
from sel_planner.districts.registry import ANNUAL_SECTIONS, get_tool
from tests.factories import ReflectionRowFactory

from .helpers import make_goal, make_row, make_target

TOOL = get_tool("roadmap")


def _demo(cast):
    seed_goals_demo(cycle=cast.cycle, lead=cast.lead, members=[cast.member])
    seed_roadmap_demo(cycle=cast.cycle, lead=cast.lead)


def test_progress_follows_reflection_then_targets(cast):
    assert TOOL.progress(cast.cycle).state == "not_started"
    assert "long-term SMARTIE goals first" in TOOL.progress(cast.cycle).next_step
    goal = make_goal(cast.cycle)
    row = make_row(goal, years=3)
    assert "Reflect on the data" in TOOL.progress(cast.cycle).next_step

    ReflectionRowFactory(goal=goal, outcome="x", data_sources=["grades"])
    progress = TOOL.progress(cast.cycle)
    assert (progress.done, progress.total) == (1, 2)
    assert "Set targets for each year" in progress.next_step
    for year in (1, 2, 3):
        make_target(row, year=year)
    assert TOOL.progress(cast.cycle).state == "done"


def test_dashboard_shows_this_years_targets(cast):
    assert TOOL.dashboard_panel(cast.cycle) is None
    _demo(cast)

    html = cast.client("viewer").get(f"/d/riverbend/{cast.cycle.slug}/").content.decode()

    assert "This year’s targets (Year 1, 2026-27)" in html
    assert "60% of participating students achieve their growth goals." in html
    assert "70% of participating students" not in html


def test_annual_parts_progress_is_public_and_data_lists_sources(cast):
    assert TOOL.annual_parts(cast.cycle) == []
    _demo(cast)

    parts = {part.section: part for part in TOOL.annual_parts(cast.cycle)}

    assert set(parts) == {"progress", "data"} <= {key for key, _label in ANNUAL_SECTIONS}
    assert parts["progress"].public and not parts["data"].public
    progress = render_to_string(parts["progress"].template, parts["progress"].context)
    assert "60% of participating students achieve their growth goals." in progress
    data = render_to_string(parts["data"].template, parts["data"].context)
    assert "Implementation data" in data and "Outcome data" in data
    assert "Program and Initiative Inventory" in data


def test_report_section_prints_the_tables_grid_and_pictures_without_queries(cast):
    assert TOOL.report_section(cast.cycle) is None
    _demo(cast)
    section = TOOL.report_section(cast.cycle)

    with CaptureQueriesContext(connection) as captured:
        html = render_to_string(section.template, section.context)

    assert len(captured) == 0
    assert 'class="report-landscape"' in html
    assert "Data Reflection on Progress Toward Long-Term Goals" in html
    assert "Middle and high schools are not implementing" in html
    assert "Long Term SMARTIE Goal 1" in html
    assert "<svg" in html and "<polyline" in html
    assert "Add a target" not in html and "/roadmap/" not in html


def test_the_roadmap_grid_prints_on_a_landscape_page(cast):
    import io

    from pypdf import PdfReader

    from sel_planner.reports.assembly import build_html
    from sel_planner.reports.pdf import html_to_pdf

    _demo(cast)
    pdf = PdfReader(
        io.BytesIO(html_to_pdf(build_html(cycle=cast.cycle, kind="tool", tool_slug="roadmap")))
    )

    shapes = [
        (float(p.mediabox.width), float(p.mediabox.height), p.extract_text()) for p in pdf.pages
    ]
    landscape = [text for width, height, text in shapes if width > height]
    assert landscape and all(width < height for width, height, _text in shapes[:1])
    assert "Annual targets" in landscape[0] and "Long Term" in landscape[0]
    assert "Year 3 2028-29" in " ".join(landscape).replace("\n", " ")
    portrait = " ".join(t for w, h, t in shapes if w < h)
    assert "Long Term\nSMARTIE" not in portrait and "Data Reflection" in portrait
