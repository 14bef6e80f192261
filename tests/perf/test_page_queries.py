"""Every page of a demo cycle costs the same number of queries at 1x and 4x the rows, at most 25.

The demo district (seed_demo, plus the few records it lacks: a material, the questionnaire, the
inventory survey, a finished report) is crawled as its lead, every GET page with real codes;
then every row of the district is copied three times (tests/perf/growth.py) and the crawl runs
again. A page listed in OVER_BUDGET is pinned at its exact count, so a change either way shows.
A GET page of the project that is neither crawled nor in EXCLUDED fails
`test_every_get_page_is_crawled_or_excluded`.
"""

import io
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ..factories import DraftFactory, EngagementSessionFactory, ReportJobFactory, SurveyFactory
from ..test_access_matrix import OPEN, RULES, SIGNED_IN

# The tests read measurements taken once for the module; the mark has the test database made.
pytestmark = pytest.mark.django_db

BUDGET = 25

# A page's cost must not grow with the district's data; the budget leaves room for plain reads
# (a query per related table) over reads packed into one query. The print previews are the
# costliest pages (every tool's report part, the reads several tools need made once through
# registry.shared_reads).
#
# Pages that cannot be brought under BUDGET, pinned at their exact count (at 1x and 4x). None.
OVER_BUDGET: dict[str, int] = {}

# GET pages not crawled here, and why.
EXCLUDED = {
    # Downloads: a file, not a page; their own tests assert what they send.
    "vision:material_download": "a file download",
    "inventory:export": "CSV/XLSX downloads, constant-count checked in tests/inventory",
    "rubric:export": "a CSV download",
    "reports:download": "a PDF download",
    # Needs a parsed upload in the session first; tests/inventory/test_transfer.py covers it.
    "inventory:import_preview": "needs an uploaded file in the session",
    # Reached without a district: no cycle to grow. tests/districts/test_query_counts.py
    # covers the district picker; the others are Django's own account pages and public links.
    "healthz": "no database rows of a district",
    "accounts:login": "no district",
    "accounts:password_reset": "no district",
    "accounts:password_reset_done": "no district",
    "accounts:password_reset_confirm": "no district",
    "accounts:password_reset_complete": "no district",
    "accounts:invitation_accept": "a public link, checked in tests/accounts",
    "accounts:password_change": "no district",
    "accounts:password_change_done": "no district",
    "districts:home": "the district picker, checked in tests/districts/test_query_counts.py",
    "vision_public:questionnaire": "a public link, checked in tests/vision",
    "vision_public:feedback": "a public link, checked in tests/vision",
    "inventory_public:survey": "a public link, checked in tests/inventory",
    "reports_public:summary": "a public link, checked in tests/reports",
}


def _first(queryset):
    return queryset.order_by("pk").first()


