import html

from django.urls import reverse

from rubric.models import Assessment, Consensus, Descriptor, Item, Rating, Submission
from rubric.selectors import suggested_level

from ..factories import AssessmentFactory, MembershipFactory, agree_all, rate_all

BASE = "/d/riverbend/2026-27/rubric/"


def _url(name, assessment, **extra):
    kwargs = {"district": "riverbend", "cycle": "2026-27", "assessment": assessment.code, **extra}
    return reverse(f"rubric:{name}", kwargs=kwargs)


def _ids(item_code, level):
    return list(
        Descriptor.objects.filter(level__item__code=item_code, level__number=level).values_list(
            "pk", flat=True
        )
    )


# Opening assessments


def test_lead_opens_an_assessment(cast):
    response = cast.client("lead").post(
        f"{BASE}new/",
        {"kind": "beginning", "name": "", "opens_on": "2026-09-01", "closes_on": "2026-09-30"},
    )
    assessment = Assessment.objects.get(cycle=cast.cycle)
    assert response["Location"] == _url("assessment", assessment)
    assert (assessment.kind, assessment.status, assessment.framework.is_current) == (
        "beginning",
        "open",
        True,
    )


def test_only_one_assessment_of_a_kind_per_cycle(cast):
    AssessmentFactory(cycle=cast.cycle, kind="beginning")
    response = cast.client("lead").post(
        f"{BASE}new/", {"kind": "beginning", "opens_on": "2026-09-01", "closes_on": "2026-09-30"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == [
        "This cycle already has an assessment of this kind."
    ]


def test_another_point_needs_a_name_and_sensible_dates(cast):
    response = cast.client("lead").post(
        f"{BASE}new/",
        {"kind": "other", "name": " ", "opens_on": "2026-09-30", "closes_on": "2026-09-01"},
    )
    errors = response.context["form"].errors
    assert errors["name"] == ["Name this assessment, for example Mid-year check-in."]
    assert errors["closes_on"] == ["The due date cannot be before the opening date."]
    assert not Assessment.objects.exists()


def test_the_workbook_advice_is_shown(cast):
    page = cast.client("viewer").get(BASE).content.decode()
    assert "at the beginning and end of each school" in page
    assert "No assessment has been opened in this cycle yet." in page


# Individual ratings


def test_member_rates_an_item_with_ticks_and_evidence(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    ticks = _ids("1-A", 2)
    response = cast.client("member").post(
        _url("rate", assessment, item="1-A"),
        {
            "choice": "2",
            "descriptors": ticks,
            "evidence": "Board adopted the vision draft.",
            "evidence_links": "https://example.org/vision",
        },
    )
    assert response.status_code == 302
    rating = Rating.objects.get(assessment=assessment, rater=cast.member, item__code="1-A")
    assert (rating.score, rating.not_sure, rating.evidence_links) == (
        2,
        False,
        "https://example.org/vision",
    )
    assert sorted(rating.descriptors.values_list("pk", flat=True)) == sorted(ticks)
    assert rating.cycle == cast.cycle


def test_save_and_next_goes_to_the_next_item(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    response = cast.client("member").post(
        _url("rate", assessment, item="1-H"), {"choice": "3", "next": ""}
    )
    assert response["Location"] == _url("rate", assessment, item="2-A")


def test_suggested_level_is_the_highest_level_whose_bullets_all_hold(cast):
    item = Item.objects.get(code="1-A")
    levels = list(item.levels.prefetch_related("descriptors").order_by("number"))
    assert suggested_level(levels=levels, checked_ids=set()) is None
    assert suggested_level(levels=levels, checked_ids=set(_ids("1-A", 2))) == 2
    assert suggested_level(levels=levels, checked_ids=set(_ids("1-A", 2) + _ids("1-A", 3))) == 3
    assert suggested_level(levels=levels, checked_ids=set(_ids("1-A", 3)[:-1])) is None


def test_suggestion_never_forces_the_rating(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    client = cast.client("member")
    client.post(
        _url("rate", assessment, item="1-A"), {"choice": "1", "descriptors": _ids("1-A", 3)}
    )
    rating = Rating.objects.get(rater=cast.member)
    assert rating.score == 1
    page = client.get(_url("rate", assessment, item="1-A"))
    assert page.context["suggestion"] == 3


def test_levels_without_descriptors_are_never_suggested(cast):
    item = Item.objects.get(code="2-C")
    levels = list(item.levels.prefetch_related("descriptors"))
    everything = set(Descriptor.objects.filter(level__item=item).values_list("pk", flat=True))
    assert suggested_level(levels=levels, checked_ids=everything) == 1


def test_ticks_that_are_not_plain_numbers_are_a_form_error_not_a_crash(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    ticks = [*_ids("1-A", 2)[:1], "\u00b2", "\u0663", "-1"]  # superscript two, Arabic-Indic three
    response = cast.client("member").post(
        _url("rate", assessment, item="1-A"), {"choice": "5", "descriptors": ticks}
    )
    assert response.status_code == 200
    assert response.context["checked_ids"] == set(ticks[:1])
    assert not Rating.objects.filter(rater=cast.member).exists()


def test_a_tick_id_past_any_integer_column_is_a_form_error(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    response = cast.client("member").post(
        _url("rate", assessment, item="1-A"),
        {"choice": "2", "descriptors": ["99999999999999999999"]},
    )
    assert response.status_code == 200
    assert "descriptors" in response.context["form"].errors
    assert not Rating.objects.filter(rater=cast.member).exists()


def test_not_sure_is_a_rating_without_a_score(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    cast.client("member").post(_url("rate", assessment, item="4-B"), {"choice": "not_sure"})
    rating = Rating.objects.get(rater=cast.member)
    assert (rating.score, rating.not_sure, rating.is_answered) == (None, True, True)


def test_score_outside_one_to_four_is_explained_and_nothing_is_saved(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    for bad in ["5", "0", "-1", "three"]:
        response = cast.client("member").post(
            _url("rate", assessment, item="1-A"), {"choice": bad, "evidence": "kept text"}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["choice"] == [
            "Choose a rating from 1 to 4, or “Not sure”."
        ]
        assert "kept text" in response.content.decode()
    assert not Rating.objects.exists()


def test_bad_links_are_explained(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    response = cast.client("member").post(
        _url("rate", assessment, item="1-A"),
        {"choice": "2", "evidence_links": "javascript:alert(1)"},
    )
    assert "is not a web address" in response.context["form"].errors["evidence_links"][0]
    assert not Rating.objects.exists()


def test_descriptor_of_another_item_is_refused(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    response = cast.client("member").post(
        _url("rate", assessment, item="1-A"), {"choice": "2", "descriptors": _ids("1-B", 2)}
    )
    assert "descriptors" in response.context["form"].errors
    assert not Rating.objects.exists()


def test_progress_is_shown_and_work_can_resume(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    rate_all(assessment, cast.member, score=2)
    Rating.objects.filter(rater=cast.member, item__focus_area__number__gte=3).delete()
    page = cast.client("member").get(_url("assessment", assessment))
    assert (page.context["rated"], page.context["total"]) == (13, 23)
    assert "13 of 23 rated" in page.content.decode()


def test_rating_a_closed_assessment_is_refused_with_a_message(cast):
    assessment = AssessmentFactory(cycle=cast.cycle, status="closed")
    response = cast.client("member").post(
        _url("rate", assessment, item="1-A"), {"choice": "3"}, follow=True
    )
    assert (
        "This assessment is closed, so its ratings can no longer change."
        in response.content.decode()
    )
    assert not Rating.objects.exists()


def test_stale_rating_edit_shows_the_merge_page(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    client = cast.client("member")
    client.post(_url("rate", assessment, item="1-A"), {"choice": "2", "evidence": "first tab"})
    client.post(
        _url("rate", assessment, item="1-A"),
        {"choice": "3", "evidence": "second tab", "version": 1},
    )
    stale = client.post(
        _url("rate", assessment, item="1-A"), {"choice": "4", "evidence": "third tab", "version": 1}
    )
    assert stale.status_code == 409
    assert "third tab" in stale.content.decode() and "second tab" in stale.content.decode()
    assert Rating.objects.get().evidence == "second tab"


# Submitting and the reveal rule


def test_submit_needs_every_item(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    rate_all(assessment, cast.member, score=2)
    Rating.objects.filter(item__code="4-B").update(score=None)
    response = cast.client("member").post(_url("submit", assessment), follow=True)
    assert "1 of 23 still need a rating" in response.content.decode()
    assert not Submission.objects.exists()
    Rating.objects.filter(item__code="4-B").update(not_sure=True)
    cast.client("member").post(_url("submit", assessment))
    assert Submission.objects.filter(assessment=assessment, rater=cast.member).exists()


def test_members_see_others_only_after_submitting_or_reveal(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    second = MembershipFactory(district=cast.district, role="member").user
    rate_all(assessment, cast.member, score=2)
    rate_all(assessment, second, score=3)
    member = cast.client("member")
    refused = member.get(_url("review", assessment))
    assert refused.status_code == 403
    assert "once they have submitted their own" in refused.content.decode()
    assert cast.client("viewer").get(_url("review", assessment)).status_code == 403
    assert cast.client("lead").get(_url("review", assessment)).status_code == 200
    member.post(_url("submit", assessment))
    assert member.get(_url("review", assessment)).status_code == 200
    from django.test import Client

    other = Client()
    other.force_login(second)
    assert other.get(_url("review", assessment)).status_code == 403
    cast.client("lead").post(_url("reveal", assessment))
    assert other.get(_url("review", assessment)).status_code == 200
    assert cast.client("viewer").get(_url("review", assessment)).status_code == 200


def test_viewers_do_not_see_private_evidence(cast):
    assessment = AssessmentFactory(cycle=cast.cycle, revealed=True)
    rate_all(assessment, cast.member, score=2)
    Rating.objects.filter(item__code="1-A").update(
        evidence="Private note about a principal", evidence_private=True
    )
    Rating.objects.filter(item__code="1-B").update(evidence="Shared evidence")
    viewer_page = cast.client("viewer").get(_url("review", assessment)).content.decode()
    assert "Private note about a principal" not in viewer_page
    assert "Shared evidence" in viewer_page
    assert (
        "Private note about a principal"
        in cast.client("lead").get(_url("review", assessment)).content.decode()
    )
    csv_text = cast.client("viewer").get(_url("export", assessment)).content.decode()
    assert "Private note about a principal" not in csv_text and "Shared evidence" in csv_text


def test_disagreement_is_flagged_first(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    rate_all(assessment, cast.member, score=2)
    rate_all(assessment, cast.lead, score=2, **{"3-B": 4, "2-A": 3})
    reviews = cast.client("lead").get(_url("review", assessment)).context["reviews"]
    assert reviews[0].item.code == "3-B"
    assert (reviews[0].spread, reviews[0].disagreement) == (2, True)
    two_a = next(r for r in reviews if r.item.code == "2-A")
    assert (two_a.spread, two_a.disagreement) == (1, False)


# Consensus and closing


def test_lead_records_consensus_with_rationale(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    response = cast.client("lead").post(
        _url("consensus", assessment, item="1-A"),
        {"score": "3", "rationale": "Vision adopted", "discussion_notes": ""},
    )
    assert response.status_code == 302
    consensus = Consensus.objects.get(assessment=assessment, item__code="1-A")
    assert (consensus.score, consensus.recorded_by, consensus.cycle) == (3, cast.lead, cast.cycle)


def test_consensus_without_rationale_or_with_a_bad_score_is_explained(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    response = cast.client("lead").post(
        _url("consensus", assessment, item="1-A"), {"score": "3", "rationale": ""}
    )
    assert response.context["form"].errors["rationale"] == [
        "Write the rationale: why the committee agreed on this score."
    ]
    response = cast.client("lead").post(
        _url("consensus", assessment, item="1-A"), {"score": "9", "rationale": "x"}
    )
    assert response.context["form"].errors["score"] == [
        "Choose the score the committee agreed on, from 1 to 4."
    ]
    assert not Consensus.objects.exists()


def _rated_by_two(cast):
    """Lead and member rate every item 2, but 1-A (3 and 3), 1-B (2 and 3), 1-C (1 and 4)."""
    assessment = AssessmentFactory(cycle=cast.cycle)
    rate_all(assessment, cast.lead, **{"1-A": 3, "1-B": 2, "1-C": 1})
    rate_all(assessment, cast.member, **{"1-A": 3, "1-B": 3, "1-C": 4})
    return assessment


def _accepted(codes, scores: dict, rationale="Ratings agreed."):
    return {"items": codes, "rationale": rationale} | {f"score_{c}": s for c, s in scores.items()}


def test_the_lead_accepts_the_committees_rating_for_every_agreeing_item_at_once(cast):
    assessment = _rated_by_two(cast)
    page = html.unescape(cast.client("lead").get(_url("review", assessment)).content.decode())
    assert "Accept the committee's rating" in page
    assert 'id="accept-1-A"' in page and 'id="accept-1-B"' in page
    assert 'id="accept-1-C"' not in page  # two levels apart: decided on its own
    assert 'name="score_1-B" value="2"' in page  # as many gave 2 as 3: the lower one
    response = cast.client("lead").post(
        _url("consensus_accept", assessment),
        _accepted(["1-A", "1-B", "1-D"], {"1-A": 3, "1-B": 2, "1-D": 2}),
        follow=True,
    )
    assert "Consensus recorded for 3 items, at the committee's rating: 1-A, 1-B, 1-D." in (
        html.unescape(response.content.decode())
    )
    recorded = dict(
        Consensus.objects.filter(assessment=assessment).values_list("item__code", "score")
    )
    assert recorded == {"1-A": 3, "1-B": 2, "1-D": 2}
    consensus = Consensus.objects.get(item__code="1-A")
    assert (consensus.rationale, consensus.recorded_by) == ("Ratings agreed.", cast.lead)
    record = consensus.history.get()
    assert (record.history_user, record.history_change_reason) == (
        cast.lead,
        "Accepted the committee's rating",
    )
    # Accepted items leave the list; the flagged one is still for the lead to decide.
    page = cast.client("lead").get(_url("review", assessment)).content.decode()
    assert 'id="accept-1-A"' not in page and 'id="accept-1-E"' in page


def test_accepting_leaves_an_item_whose_ratings_or_consensus_changed_meanwhile(cast):
    assessment = _rated_by_two(cast)
    Rating.objects.filter(assessment=assessment, item__code="1-D", rater=cast.member).update(
        score=3
    )  # after the page showed 2 and 2, the member changed to 3: now 2 and 3, still 2
    Rating.objects.filter(assessment=assessment, item__code="1-E", rater=cast.lead).update(score=4)
    agree_all(assessment, cast.lead, score=None, **{"2-A": 1})
    response = cast.client("lead").post(
        _url("consensus_accept", assessment),
        _accepted(["1-D", "1-E", "2-A"], {"1-D": 2, "1-E": 2, "2-A": 2}),
        follow=True,
    )
    page = html.unescape(response.content.decode())
    assert "Consensus recorded for 1 item, at the committee's rating: 1-D." in page
    assert "changed since the page was opened: 1-E, 2-A." in page
    assert Consensus.objects.get(item__code="2-A").score == 1
    assert not Consensus.objects.filter(item__code="1-E").exists()


def test_accepting_nothing_or_without_a_rationale_is_explained_beside_the_field(cast):
    assessment = _rated_by_two(cast)
    response = cast.client("lead").post(
        _url("consensus_accept", assessment), _accepted([], {}, rationale="")
    )
    form = response.context["accept_form"]
    assert form.errors["items"] == ["Check at least one item to accept its rating."]
    assert form.errors["rationale"] == ["Write the rationale the accepted items are recorded with."]
    assert 'id="accept-items-error"' in response.content.decode()
    assert not Consensus.objects.exists()


def test_a_member_sees_no_way_to_accept(cast):
    assessment = _rated_by_two(cast)
    assessment.revealed = True
    assessment.save()
    page = cast.client("member").get(_url("review", assessment)).content.decode()
    assert "Accept the committee" not in page


def test_two_leads_recording_consensus_at_once_lose_nothing(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    second_lead = MembershipFactory(district=cast.district, role="lead").user
    from django.test import Client

    other = Client()
    other.force_login(second_lead)
    url = _url("consensus", assessment, item="1-A")
    assert other.post(url, {"score": "2", "rationale": "Second lead's view"}).status_code == 302
    # The first lead's form was opened before the record existed.
    clash = cast.client("lead").post(url, {"score": "3", "rationale": "First lead's view"})
    assert clash.status_code == 409
    body = clash.content.decode()
    assert "Second lead&#x27;s view" in body and "First lead&#x27;s view" in body
    consensus = Consensus.objects.get()
    assert (consensus.score, consensus.rationale) == (2, "Second lead's view")
    resolved = cast.client("lead").post(
        url, {"score": "3", "rationale": "Merged view", "version": consensus.version}
    )
    assert resolved.status_code == 302
    consensus.refresh_from_db()
    assert (consensus.score, consensus.rationale) == (3, "Merged view")
    assert consensus.history.count() == 2


def test_close_needs_every_consensus_then_freezes_and_reopens_with_history(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    agree_all(assessment, cast.lead, score=2, **{"4-B": None})
    client = cast.client("lead")
    refused = client.post(_url("close", assessment), follow=True)
    assert "1 of 23 are missing" in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "open"
    client.post(
        _url("consensus", assessment, item="4-B"), {"score": "1", "rationale": "Not started."}
    )
    client.post(_url("close", assessment))
    assessment.refresh_from_db()
    assert (assessment.status, assessment.closed_by, assessment.revealed) == (
        "closed",
        cast.lead,
        True,
    )
    frozen = client.post(
        _url("consensus", assessment, item="4-B"),
        {"score": "4", "rationale": "Changed"},
        follow=True,
    )
    assert "This assessment is closed" in frozen.content.decode()
    assert Consensus.objects.get(item__code="4-B").score == 1
    client.post(_url("reopen", assessment))
    assessment.refresh_from_db()
    assert assessment.status == "open"
    reasons = list(assessment.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Reopened", "Closed"]


def test_consensus_history_and_restore(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    client = cast.client("lead")
    url = _url("consensus", assessment, item="1-A")
    client.post(url, {"score": "2", "rationale": "First"})
    client.post(url, {"score": "3", "rationale": "Second", "version": 1})
    history = client.get(_url("consensus_history", assessment, item="1-A"))
    records = history.context["page"].object_list
    assert [r.score for r in records] == [3, 2]
    client.post(records[1].restore_url)
    consensus = Consensus.objects.get()
    assert (consensus.score, consensus.rationale, consensus.version) == (2, "First", 3)


# Export and dashboard


def test_csv_export_has_ratings_and_consensus_and_guards_formulas(cast):
    assessment = AssessmentFactory(cycle=cast.cycle, revealed=True)
    rate_all(assessment, cast.member, score=2, **{"1-B": "not sure"})
    Rating.objects.filter(item__code="1-A").update(evidence="=HYPERLINK(1)")
    agree_all(assessment, cast.lead, score=3)
    response = cast.client("member").get(_url("export", assessment))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "item,title,rater,rating,evidence,consensus,rationale"
    assert any(line.startswith("1-B,") and ",not sure," in line for line in lines)
    assert any("'=HYPERLINK(1)" in line for line in lines)
    assert sum(1 for line in lines if line.endswith("Agreed on 3.")) == 23


def test_dashboard_shows_the_latest_consensus_by_focus_area_and_what_is_open(cast):
    closed = AssessmentFactory(cycle=cast.cycle, kind="beginning", status="closed")
    agree_all(closed, cast.lead, score=2, **{"1-A": 4})
    AssessmentFactory(cycle=cast.cycle, kind="end")
    page = cast.client("viewer").get("/d/riverbend/2026-27/")
    progress = next(p for tool, p, _url, _panel in page.context["tools"] if tool.slug == "rubric")
    assert (progress.done, progress.total) == (1, 2)
    assert progress.next_step.startswith("End of the year: 0 submitted")
    assert progress.details[0] == "Focus area 1: 2.2 (Beginning of the year 2026-27)"
    assert progress.state == "in_progress"


def test_report_section_has_the_latest_closed_assessment(cast):
    from rubric.tool import TOOL

    assert TOOL.report_section(cast.cycle) is None
    closed = AssessmentFactory(cycle=cast.cycle, status="closed")
    agree_all(closed, cast.lead, score=3)
    section = TOOL.report_section(cast.cycle)
    assert section.template == "rubric/report_section.html"
    assert section.context["assessment"] == closed
    assert [a.average for a in section.context["areas"]] == [3.0, 3.0, 3.0, 3.0]


def test_another_districts_assessment_is_not_found(cast):
    foreign = AssessmentFactory(cycle=cast.other_cycle)
    url = reverse(
        "rubric:assessment",
        kwargs={"district": "riverbend", "cycle": "2026-27", "assessment": foreign.code},
    )
    assert cast.client("lead").get(url).status_code == 404
    assert (
        cast.client("lead")
        .post(
            reverse(
                "rubric:rate",
                kwargs={
                    "district": "riverbend",
                    "cycle": "2026-27",
                    "assessment": foreign.code,
                    "item": "1-A",
                },
            ),
            {"choice": "2"},
        )
        .status_code
        == 404
    )
    assert not Rating.objects.exists()


def test_dashboard_and_assessment_pages_cost_the_same_with_many_assessments(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import CycleFactory

    first = AssessmentFactory(cycle=cast.cycle, status="closed")
    agree_all(first, cast.lead, score=2)
    rate_all(first, cast.member, score=2)
    client = cast.client("member")
    urls = ["/d/riverbend/2026-27/", BASE, _url("assessment", first), _url("review", first)]

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = [count(url) for url in urls]
    for index in range(19):
        cycle = CycleFactory(
            district=cast.district, label=f"{2000 + index}-{(index + 1) % 100:02d}"
        )
        other = AssessmentFactory(cycle=cycle, status="closed")
        agree_all(other, cast.lead, score=3)
    AssessmentFactory(cycle=cast.cycle, kind="end")
    assert [count(url) for url in urls] == before


def test_csv_export_guards_look_alike_formula_signs_and_names(cast):
    import csv
    import io

    assessment = AssessmentFactory(cycle=cast.cycle, revealed=True)
    cast.member.full_name = "＝cmd|' /C calc'!A0"
    cast.member.save(update_fields=["full_name"])
    rate_all(assessment, cast.member, score=2)
    Rating.objects.filter(item__code="1-A").update(evidence="＋HYPERLINK(1)")
    agree_all(assessment, cast.lead, score=3)
    Consensus.objects.filter(item__code="1-A").update(rationale="﹫SUM(A1)")
    body = cast.client("member").get(_url("export", assessment)).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    first = [row for row in rows if row[0] == "1-A"]
    assert first[0][6] == "'﹫SUM(A1)"
    assert {row[2] for row in first[1:]} == {"'＝cmd|' /C calc'!A0"}
    assert "'＋HYPERLINK(1)" in {row[4] for row in first[1:]}
