"""The workbook tools, in workbook order: each app declares one `WorkbookTool` in its tool.py.

The dashboard, the cycle navigation and the reports read this registry only, so a tool app
plugs in without any of them importing it.

A report gathers every tool's part of one cycle inside `shared_reads(cycle)`: there, a read made
through `shared_read(cycle, key, read)` runs once, so that tools needing the same rows (the
cycle's long-term goals, its inventory programs) share one query instead of each making its own.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    next_step: str
    details: tuple[str, ...] = ()
    started: bool = False

    @property
    def state(self) -> str:
        if self.done <= 0:
            return "in_progress" if self.started else "not_started"
        return "done" if self.done >= self.total else "in_progress"

    @property
    def state_label(self) -> "StrOrPromise":
        return {
            "not_started": _("Not started"),
            "in_progress": _("In progress"),
            "done": _("Complete"),
        }[self.state]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class ReportSection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AnnualPart:
    """What a tool contributes to one of the seven sections of the annual stakeholder report."""

    section: str  # a key of ANNUAL_SECTIONS
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # Shown on the published summary page too: no names of people, no private notes, no evidence.
    public: bool = False


# The seven recommended areas of a report to stakeholders (continuous improvement, step 3), in
# their order and worded as the workbook words them.
ANNUAL_SECTIONS = (
    ("overview", _("Overview of SEL, history of commitment made by district")),
    ("progress", _("Progress made to date in the broader effort")),
    ("goals", _("Overview of implementation and outcome goals for the most recent year")),
    ("data", _("Introduction of the types of data collected, analyzed, and reported")),
    ("summary", _("Summary of implementation and outcome data")),
    (
        "engagement",
        _("How stakeholders were engaged in the reflection process, and who was involved"),
    ),
    ("learnings", _("Key learnings, conclusions, and next steps")),
)


@contextmanager
def shared_reads(cycle) -> Iterator[None]:
    """Within the block, each `shared_read` of `cycle` runs its read once (nested blocks share)."""
    if "_shared_reads" in cycle.__dict__:
        yield
        return
    cycle._shared_reads = {}
    try:
        yield
    finally:
        del cycle._shared_reads


def shared_read(cycle, key: str, read: Callable[[], Any]) -> Any:
    """`read()`, or what it gave earlier in the same `shared_reads(cycle)` block.

    `key` names the read ("<app>.<what>"); the result is shared, so callers must not change it.
    Outside a block every call reads afresh, as pages that edit the records need.
    """
    memo = cycle.__dict__.get("_shared_reads")
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def not_started(cycle) -> Progress:
    return Progress(
        done=0, total=1, next_step=str(_("Read what the tool needs and gather its materials."))
    )


def citations_of(obj) -> list[dict]:
    """Every tool's records that cite `obj` by its code, for a confirmation page to list.

    Each group is {"kind": plural name, "items": [str, ...]}, the shape of
    `deletion.linked_records`. Citations are codes, not foreign keys: they survive the record's
    removal and come back with it, but the citing tool stops showing the record meanwhile.
    """
    return [group for tool in tools() for group in tool.citations(obj)]


@dataclass(frozen=True)
class WorkbookTool:
    slug: str
    title: str
    order: int
    question: str
    description: str
    estimated_time: str
    materials: str
    url_name: str = ""
    progress: Callable[[Any], Progress] = not_started
    report_section: Callable[[Any], ReportSection | None] = lambda cycle: None
    # A fragment shown in the tool's card on the cycle dashboard (template + context).
    dashboard_panel: Callable[[Any], ReportSection | None] = lambda cycle: None
    annual_parts: Callable[[Any], list[AnnualPart]] = lambda cycle: []
    # carry_forward(*, source, target, links): copies the tool's records from the closing cycle
    # `source` into the new cycle `target`, each copy pointing to its original (`carried_from`).
    # `links` maps (model label, old pk) to the new copy, so that later tools can repoint their
    # references (an inventory program's goal, a roadmap row's goal); tools run in workbook order.
    carry_forward: Callable[..., None] | None = None
    # citations(obj): the tool's records that cite another tool's record by its code.
    citations: Callable[[Any], list[dict]] = lambda obj: []
    # cycle_setup(cycle): makes the tool's one-per-cycle records that do not exist yet, when a
    # cycle is created or launched (after carry_forward), so that no page view creates rows.
    cycle_setup: Callable[[Any], None] | None = None

    def url(self, cycle) -> str:
        kwargs = {"district": cycle.district.slug, "cycle": cycle.slug}
        if self.url_name:
            return reverse(self.url_name, kwargs=kwargs)
        return reverse("districts:tool_overview", kwargs={**kwargs, "tool": self.slug})


_tools: dict[str, WorkbookTool] = {}


def register(tool: WorkbookTool) -> WorkbookTool:
    if tool.slug in _tools and _tools[tool.slug] is not tool:
        raise ValueError(f"A workbook tool named {tool.slug!r} is already registered")
    _tools[tool.slug] = tool
    return tool


def tools() -> list[WorkbookTool]:
    return sorted(_tools.values(), key=lambda t: t.order)


def cycle_setup(cycle) -> None:
    """Every tool's one-per-cycle records for `cycle`, made where missing."""
    for tool in tools():
        if tool.cycle_setup is not None:
            tool.cycle_setup(cycle)


def get_tool(slug: str) -> WorkbookTool | None:
    return _tools.get(slug)


def autodiscover() -> None:
    autodiscover_modules("tool")