def _pages(cycle, lead) -> dict[str, tuple[str, dict]]:
    """Each page to crawl: label -> (URL name, kwargs), with codes of the demo's own records."""
    from actionplan.models import Activity, AnnualGoal
    from actionplan.models import Milestone as PlanMilestone
    from goals.models import Cluster, Goal, Priority
    from inventory.models import Interview, Mention, Person, Program
    from roadmap.models import ReflectionRow, RoadmapRow, SchoolRollout, Target
    from rubric.models import Assessment
    from sel_planner.districts.registry import tools
    from sel_planner.reports.models import ReportJob
    from vision import models as vision

    district = cycle.district
    d = {"district": district.slug}
    c = {**d, "cycle": cycle.slug}
    of = {"cycle": cycle}
    goal = _first(Goal.objects.filter(**of))
    annual = _first(AnnualGoal.objects.filter(**of, milestones__isnull=False).distinct())
    activity = _first(Activity.objects.filter(**of))
    program = _first(Program.objects.filter(**of))
    assessment = _first(Assessment.objects.filter(**of))
    closed = _first(Assessment.objects.filter(cycle__district=district, status="closed"))
    target = _first(Target.objects.filter(**of))
    draft = _first(vision.Draft.objects.filter(**of))
    member = _first(district.memberships.exclude(user=lead))
    school = _first(district.schools.all())

    def code(model, **filters):
        return {**c, "code": _first(model.objects.filter(**of, **filters)).code}

    pages = {
        "districts:cycles": ("districts:cycles", d),
        "districts:cycle_create": ("districts:cycle_create", d),
        "districts:settings": ("districts:settings", d),
        "districts:members": ("districts:members", d),
        "districts:member_invite": ("districts:member_invite", d),
        "districts:member_remove": ("districts:member_remove", {**d, "code": member.code}),
        "districts:schools": ("districts:schools", d),
        "districts:school_create": ("districts:school_create", d),
        "districts:school_edit": ("districts:school_edit", {**d, "code": school.code}),
        "districts:school_delete": ("districts:school_delete", {**d, "code": school.code}),
        "districts:history": (
            "districts:history",
            {**d, "kind": "school", "code": school.code},
        ),
        "districts:audit": ("districts:audit", d),
        "districts:dashboard": ("districts:dashboard", c),
        "districts:cycle_edit": ("districts:cycle_edit", c),
    }
    for tool in tools():
        pages[f"districts:tool_overview[{tool.slug}]"] = (
            "districts:tool_overview",
            {**c, "tool": tool.slug},
        )
    plain = {
        "vision": "home start committee committee_notes role_create milestone_create "
        "material_create stakeholders group_create question_create session_create questionnaire "
        "synthesis theme_create drafts draft_create draft_compare feedback feedback_create "
        "feedback_timeline",
        "goals": "home guidelines workspace_edit reflection discussion_notes priorities",
        "rubric": "home items assessment_create",
        "inventory": "home earlier workspace_edit people person_add interviews survey table "
        "program_add removed build_on import_upload",
        "reports": "home draft_edit draft_history",
        "roadmap": "home reflection reflection_add grid roadmap_edit rollout rollout_add pictures",
        "actionplan": "home my_work launch",
    }
    for app, names in plain.items():
        for name in names.split():
            pages[f"{app}:{name}"] = (f"{app}:{name}", c)
    coded = {
        "vision:role_edit": code(vision.CommitteeRole),
        "vision:role_delete": code(vision.CommitteeRole),
        "vision:milestone_edit": code(vision.Milestone),
        "vision:milestone_delete": code(vision.Milestone),
        "vision:material_edit": code(vision.Material),
        "vision:material_delete": code(vision.Material),
        "vision:group_edit": code(vision.StakeholderGroup),
        "vision:question_edit": code(vision.Question),
        "vision:question_delete": code(vision.Question, responses__isnull=True),
        "vision:session": code(vision.EngagementSession),
        "vision:session_edit": code(vision.EngagementSession),
        "vision:session_delete": code(
            vision.EngagementSession, responses__isnull=True, questionnaire__isnull=True
        ),
        "vision:responses_record": code(vision.EngagementSession),
        "vision:response_edit": code(vision.Response),
        "vision:response_delete": code(vision.Response),
        "vision:theme_edit": code(vision.Theme),
        "vision:theme_delete": code(vision.Theme),
        "vision:draft_edit": {**c, "code": draft.code},
        "vision:draft_delete": code(vision.Draft, is_final=False, feedback_rounds__isnull=True),
        "vision:draft_finalise": {**c, "code": draft.code},
        "vision:feedback_round": code(vision.FeedbackRound),
        "vision:history": {**c, "kind": "draft", "code": draft.code},
        "goals:cluster_summarise": code(Cluster),
        "goals:priority_edit": code(Priority),
        "goals:priority_delete": code(Priority, goal__isnull=True),
        "goals:goal_edit": code(Priority),
        "goals:goal": {**c, "code": goal.code},
        "goals:goal_delete": {**c, "code": goal.code},
        "goals:feedback_add": {**c, "code": goal.code},
        "goals:history": {**c, "kind": "goal", "code": goal.code},
        "rubric:item": {**c, "item": "1-E"},
        "rubric:assessment": {**c, "assessment": assessment.code},
        "rubric:assessment_edit": {**c, "assessment": assessment.code},
        "rubric:rate": {**c, "assessment": assessment.code, "item": "1-C"},
        "rubric:review": {**c, "assessment": assessment.code},
        "rubric:consensus": {**c, "assessment": assessment.code, "item": "1-C"},
        # Last year's closed assessment: this year's has no consensus yet.
        "rubric:consensus_history": {
            **d,
            "cycle": closed.cycle.slug,
            "assessment": closed.code,
            "item": "1-C",
        },
        "rubric:results": {**c, "assessment": assessment.code},
        "rubric:history": {**c, "assessment": assessment.code},
        "inventory:person_edit": code(Person),
        "inventory:person_delete": code(Person),
        "inventory:interview": code(Interview),
        "inventory:interview_delete": code(Interview),
        "inventory:mention_edit": code(Mention),
        "inventory:program": {**c, "code": program.code},
        "inventory:program_edit": {**c, "code": program.code},
        "inventory:cell_edit": {**c, "code": program.code, "field": "grades"},
        "inventory:program_delete": {**c, "code": program.code},
        "inventory:program_merge": {**c, "code": program.code},
        "inventory:next_steps": {**c, "code": program.code},
        "inventory:history": {**c, "kind": "program", "code": program.code},
        "reports:job": code(ReportJob),
        "reports:job_delete": code(ReportJob),
        "roadmap:reflection_edit": code(ReflectionRow),
        "roadmap:reflection_delete": code(ReflectionRow),
        "roadmap:row_edit": {**c, "code": goal.code},
        "roadmap:target_add": code(RoadmapRow),
        "roadmap:target_edit": {**c, "code": target.code},
        "roadmap:rollout_edit": code(SchoolRollout),
        "roadmap:history": {**c, "kind": "target", "code": target.code},
        "actionplan:annual_create": {**c, "code": goal.code},
        "actionplan:annual": {**c, "code": annual.code},
        "actionplan:annual_edit": {**c, "code": annual.code},
        "actionplan:rationale_edit": {**c, "code": annual.code},
        "actionplan:annual_delete": {**c, "code": annual.code},
        "actionplan:milestone_edit": {**c, "code": annual.code, "quarter": 2},
        "actionplan:milestone": code(PlanMilestone),
        "actionplan:activity_create": code(PlanMilestone),
        "actionplan:activity": {**c, "code": activity.code},
        "actionplan:activity_edit": {**c, "code": activity.code},
        "actionplan:activity_delete": {**c, "code": activity.code},
        "actionplan:reflection_edit": {**c, "code": annual.code, "point": "midyear"},
        "actionplan:improvement_edit": {**c, "code": annual.code},
        "actionplan:history": {**c, "kind": "activity", "code": activity.code},
    }
    pages.update({name: (name, kwargs) for name, kwargs in coded.items()})
    for kind in ("annual", "workbook"):
        pages[f"reports:preview[{kind}]"] = ("reports:preview", {**c, "kind": kind})
    return pages


