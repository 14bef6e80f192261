"""Step 5: feedback rounds on a draft, the committee's entry of answers, and the timeline."""

import uuid

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import DraftFactory, FeedbackRoundFactory
from vision.models import (
    ANSWER_MAX,
    FEEDBACK_QUESTIONS,
    FeedbackAnswer,
    FeedbackRound,
    Vision,
)


def _url(name, **kwargs):
    return reverse(f"vision:{name}", kwargs={"district": "riverbend", "cycle": "2026-27", **kwargs})


def _draft(cast, statement="All students thrive.", cycle=None):
    return DraftFactory(cycle=cycle or cast.cycle, statement=statement, author=cast.lead)


def _round(cast, draft=None, **fields):
    return FeedbackRoundFactory(cycle=cast.cycle, draft=draft or _draft(cast), **fields)


def _answer(feedback_round, question, text="", agrees=None, **fields):
    return FeedbackAnswer.objects.create(
        cycle=feedback_round.cycle,
        round=feedback_round,
        question=question,
        agrees=agrees,
        text=text,
        **fields,
    )


# Rounds list and timeline


def test_rounds_page_shows_heading_questions_and_empty_state(cast):
    response = cast.client("viewer").get(_url("feedback"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Step 5: Gather stakeholder feedback and finalize the vision statement." in html
    assert "Questions for feedback on draft" in html
    for question, _yes_no in FEEDBACK_QUESTIONS:
        assert question in html
    assert "Write a draft of the vision statement first" in html
    assert _url("feedback_create") not in html


def test_rounds_page_lists_rounds_with_counts_and_public_link(cast):
    feedback_round = _round(cast, _draft(cast, "A vision worth sharing."))
    _answer(feedback_round, 1, agrees=True, submission=uuid.uuid4())
    _answer(feedback_round, 3, "Caring", submission=uuid.uuid4())
    Vision.objects.filter(cycle=cast.cycle).update(
        finalising_timeline="Board vote in March.", show_next_version=True
    )
    html = cast.client("member").get(_url("feedback")).content.decode()
    assert "A vision worth sharing." in html
    assert "2 answers" in html
    assert "from 2 people" in html
    link = settings.SITE_URL + reverse(
        "vision_public:feedback", kwargs={"token": feedback_round.token}
    )
    assert link in html
    assert "Open" in html
    assert "Board vote in March." in html
    assert _url("feedback_create") in html
    assert _url("feedback_timeline") in html


def test_timeline_edits_the_vision(cast):
    client = cast.client("member")
    response = client.get(_url("feedback_timeline"))
    assert response.status_code == 200
    vision = Vision.objects.get(cycle=cast.cycle)
    response = client.post(
        _url("feedback_timeline"),
        {
            "finalising_timeline": "Final by June.",
            "show_next_version": "False",
            "version": vision.version,
        },
    )
    assert response.status_code == 302
    vision.refresh_from_db()
    assert (vision.finalising_timeline, vision.show_next_version) == ("Final by June.", False)
    html = client.get(_url("feedback")).content.decode()
    assert "Final by June." in html


def test_timeline_stale_edit_is_a_conflict(cast):
    vision = Vision.objects.get(cycle=cast.cycle)
    vision.finalising_timeline = "Theirs."
    vision.version = 2
    vision.save()
    response = cast.client("member").post(
        _url("feedback_timeline"),
        {"finalising_timeline": "Mine.", "show_next_version": "True", "version": 1},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Theirs." in html and "Mine." in html
    vision.refresh_from_db()
    assert vision.finalising_timeline == "Theirs."


def test_viewer_cannot_edit_the_timeline(cast):
    assert cast.client("viewer").get(_url("feedback_timeline")).status_code == 403
    assert cast.client("outsider").get(_url("feedback_timeline")).status_code == 404


# Opening a round


def test_member_opens_a_round_on_a_draft(cast):
    draft = _draft(cast)
    response = cast.client("member").post(
        _url("feedback_create"),
        {"draft": draft.pk, "opens_on": "2026-10-01", "closes_on": "2026-10-15", "ask_name": "on"},
    )
    feedback_round = FeedbackRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("feedback_round", code=feedback_round.code)
    assert (feedback_round.draft, feedback_round.cycle, feedback_round.ask_name) == (
        draft,
        cast.cycle,
        True,
    )


def test_round_form_offers_the_latest_draft_and_dates(cast):
    _draft(cast, "Older.")
    latest = _draft(cast, "Newer.")
    form = cast.client("member").get(_url("feedback_create")).context["form"]
    assert form["draft"].value() == latest.pk
    assert form["opens_on"].value() == timezone.localdate()


def test_round_refuses_another_districts_draft(cast):
    _draft(cast)
    foreign = _draft(cast, "Lakeside's.", cycle=cast.other_cycle)
    response = cast.client("lead").post(
        _url("feedback_create"),
        {"draft": foreign.pk, "opens_on": "2026-10-01", "closes_on": "2026-10-15"},
    )
    assert response.status_code == 200
    assert "draft" in response.context["form"].errors
    assert not FeedbackRound.objects.exists()


def test_round_closing_date_cannot_be_before_opening(cast):
    draft = _draft(cast)
    response = cast.client("lead").post(
        _url("feedback_create"),
        {"draft": draft.pk, "opens_on": "2026-10-15", "closes_on": "2026-10-01"},
    )
    assert response.context["form"].errors["closes_on"] == [
        "The closing date must be on or after the opening date."
    ]
    assert not FeedbackRound.objects.exists()


def test_viewer_cannot_open_a_round(cast):
    draft = _draft(cast)
    data = {"draft": draft.pk, "opens_on": "2026-10-01", "closes_on": "2026-10-15"}
    assert cast.client("viewer").post(_url("feedback_create"), data).status_code == 403
    assert cast.client("outsider").post(_url("feedback_create"), data).status_code == 404
    assert not FeedbackRound.objects.exists()


# Committee entry


def test_committee_entry_needs_one_answer(cast):
    feedback_round = _round(cast)
    response = cast.client("member").post(
        _url("feedback_round", code=feedback_round.code),
        {"respondent": "Ms. Diaz", "text1": "  ", "text3": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Enter at least one answer."]
    assert not FeedbackAnswer.objects.exists()


def test_committee_entry_refuses_oversized_answers(cast):
    feedback_round = _round(cast)
    response = cast.client("member").post(
        _url("feedback_round", code=feedback_round.code),
        {"text3": "x" * (ANSWER_MAX + 1), "text4": "Fine."},
    )
    assert response.status_code == 200
    assert "text3" in response.context["form"].errors
    assert not FeedbackAnswer.objects.exists()


def test_committee_entry_saves_one_respondent(cast):
    feedback_round = _round(cast)
    response = cast.client("member").post(
        _url("feedback_round", code=feedback_round.code),
        {
            "respondent": "Ms. Diaz",
            "agrees1": "yes",
            "text1": "It names all students.",
            "agrees2": "no",
            "text3": "caring",
            "text5": "",
        },
    )
    assert response.status_code == 302
    answers = list(FeedbackAnswer.objects.order_by("question"))
    assert [(a.question, a.agrees, a.text) for a in answers] == [
        (1, True, "It names all students."),
        (2, False, ""),
        (3, None, "caring"),
    ]
    assert {a.entered_by for a in answers} == {cast.member}
    assert {a.respondent for a in answers} == {"Ms. Diaz"}
    assert {a.cycle for a in answers} == {cast.cycle}
    assert len({a.submission for a in answers}) == 1 and answers[0].submission is not None


def test_viewer_reads_but_cannot_enter_answers(cast):
    feedback_round = _round(cast)
    url = _url("feedback_round", code=feedback_round.code)
    response = cast.client("viewer").get(url)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert cast.client("viewer").post(url, {"text3": "x"}).status_code == 403
    assert cast.client("outsider").get(url).status_code == 404
    assert not FeedbackAnswer.objects.exists()


def test_round_of_another_district_is_not_found(cast):
    foreign_draft = _draft(cast, cycle=cast.other_cycle)
    foreign = FeedbackRoundFactory(draft=foreign_draft)
    client = cast.client("lead")
    assert client.get(_url("feedback_round", code=foreign.code)).status_code == 404
    assert client.post(_url("feedback_close", code=foreign.code)).status_code == 404


# The answers, grouped


def test_detail_groups_answers_and_counts_yes_no(cast):
    feedback_round = _round(cast, _draft(cast, "The statement under review."))
    _answer(feedback_round, 1, "Clear and bold.", agrees=True)
    _answer(feedback_round, 1, agrees=True)
    _answer(feedback_round, 1, "Too long.", agrees=False)
    _answer(feedback_round, 2, agrees=False)
    _answer(feedback_round, 4, "What does world-class mean?", respondent="Sam")
    other = _round(cast)
    _answer(other, 1, "Belongs elsewhere.", agrees=False)
    response = cast.client("viewer").get(_url("feedback_round", code=feedback_round.code))
    html = response.content.decode()
    sections = {s["number"]: s for s in response.context["sections"]}
    assert (sections[1]["yes"], sections[1]["no"], sections[1]["answered"]) == (2, 1, 3)
    assert [a.text for a in sections[1]["texts"]] == ["Clear and bold.", "Too long."]
    assert (sections[2]["yes"], sections[2]["no"]) == (0, 1)
    assert [a.text for a in sections[4]["texts"]] == ["What does world-class mean?"]
    assert sections[3]["texts"] == [] and sections[5]["texts"] == []
    assert "The statement under review." in html
    assert "Questions for feedback on draft" in html
    assert "2 yes" in html and "1 no" in html
    assert "Sam" in html
    assert "Belongs elsewhere." not in html


def test_detail_caps_long_lists_and_can_show_them_all(cast):
    feedback_round = _round(cast)
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(cycle=cast.cycle, round=feedback_round, question=3, text=f"Answer {i}")
        for i in range(60)
    )
    url = _url("feedback_round", code=feedback_round.code)
    section = cast.client("viewer").get(url).context["sections"][2]
    assert (len(section["texts"]), section["hidden"], section["total_texts"]) == (50, 10, 60)
    section = cast.client("viewer").get(url + "?question=3").context["sections"][2]
    assert (len(section["texts"]), section["hidden"]) == (60, 0)


def _bulk_answers(feedback_round, n, user):
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(
            cycle=feedback_round.cycle,
            round=feedback_round,
            question=(i % 5) + 1,
            agrees=(i % 2 == 0) if (i % 5) < 2 else None,
            text=f"Answer {i}",
            respondent=f"Person {i}",
            submission=uuid.uuid4(),
            entered_by=user,
        )
        for i in range(n)
    )


def test_detail_query_count_does_not_grow_with_answers(cast):
    small, large = _round(cast), _round(cast)
    _bulk_answers(small, 5, cast.member)
    _bulk_answers(large, 500, cast.member)
    client = cast.client("member")
    counts = []
    for feedback_round in (small, large):
        url = _url("feedback_round", code=feedback_round.code)
        client.get(url)  # warm the session and any caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# Closing


def test_close_stops_the_link(cast):
    feedback_round = _round(cast)
    client = cast.client("member")
    assert client.get(_url("feedback_close", code=feedback_round.code)).status_code == 405
    response = client.post(_url("feedback_close", code=feedback_round.code))
    assert response.status_code == 302
    feedback_round.refresh_from_db()
    assert feedback_round.closed_at is not None
    assert not feedback_round.is_open
    closed_at = feedback_round.closed_at
    client.post(_url("feedback_close", code=feedback_round.code))
    feedback_round.refresh_from_db()
    assert feedback_round.closed_at == closed_at, "closing twice changes nothing"
    html = client.get(_url("feedback_round", code=feedback_round.code)).content.decode()
    assert "Closed by the committee" in html


def test_viewer_cannot_close(cast):
    feedback_round = _round(cast)
    assert (
        cast.client("viewer").post(_url("feedback_close", code=feedback_round.code)).status_code
        == 403
    )
    feedback_round.refresh_from_db()
    assert feedback_round.closed_at is None
