"""Report assembly: each tool's contribution gathered through the registry, then rendered.

Gathering (the tools' `annual_parts` and `report_section`) runs the queries; rendering gets
that prepared context and runs none. Every step reports its progress, so a background job
can show how far it got.
"""

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import FilteredRelation
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sel_planner.districts import registry
from sel_planner.districts.registry import ANNUAL_SECTIONS, AnnualPart

from .models import SECTION_TITLES, ReportDraft, ReportJob

# The tools whose records feed each section, named when a section has nothing to show.
SECTION_SOURCES = {
    "overview": ["vision"],
    "progress": ["rubric", "roadmap"],
    "goals": ["goals", "actionplan"],
    "data": ["roadmap", "actionplan"],
    "summary": ["actionplan", "rubric", "goals"],
    "engagement": ["vision", "inventory"],
    "learnings": ["actionplan"],
}


@dataclass
class Section:
    key: str
    title: str
    narrative: str = ""
    parts: list = field(default_factory=list)
    missing: str = ""
    html: str = ""


Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


def _pause() -> None:
    # A test-only hook that slows each section, so a worker can be stopped halfway through.
    if settings.REPORTS_SECTION_DELAY:
        time.sleep(settings.REPORTS_SECTION_DELAY)


def draft_for(cycle) -> ReportDraft | None:
    return ReportDraft.objects.filter(cycle=cycle).first()


def _cycles_so_far(cycle) -> list:
    """The district's cycles up to this one, oldest first, each with its report draft (or
    none) as `report_draft`: one query serves the history part and the narratives."""
    draft = FilteredRelation("reports_reportdraft_set")
    return list(
        cycle.district.cycles.filter(start_date__lte=cycle.start_date)
        .annotate(report_draft=draft)
        .select_related("report_draft")
        .order_by("start_date")
    )


def _missing_text(key: str) -> str:
    titles = [str(t.title) for slug in SECTION_SOURCES[key] if (t := registry.get_tool(slug))]
    if not titles:
        return _("Nothing for this section yet: write its narrative in the report draft.")
    return _(
        "Nothing for this section yet: write its narrative in the report draft, "
        "or complete %(tools)s."
    ) % {"tools": _(" or ").join(titles)}


def annual_sections(cycle, *, public: bool = False) -> list[Section]:
    """The seven sections with their narrative and the tools' parts (public ones only if asked)."""
    cycles = _cycles_so_far(cycle)
    draft = next((getattr(c, "report_draft", None) for c in cycles if c.pk == cycle.pk), None)
    parts = defaultdict(list)
    with registry.shared_reads(cycle):
        for tool in registry.tools():
            for part in tool.annual_parts(cycle):
                if part.section in SECTION_TITLES and (part.public or not public):
                    parts[part.section].append(part)
    sections = []
    for key, title in ANNUAL_SECTIONS:
        narrative = draft.narrative(key).strip() if draft else ""
        if public and draft and key not in draft.public_sections:
            narrative = ""
        section = Section(key, str(title), narrative, parts[key])
        if not narrative and not section.parts and not public:
            section.missing = _missing_text(key)
        if key == "overview":
            context = {"cycles": cycles, "current": cycle}
            history = AnnualPart(key, "reports/parts/cycles.html", context, public=True)
            section.parts = [*section.parts, history]
        sections.append(section)
    return sections


def _render_part(part, *, public: bool) -> str:
    # Parts read their context either whole (`data`) or by name.
    return render_to_string(part.template, {**part.context, "data": part.context, "public": public})


def render_annual(sections: list[Section], *, public: bool, progress: Progress = _no_progress):
    """Render each section to HTML in place, reporting progress after each."""
    total = len(sections)
    for done, section in enumerate(sections, start=1):
        _pause()
        # Each part is a SafeString from render_to_string; the template joins them unescaped.
        parts_html = [_render_part(part, public=public) for part in section.parts]
        section.html = render_to_string(
            "reports/_annual_section.html", {"section": section, "parts_html": parts_html}
        )
        progress(done, total)
    return sections


def workbook_sections(cycle, *, tool_slug: str = "", progress: Progress = _no_progress):
    """Each registered tool's record of the cycle (or one tool's), rendered, in workbook order."""
    tools = [t for t in registry.tools() if not tool_slug or t.slug == tool_slug]
    sections = []
    with registry.shared_reads(cycle):
        for done, tool in enumerate(tools, start=1):
            sections.append(_tool_section(cycle, tool))
            progress(done, len(tools))
    return sections


def _tool_section(cycle, tool) -> Section:
    _pause()
    report = tool.report_section(cycle)
    section = Section(key=tool.slug, title=str(tool.title))
    if report is None:
        section.missing = _("Nothing has been recorded in this tool for the cycle yet.")
        body = ""
    else:
        body = render_to_string(report.template, {**report.context, "data": report.context})
    section.html = render_to_string(
        "reports/_tool_section.html", {"section": section, "body": body}
    )
    return section


def section_count(*, cycle, kind: str, tool_slug: str = "") -> int:
    if kind == ReportJob.Kind.ANNUAL:
        return len(ANNUAL_SECTIONS)
    return len([t for t in registry.tools() if kind == "workbook" or t.slug == tool_slug])


def document_title(*, cycle, kind: str, tool_slug: str = "") -> str:
    if kind == ReportJob.Kind.ANNUAL:
        return _("Annual SEL report to stakeholders")
    if kind == ReportJob.Kind.TOOL:
        tool = registry.get_tool(tool_slug)
        return _("Workbook record: %(tool)s") % {"tool": tool.title if tool else tool_slug}
    return _("SEL action planning workbook record")


def document_html(
    *, cycle, kind: str, sections: list[Section], tool_slug: str = "", language: str = "en"
) -> str:
    """The whole printable document: cover, contents, the rendered sections."""
    title = document_title(cycle=cycle, kind=kind, tool_slug=tool_slug)
    context = {"district": cycle.district, "cycle": cycle, "title": title, "sections": sections}
    context |= {"generated_on": timezone.localdate(), "language": language}
    return render_to_string("reports/document.html", context)


def build_html(
    *, cycle, kind: str, tool_slug: str = "", language: str = "en", progress=_no_progress
) -> str:
    """The document HTML of a report kind, calling `progress(done, total)` after each section."""
    with translation.override(language):
        if kind == ReportJob.Kind.ANNUAL:
            sections = render_annual(annual_sections(cycle), public=False, progress=progress)
        else:
            sections = workbook_sections(cycle, tool_slug=tool_slug, progress=progress)
        return document_html(
            cycle=cycle, kind=kind, sections=sections, tool_slug=tool_slug, language=language
        )
