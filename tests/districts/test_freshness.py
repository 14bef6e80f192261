"""The cached dashboard cards and previews follow every write to the district, and nothing else."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import Priority
from rubric.models import Submission
from sel_planner.districts import freshness, summary
from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.portability import district_delete
from vision.models import CommitteeRole

from ..factories import AssessmentFactory, ReportDraftFactory

DASHBOARD = "/d/riverbend/2026-27/"
PREVIEW = "/d/riverbend/2026-27/reports/preview/annual/"


def _dashboard(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_a_second_visit_reads_the_cards_from_the_cache(cast):
    client = cast.client("member")
    _page, first = _dashboard(client)
    _page, second = _dashboard(client)
    # Six tools' progress and panels cost a dozen queries; the cached cards cost none.
    assert second <= first - 8


def test_a_new_record_shows_on_the_next_visit(cast):
    client = cast.client("member")
    page, _ = _dashboard(client)
    assert "Belonging for every student" not in page
    Priority.objects.create(cycle=cast.cycle, phrase="Belonging for every student")
    page, _ = _dashboard(client)
    assert "Belonging for every student: no goal yet" in page


def test_an_edit_and_a_removal_show_on_the_next_visit(cast):
    priority = Priority.objects.create(cycle=cast.cycle, phrase="Belonging")
    client = cast.client("member")
    assert "Belonging: no goal yet" in _dashboard(client)[0]
    priority.phrase = "Safe and welcoming schools"
    priority.save()
    page, _ = _dashboard(client)
    assert "Safe and welcoming schools: no goal yet" in page
    assert "Belonging: no goal yet" not in page
    priority.delete()
    assert "Safe and welcoming schools" not in _dashboard(client)[0]


def test_writes_change_only_their_own_districts_version(cast):
    mine, theirs = cast.district.pk, cast.other_district.pk
    before_mine, before_theirs = freshness.version(mine), freshness.version(theirs)
    assert freshness.version(mine) == before_mine  # asking does not change it

    Priority.objects.create(cycle=cast.other_cycle, phrase="Their priority")
    assert freshness.version(mine) == before_mine
    assert freshness.version(theirs) != before_theirs

    role = CommitteeRole.objects.create(cycle=cast.cycle, title="Facilitator")
    after_create = freshness.version(mine)
    assert after_create != before_mine
    role.members.add(cast.member)  # a many-to-many change, no save of the role
    assert freshness.version(mine) != after_create


def test_a_record_reached_through_another_finds_its_district_in_one_query(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    submission = Submission(assessment_id=assessment.pk, rater=cast.member)
    with CaptureQueriesContext(connection) as captured:
        assert freshness.district_of(submission) == cast.district.pk
    assert len(captured) == 1
    # With the chain already loaded, no query at all.
    loaded = Submission(assessment=assessment, rater=cast.member)
    with CaptureQueriesContext(connection) as captured:
        assert freshness.district_of(loaded) == cast.district.pk
    assert len(captured) == 0
    assert freshness.district_of(cast.member) is None  # a person belongs to no one district


def test_deleting_a_record_gives_its_district_a_new_version_and_no_other(cast):
    role = CommitteeRole.objects.create(cycle=cast.cycle, title="Facilitator")
    role.members.add(cast.member)
    mine, theirs = cast.district.pk, cast.other_district.pk
    before_mine, before_theirs = freshness.version(mine), freshness.version(theirs)
    role.members.remove(cast.member)
    after_remove = freshness.version(mine)
    assert after_remove != before_mine
    CommitteeRole.objects.get(pk=role.pk).delete()
    assert freshness.version(mine) != after_remove
    assert freshness.version(theirs) == before_theirs


def test_a_name_change_shows_but_a_login_does_not_count(cast):
    before = freshness.version(cast.district.pk)
    cast.member.last_login = datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)
    cast.member.save(update_fields=["last_login"])
    assert freshness.version(cast.district.pk) == before
    cast.member.first_name = "Renamed"
    cast.member.save()
    assert freshness.version(cast.district.pk) != before


def test_the_version_changes_again_when_the_transaction_commits(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Priority.objects.create(cycle=cast.cycle, phrase="Belonging")
        during = freshness.version(cast.district.pk)
    assert callbacks  # the change is recorded again on commit ...
    assert freshness.version(cast.district.pk) != during  # ... with yet another version


def test_a_new_day_computes_the_cards_again(cast, monkeypatch):
    client = cast.client("member")
    _dashboard(client)
    _page, cached = _dashboard(client)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(summary.timezone, "localdate", lambda: tomorrow)
    _page, next_day = _dashboard(client)
    assert next_day > cached


def test_removing_the_district_drops_its_cached_summaries(cast, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    _dashboard(cast.client("member"))
    assert cast.client("member").get(PREVIEW).status_code == 200
    preview_key = summary.KEY.format(cast.cycle.pk, "preview-annual")
    assert cache.get(preview_key) is not None
    key = summary.KEY.format(cast.cycle.pk, "cards")
    assert cache.get(key) is not None
    cycle_ids = list(
        PlanningCycle.objects.filter(district=cast.district).values_list("pk", flat=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        district_delete(district=cast.district)
    assert cycle_ids
    assert cache.get(key) is None
    assert cache.get(preview_key) is None
    assert cache.get(freshness.VERSION_KEY.format(cast.district.pk)) is None


def test_the_report_preview_follows_the_narrative_and_is_read_from_the_cache(cast):
    draft = ReportDraftFactory(cycle=cast.cycle, overview="Our first year of SEL.")
    client = cast.client("viewer")

    def preview() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(PREVIEW)
        assert response.status_code == 200
        return response.content.decode(), len(captured)

    page, first = preview()
    assert "Our first year of SEL." in page
    page, second = preview()
    assert second < first and "Our first year of SEL." in page
    draft.overview = "Two years of SEL in every school."
    draft.save()
    page, _ = preview()
    assert "Two years of SEL in every school." in page
    assert "Our first year of SEL." not in page


def test_only_named_summaries_are_kept(cast):
    with pytest.raises(ValueError, match="not one of"):
        summary.cached(cast.cycle, "anything", lambda: 1)
