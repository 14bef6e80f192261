"""Planted strings: nothing of district B ever reaches anyone of district A.

Both districts get the demo's full content (two cycles, every tool, public links, reports,
removed records); then every text value of district B, its history and its people carries a
marker unique to its model and field (`planting.plant_markers`). Every URL of the access
matrix is requested by each kind of visitor of district A (GET and POST where the URL takes
them, and once per URL as htmx), along with the exports, the report previews, a generated
PDF, the HTML every report is printed from, A's public links and the weekly digest emails,
and no response may contain a marker. A failure names the URL, the visitor and the fields
that leaked.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import get_resolver, reverse

from sel_planner.districts import registry
from sel_planner.districts.models import PlanningCycle
from tests.conftest import Cast
from tests.factories import ReportJobFactory
from tests.reports.support import ensure_rubric_framework
from tests.test_access_matrix import OPEN, RULES, SIGNED_IN

from .planting import (
    body_text,
    marker_for,
    markers_in,
    plant_markers,
    response_text,
    seed_district,
    seed_links_and_files,
)

CYCLE_ONLY = {"district", "cycle"}
ROLES = ["anonymous", "viewer", "member", "lead"]


@dataclass
class Planted:
    cast: Cast
    spare: PlanningCycle  # an empty cycle of A, for matrix objects the demo content clashes with
    previous: PlanningCycle
    links: dict
    pdf: object
    markers: dict
    skipped: list
    storages: dict
    emails: list = field(default_factory=list)


def _generate_pdf(cycle, user):
    """A's annual report, generated as the worker does (other kinds are checked as HTML)."""
    from sel_planner.reports.worker import report_generate

    job = ReportJobFactory(cycle=cycle, kind="annual", requested_by=user, progress_total=1)
    report_generate(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return job


def _digest_day(district):
    """A day on which district A's people have open activities due or overdue."""
    from actionplan.models import Activity

    due = (
        Activity.objects.filter(cycle__district=district, owner__isnull=False)
        .exclude(due_date=None)
        .order_by("-due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    assert due is not None, "the demo action plan has dated activities with owners"
    return due


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("planted-media")
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        override_settings(
            STORAGES=storages,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ALLOWED_HOSTS=["testserver"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        ensure_rubric_framework()  # a transactional test earlier in the run may have flushed it
        a = seed_district(slug="avondale", name="Avondale Unified", domain="a.planted.example")
        b = seed_district(slug="birchwood", name="Birchwood Schools", domain="b.planted.example")
        links = seed_links_and_files(a)
        seed_links_and_files(b)
        spare = PlanningCycle.objects.create(
            district=a.district,
            label="2027-28",
            start_date=a.cycle.end_date + timedelta(days=1),
            end_date=a.cycle.end_date + timedelta(days=366),
        )
        markers, skipped = plant_markers(district=b.district)
        b.district.refresh_from_db()
        b.cycle.refresh_from_db()
        b.lead.refresh_from_db()
        cast = Cast(
            district=a.district,
            cycle=a.cycle,
            school=a.district.schools.order_by("name").first(),
            lead=a.lead,
            member=a.member,
            viewer=a.viewer,
            outsider=b.lead,
            other_district=b.district,
            other_cycle=b.cycle,
        )
        pdf = _generate_pdf(a.cycle, a.lead)
        data = Planted(cast, spare, a.previous, links, pdf, markers, skipped, storages)
        from actionplan.services import reminder_send_digests

        mail.outbox = []
        reminder_send_digests(today=_digest_day(a.district))
        data.emails = list(mail.outbox)
        yield data
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _planted_files(planted, settings):
    """The module's generated reports and uploads, where every test of this file can read them."""
    settings.STORAGES = planted.storages


def _client(planted, role):
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(planted.cast, role))
    return client


def _params(name) -> set:
    """The names of a URL pattern's arguments."""
    resolver = get_resolver()
    namespace, _sep, short = name.rpartition(":")
    for part in namespace.split(":") if namespace else []:
        resolver = resolver.namespace_dict[part][1]
    possibilities = resolver.reverse_dict.getlist(short)
    return set(possibilities[0][0][0][1]) if possibilities else set()


def _kwargs(planted, name, rule):
    """The rule's own objects in A's demo cycle, or in A's spare cycle when they clash there.

    A rule that only prepares a cycle-wide record (a survey, the report draft) clashes with
    the demo's own, which then serves: the page is shown on the demo cycle as it is.
    """
    cast = planted.cast
    try:
        with transaction.atomic():
            return rule.kwargs(cast)
    except Exception:  # a matrix object clashing with demo content
        if _params(name) == CYCLE_ONLY:
            return {"district": cast.district.slug, "cycle": cast.cycle.slug}
    spare = Cast(**{**cast.__dict__, "cycle": planted.spare})
    return rule.kwargs(spare)


@dataclass
class Crawl:
    """One visitor's requests, each answer searched for markers; leaks are collected, not raised."""

    planted: Planted
    role: str
    leaks: list = field(default_factory=list)
    requests: int = 0
    answered: int = 0  # 200 responses: pages really shown, not refusals
    client: Client = None

    def __post_init__(self):
        # Signed in once: every request runs in a savepoint, so even logging out is undone.
        self.client = _client(self.planted, self.role)

    def check(self, label, response):
        self.requests += 1
        self.answered += response.status_code == 200
        found = markers_in(response_text(response), self.planted.markers)
        if found:
            self.leaks.append(f"{label} as {self.role}: {', '.join(sorted(found))}")

    def request(self, method, label, url, **headers):
        """One request in its own savepoint, so that it changes nothing the next one sees."""
        with transaction.atomic():
            self.check(label, getattr(self.client, method)(url, **headers))
            transaction.set_rollback(True)

    def visit(self, name, url, methods, *, htmx=False):
        cache.clear()  # rate limits count per address, and the whole crawl is one address
        for method in ("get", "post"):
            if method in methods:
                self.request(method, f"{method.upper()} {name} {url}", url)
        if htmx:
            # Some views answer htmx with a partial instead of the page.
            method = "get" if "get" in methods else "post"
            label = f"{method.upper()} {name} {url} (htmx)"
            self.request(method, label, url, HTTP_HX_REQUEST="true")

    def isolated(self, name, build, methods, **options):
        """Build the URL (its rule may create the object it names) and visit it in a savepoint."""
        with transaction.atomic():
            self.visit(name, build(), methods, **options)
            transaction.set_rollback(True)

    def report(self):
        assert not self.leaks, (
            f"{len(self.leaks)} responses to district A showed district B's text:\n"
            + "\n".join(self.leaks)
        )


def _matrix_urls(planted):
    """(name, build, methods, in the closed cycle) for every URL of the access matrix."""
    previous = {"district": planted.cast.district.slug, "cycle": planted.previous.slug}
    for name, rule in RULES.items():
        methods = {m for m, need in (("get", rule.get), ("post", rule.post)) if need}
        yield (
            name,
            (lambda n=name, r=rule: reverse(n, kwargs=_kwargs(planted, n, r))),
            methods,
            False,
        )
        if _params(name) == CYCLE_ONLY and rule.get:
            # Last year's closed cycle, with its two rubric assessments: read-only pages.
            yield name, (lambda n=name: reverse(n, kwargs=previous)), {"get"}, True
    for name, rule in {**OPEN, **SIGNED_IN}.items():
        methods = {m.lower() for m in rule.methods}
        yield (
            name,
            (lambda n=name, r=rule: reverse(n, kwargs=r.kwargs(planted.cast))),
            methods,
            False,
        )


def _demo_urls(planted):
    """The pages of A's own demo records the matrix does not reach: exports, reports, rubric."""
    cast = planted.cast
    for cycle in (cast.cycle, planted.previous):
        at = {"district": cast.district.slug, "cycle": cycle.slug}
        for tool in registry.tools():
            yield (
                "districts:tool_overview",
                reverse("districts:tool_overview", kwargs={**at, "tool": tool.slug}),
            )
        for kind in ("annual", "workbook"):
            yield "reports:preview", reverse("reports:preview", kwargs={**at, "kind": kind})
        for table in ("inventory", "build-on"):
            for fmt in ("csv", "xlsx"):
                yield (
                    "inventory:export",
                    reverse("inventory:export", kwargs={**at, "table": table, "fmt": fmt}),
                )
        for assessment in cycle.rubric_assessment_set.all():
            for page in ("assessment", "review", "results", "export", "history"):
                yield (
                    f"rubric:{page}",
                    reverse(f"rubric:{page}", kwargs={**at, "assessment": assessment.code}),
                )
            for page in ("rate", "consensus", "consensus_history"):
                kwargs = {**at, "assessment": assessment.code, "item": "1-C"}
                yield f"rubric:{page}", reverse(f"rubric:{page}", kwargs=kwargs)
        for program in cycle.inventory_program_set.order_by("pk")[:2]:
            for page in ("program", "program_edit", "next_steps", "program_merge"):
                yield (
                    f"inventory:{page}",
                    reverse(f"inventory:{page}", kwargs={**at, "code": program.code}),
                )
            kwargs = {**at, "code": program.code, "field": "grades"}
            yield "inventory:cell_edit", reverse("inventory:cell_edit", kwargs=kwargs)
        for rollout in cycle.roadmap_schoolrollout_set.order_by("pk")[:1]:
            kwargs = {**at, "code": rollout.code}
            yield "roadmap:rollout_edit", reverse("roadmap:rollout_edit", kwargs=kwargs)
    at = {"district": cast.district.slug, "cycle": cast.cycle.slug}
    for job in (planted.pdf, planted.links["job"]):
        yield "reports:download", reverse("reports:download", kwargs={**at, "code": job.code})
        yield "reports:job", reverse("reports:job", kwargs={**at, "code": job.code})
    failed = planted.links["failed_job"]
    yield "reports:job", reverse("reports:job", kwargs={**at, "code": failed.code})
    material = planted.links["material"]
    yield (
        "vision:material_download",
        reverse("vision:material_download", kwargs={**at, "code": material.code}),
    )


# Fewest pages each visitor must really be shown (status 200), so the crawl cannot pass by
# being refused everywhere.
SHOWN = {"anonymous": 5, "viewer": 60, "member": 180, "lead": 300}


@pytest.mark.parametrize("role", ROLES)
def test_no_response_to_district_a_shows_district_b(planted, role, db):
    crawl = Crawl(planted, role)
    for name, build, methods, closed in _matrix_urls(planted):
        # The htmx variant goes once per URL, with the lead, who may reach every URL.
        crawl.isolated(name, build, methods, htmx=role == "lead" and not closed)
    if role != "anonymous":
        for name, url in _demo_urls(planted):
            crawl.isolated(name, lambda u=url: u, {"get"})
    assert crawl.answered >= SHOWN[role], (crawl.answered, crawl.requests)
    crawl.report()


def test_public_links_of_district_a_show_nothing_of_b(planted, db):
    crawl = Crawl(planted, "anonymous")
    links = planted.links
    for name, token in (
        ("vision_public:questionnaire", links["questionnaire"]),
        ("vision_public:feedback", links["feedback"]),
        ("inventory_public:survey", links["survey"]),
        ("reports_public:summary", links["summary"]),
    ):
        methods = {"get"} if name == "reports_public:summary" else {"get", "post"}
        crawl.isolated(
            name, lambda n=name, t=token: reverse(n, kwargs={"token": t}), methods, htmx=True
        )
    invitation = {"district": planted.cast.district.slug, "token": links["invitation"]}
    crawl.isolated(
        "accounts:invitation_accept",
        lambda: reverse("accounts:invitation_accept", kwargs=invitation),
        {"get", "post"},
        htmx=True,
    )
    assert crawl.requests == 14
    assert crawl.answered >= 5, "each link shows its page"
    crawl.report()


def test_codes_of_b_in_a_addresses_show_nothing_of_b(planted, db):
    """Views that read a record's code from the query string find only A's own records."""
    from goals.models import Goal
    from inventory.models import Program
    from vision.models import Draft

    cast, b_cycle = planted.cast, planted.cast.other_cycle
    at = {"district": cast.district.slug, "cycle": cast.cycle.slug}
    b_drafts = [str(d.code) for d in Draft.objects.filter(cycle=b_cycle).order_by("pk")[:2]]
    b_goal = Goal.objects.filter(cycle=b_cycle).first()
    b_school = cast.other_district.schools.first()
    b_program = Program.objects.filter(cycle=b_cycle).first()
    a_program = Program.objects.filter(cycle=cast.cycle).first()
    merge = reverse("inventory:program_merge", kwargs={**at, "code": a_program.code})
    crawl = Crawl(planted, "lead")
    for name, query in (
        ("vision:draft_create", f"?from={b_drafts[0]}"),
        ("vision:draft_compare", f"?a={b_drafts[0]}&b={b_drafts[1]}"),
        ("roadmap:reflection_add", f"?goal={b_goal.code}"),
        ("roadmap:rollout_add", f"?school={b_school.code}"),
    ):
        crawl.isolated(name, lambda n=name, q=query: reverse(n, kwargs=at) + q, {"get"})
    crawl.isolated("inventory:program_merge", lambda: f"{merge}?target={b_program.pk}", {"get"})
    with transaction.atomic():
        response = crawl.client.post(merge, {"target": b_program.pk})
        crawl.check("POST inventory:program_merge target of B", response)
        assert response.status_code == 200, "a program of B is not a choice"
        transaction.set_rollback(True)
    assert crawl.requests == 6
    crawl.report()


def test_reports_of_a_show_nothing_of_b(planted, db):
    """A's generated PDF, and the HTML every kind of report of A is printed from."""
    from sel_planner.reports.assembly import build_html

    with planted.pdf.file.open("rb") as handle:
        text = body_text(handle.read())
    assert planted.cast.district.name in " ".join(text.split()), "the PDF's text was read"
    assert markers_in(text, planted.markers) == set()

    documents = [("annual", ""), ("workbook", "")] + [("tool", t.slug) for t in registry.tools()]
    for cycle in (planted.cast.cycle, planted.previous):
        for kind, tool in documents:
            html = build_html(cycle=cycle, kind=kind, tool_slug=tool)
            assert planted.cast.district.name in html
            assert markers_in(html, planted.markers) == set(), (cycle.label, kind, tool)


def test_weekly_digests_to_a_show_nothing_of_b(planted, db):
    a_people = {u.email for u in (planted.cast.lead, planted.cast.member, planted.cast.viewer)}
    a_people |= set(planted.cast.district.memberships.values_list("user__email", flat=True))
    to_a = [m for m in planted.emails if set(m.to) & a_people]
    assert to_a, "the weekly digest reached district A's people"
    assert len(planted.emails) > len(to_a), "district B's people got theirs too"
    for message in to_a:
        text = "\n".join([message.subject, message.body, *message.to])
        text += "".join(content for content, _type in getattr(message, "alternatives", []))
        assert markers_in(text, planted.markers) == set(), message.to


def test_every_text_field_of_b_carries_a_marker(planted, db):
    """The planting reached every tool, the history and B's people, so the crawl means something."""
    labels = set(planted.markers.values())
    for expected in (
        "districts.District.name",
        "districts.School.name",
        "accounts.User.full_name",
        "accounts.User.email",
        "vision.Draft.statement",
        "vision.HistoricalDraft.statement",
        "goals.Goal.statement",
        "inventory.Program.name",
        "rubric.Rating.evidence",
        "roadmap.Target.text",
        "actionplan.Activity.action",
        "reports.ReportDraft.private_notes",
    ):
        assert expected in labels, expected
    assert len(labels) > 300
    assert planted.skipped == [], planted.skipped
    b = planted.cast.other_district
    b.refresh_from_db()
    assert b.name.startswith(marker_for("districts.District.name"))
    assert planted.cast.outsider.email.startswith(marker_for("accounts.User.email").lower())


def test_the_checker_finds_a_marker_planted_in_district_a(planted, db):
    """The detector itself: a marker in A's own school name is found on A's schools page."""
    cast = planted.cast
    label = "districts.School.name"
    type(cast.school).objects.filter(pk=cast.school.pk).update(name=f"{marker_for(label)}-1-Oak")
    crawl = Crawl(planted, "viewer")
    url = reverse("districts:schools", kwargs={"district": cast.district.slug})
    crawl.visit("districts:schools", url, {"get"})
    assert crawl.requests == 1
    assert crawl.leaks == [f"GET districts:schools {url} as viewer: {label}"]
    with pytest.raises(AssertionError, match=label):
        crawl.report()


def test_the_checker_reads_pdfs_spreadsheets_and_redirects(planted):
    from django.http import HttpResponseRedirect

    from sel_planner.reports.pdf import html_to_pdf

    pdf_label, zip_label, url_label = "goals.Goal.statement", "inventory.Program.name", "x.Y.z"
    planted_markers = {marker_for(x).lower(): x for x in (pdf_label, zip_label, url_label)}
    pdf = html_to_pdf(f"<p>All students grow. {marker_for(pdf_label)}-7-Belonging</p>")
    assert markers_in(body_text(pdf), planted_markers) == {pdf_label}
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as xlsx:
        xlsx.writestr("xl/sharedStrings.xml", f"<t>{marker_for(zip_label)}-3-PBIS</t>")
    assert markers_in(body_text(archive.getvalue()), planted_markers) == {zip_label}
    redirect = HttpResponseRedirect(f"/d/{marker_for(url_label)}-2-lakeside/")
    assert markers_in(response_text(redirect), planted_markers) == {url_label}
    assert (
        markers_in(body_text(b"<p>Nothing planted here: ZQB, zqbxyz.</p>"), planted_markers)
        == set()
    )