def _complete_demo(cycle, lead):
    """The records seed_demo leaves out but some pages show: a material, links, a report."""
    from goals.models import GoalsWorkspace
    from sel_planner.accounts.services import invitation_create
    from vision.models import Material
    from vision.services_links import questionnaire_publish

    today = timezone.localdate()
    # Made on the first visit of the goals' vision page; made here so both crawls see it.
    GoalsWorkspace.objects.get_or_create(cycle=cycle)
    # A session and a draft nothing points to yet, so that their delete pages show.
    EngagementSessionFactory(
        cycle=cycle, held_on=today, title="Staff listening session", format="small_group"
    )
    DraftFactory(cycle=cycle, statement="All students belong.", author=lead)
    material = Material(cycle=cycle, kind="plan", title="Strategic plan", text="Every student.")
    material.file.save("plan.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    material.save()
    questionnaire_publish(
        cycle=cycle,
        opens_on=today,
        closes_on=today + timedelta(days=14),
        ask_group=True,
        ask_name=False,
    )
    SurveyFactory(cycle=cycle)
    ReportJobFactory(cycle=cycle, requested_by=lead, progress_total=8, size=13, done=True)
    invitation_create(
        district=cycle.district, email="new@riverbend.example", role="member", invited_by=lead
    )


def _sizes(cycle) -> dict[str, int]:
    """Rows behind a few crawled pages: the lists that must grow for a page to be tested."""
    from actionplan.models import Milestone
    from inventory.models import Interview
    from rubric.models import Assessment
    from vision.models import EngagementSession

    interview = _first(Interview.objects.filter(cycle=cycle, mentions__isnull=False))
    milestone = _first(Milestone.objects.filter(cycle=cycle, activities__isnull=False))
    session = _first(EngagementSession.objects.filter(cycle=cycle, responses__isnull=False))
    return {
        "mentions of the interview": interview.mentions.count(),
        "activities of the milestone": milestone.activities.count(),
        "responses of the session": session.responses.count(),
        "ratings of the open assessment": _first(
            Assessment.objects.filter(cycle=cycle)
        ).ratings.count(),
        "programs": cycle.inventory_program_set.count(),
        "members": cycle.district.memberships.count(),
        "schools": cycle.district.schools.count(),
    }


WRITES = ("INSERT", "UPDATE", "DELETE")


def _crawl(client, pages) -> dict[str, tuple[int, int, list[str], str]]:
    """label -> (status, query count, the statements that write, the HTML) of one GET of each
    page."""
    counts = {}
    for label, (name, kwargs) in pages.items():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(name, kwargs=kwargs))
        writes = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(WRITES)]
        counts[label] = (response.status_code, len(captured), writes, response.content.decode())
    return counts


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker, tmp_path_factory):
    """The crawl at 1x and at 4x the demo rows: pages, counts at 1x and 4x, how it grew."""
    from sel_planner.districts.models import PlanningCycle

    from .growth import district_grow

    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("media"))},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        django_db_blocker.unblock(),
        override_settings(
            STORAGES=storages,
            ALLOWED_HOSTS=["testserver"],
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            # The idle-session renewal writes the session once a minute: keep it out of the counts.
            SESSION_IDLE_RENEW_SECONDS=10**9,
        ),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        cycle = PlanningCycle.objects.select_related("district").get(
            district__slug="riverbend", slug="2026-27"
        )
        lead = cycle.district.memberships.get(user__email="lead@riverbend.example").user
        _complete_demo(cycle, lead)
        client = Client()
        client.force_login(lead)
        home = {"district": cycle.district.slug, "cycle": cycle.slug}
        client.get(reverse("districts:dashboard", kwargs=home))  # starts the idle period
        pages = _pages(cycle, lead)
        small = _crawl(client, pages)
        sizes = [_sizes(cycle)]
        copies = district_grow(district=cycle.district, rounds=3)
        for year in range(2019, 2025):
            PlanningCycle.objects.create(
                district=cycle.district,
                label=f"{year}-{(year + 1) % 100:02d}",
                start_date=f"{year}-08-01",
                end_date=f"{year + 1}-07-31",
                phase=PlanningCycle.Phase.CLOSED,
            )
        large = _crawl(client, pages)
        sizes.append(_sizes(cycle))
        transaction.set_rollback(True)
    cache.clear()
    return pages, small, large, (copies, sizes)


def _get_pages() -> set[str]:
    rules = {name for name, rule in RULES.items() if rule.get is not None}
    return (
        rules
        | {n for n, r in OPEN.items() if "GET" in r.methods}
        | {n for n, r in SIGNED_IN.items() if "GET" in r.methods}
    )


def test_every_get_page_is_crawled_or_excluded(measured):
    pages, *_rest = measured
    crawled = {name for name, _kwargs in pages.values()}
    assert _get_pages() - crawled - set(EXCLUDED) == set(), "add the page to _pages()"
    assert crawled & set(EXCLUDED) == set(), "a page is both crawled and excluded"
    assert set(EXCLUDED) - _get_pages() == set(), "EXCLUDED lists pages that are gone"
    assert set(OVER_BUDGET) <= set(pages), "OVER_BUDGET lists pages that are not crawled"


def test_the_district_grew_four_times(measured):
    *_rest, (copies, (before, after)) = measured
    # The lists behind the crawled pages hold four times their rows.
    assert {name: 4 * n for name, n in before.items()} == after
    # Three copies of the demo's records of each kind, people included.
    for label in (
        "vision.Response",
        "vision.Draft",
        "goals.Goal",
        "inventory.Program",
        "inventory.Interview",
        "inventory.Mention",
        "rubric.Rating",
        "roadmap.Target",
        "actionplan.Milestone",
        "actionplan.Activity",
        "districts.Membership",
        "districts.School",
    ):
        assert copies[label] > 0, label


def test_every_page_answers(measured):
    pages, small, large, _growth = measured
    broken = {
        label: (small[label][0], large[label][0])
        for label in pages
        if small[label][0] != 200 or large[label][0] != 200
    }
    assert broken == {}, "pages not answering 200 at (1x, 4x)"


def test_query_counts_are_constant_and_within_budget(measured):
    pages, small, large, _growth = measured
    offending = {}
    for label in pages:
        few, many = small[label][1], large[label][1]
        allowed = OVER_BUDGET.get(label)
        if few != many or (few > BUDGET if allowed is None else few != allowed):
            offending[label] = (few, many)
    report = "\n".join(f"  {label}: {few} -> {many}" for label, (few, many) in offending.items())
    assert offending == {}, f"pages (queries at 1x -> 4x), budget {BUDGET}:\n{report}"


def test_no_page_writes_on_get(measured):
    """Opening a page never creates or changes a row: one-per-cycle records come with the cycle."""
    pages, small, large, _growth = measured
    writes = {label: small[label][2] + large[label][2] for label in pages}
    assert {label: sql for label, sql in writes.items() if sql} == {}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Labels(HTMLParser):
    """Each label of a page as assistive technology reads it (without what is aria-hidden),
    and the ids of the controls that say they are required."""

    def __init__(self):
        super().__init__()
        self.labels: list[dict] = []
        self.required: set[str] = set()
        self._stack: list[tuple[str, bool]] = []  # open elements: (tag, hides its content)
        self._label: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select", "textarea"} and (
            "required" in attrs or attrs.get("aria-required") == "true"
        ):
            self.required.add(attrs.get("id", ""))
        if tag == "label" and "for" in attrs:
            self._label = {"for": attrs["for"], "class": attrs.get("class") or "", "text": ""}
        if tag not in VOID:
            self._stack.append((tag, attrs.get("aria-hidden") == "true"))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break
        if tag == "label" and self._label is not None:
            self.labels.append(self._label)
            self._label = None

    def handle_data(self, data):
        if self._label is not None and not any(hidden for _tag, hidden in self._stack):
            self._label["text"] += data


def test_every_fields_accessible_name_is_its_label(measured):
    """A label reads as its text alone, without the asterisk (hidden from assistive technology),
    a form field's label also without space around it; the field it names says itself that it
    is required."""
    pages, small, _large, _growth = measured
    problems = []
    for label in pages:
        parser = _Labels()
        parser.feed(small[label][3])
        for found in parser.labels:
            text, name = found["text"], " ".join(found["text"].split())
            of_a_field = {"form-label", "form-check-label"} & set(found["class"].split())
            if not name or name.endswith("*") or (of_a_field and text != name):
                problems.append(f"{label}: label for {found['for']} reads {text!r}")
            if "requiredField" in found["class"] and found["for"] not in parser.required:
                problems.append(f"{label}: {found['for']} is marked required but is not")
    assert problems == [], "\n".join(problems[:40])
