"""The online questionnaire and the feedback link:
publishing them, and answering them without an account."""

from datetime import timedelta

from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import DraftFactory, EngagementSessionFactory, FeedbackRoundFactory
from vision.models import (
    ANSWER_MAX,
    EngagementSession,
    FeedbackAnswer,
    Question,
    Questionnaire,
    Response,
    StakeholderGroup,
)
from vision.services import vision_setup
from vision.services_links import questionnaire_publish

TODAY = timezone.localdate


def _url(name, **kwargs):
    return reverse(f"vision:{name}", kwargs={"district": "riverbend", "cycle": "2026-27", **kwargs})


def _public(link):
    return reverse("vision_public:questionnaire", kwargs={"token": link.token})


def _feedback_url(link):
    return reverse("vision_public:feedback", kwargs={"token": link.token})


def _questionnaire(cast, **fields):
    vision_setup(cycle=cast.cycle)
    options = {
        "opens_on": TODAY() - timedelta(days=1),
        "closes_on": TODAY() + timedelta(days=7),
        "ask_group": True,
        "ask_name": True,
        **fields,
    }
    return questionnaire_publish(cycle=cast.cycle, **options)


def _answers(cast, **extra):
    questions = list(cast.cycle.vision_question_set.all())
    return questions, {f"q{questions[0].pk}": "  Kindness and courage.  ", **extra}


def _settings_form(**fields):
    return {
        "opens_on": TODAY().isoformat(),
        "closes_on": (TODAY() + timedelta(days=14)).isoformat(),
        "ask_group": "on",
        **fields,
    }


# ---------------------------------------------------------------------------------------------
# Committee side
# ---------------------------------------------------------------------------------------------


def test_publishing_creates_the_questionnaire_and_its_session(cast):
    client = cast.client("member")
    assert client.get(_url("questionnaire")).status_code == 200
    response = client.post(_url("questionnaire"), _settings_form())
    assert response.status_code == 302
    assert response["Location"] == _url("questionnaire")
    link = Questionnaire.objects.get()
    session = link.session
    assert (session.cycle, session.format, session.title, session.held_on) == (
        cast.cycle,
        "questionnaire",
        "Online questionnaire",
        TODAY(),
    )
    assert (link.cycle, link.ask_group, link.ask_name, link.closes_on) == (
        cast.cycle,
        True,
        False,
        TODAY() + timedelta(days=14),
    )
    assert Question.objects.filter(cycle=cast.cycle).count() == 6, "publishing seeds the questions"
    page = client.get(_url("questionnaire"))
    body = page.content.decode()
    assert f"{django_settings.SITE_URL}/s/{link.token}/" in body
    assert "The questionnaire is published. Share its link." in body
    assert "What do we want all students to know" in body
    assert page.context["received"] == {"answers": 0, "people": 0}


def test_closing_date_before_the_opening_date_is_refused(cast):
    response = cast.client("member").post(
        _url("questionnaire"),
        _settings_form(closes_on=(TODAY() - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"] == [
        "The closing date must be on or after the opening date."
    ]
    assert not Questionnaire.objects.exists()
    assert not EngagementSession.objects.exists()


def test_a_link_cannot_be_published_without_questions_or_in_the_past(cast):
    vision_setup(cycle=cast.cycle)
    client = cast.client("member")
    past = (TODAY() - timedelta(days=1)).isoformat()
    response = client.post(_url("questionnaire"), _settings_form(opens_on=past, closes_on=past))
    assert "closes_on" in response.context["form"].errors
    Question.objects.filter(cycle=cast.cycle).delete()
    response = client.post(_url("questionnaire"), _settings_form())
    assert response.context["form"].non_field_errors() == [
        "Add at least one discussion question in Step 2 first."
    ]
    assert not Questionnaire.objects.exists()


def test_publishing_twice_at_once_publishes_once(cast):
    _questionnaire(cast)
    response = cast.client("member").post(_url("questionnaire"), _settings_form())
    assert response.status_code == 409, "the second editor's form had no version: a conflict"
    assert Questionnaire.objects.count() == 1


def test_viewer_reads_but_cannot_publish_and_outsider_finds_nothing(cast):
    link = _questionnaire(cast)
    page = cast.client("viewer").get(_url("questionnaire"))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert link.token in page.content.decode()
    assert cast.client("viewer").post(_url("questionnaire"), _settings_form()).status_code == 403
    assert cast.client("viewer").post(_url("questionnaire_close")).status_code == 403
    assert cast.client("outsider").get(_url("questionnaire")).status_code == 404
    assert cast.client("outsider").post(_url("questionnaire_close")).status_code == 404
    link.refresh_from_db()
    assert link.closed_at is None


def test_viewer_before_publishing_creates_nothing(cast):
    before = Question.objects.count()
    page = cast.client("viewer").get(_url("questionnaire"))
    assert page.status_code == 200
    assert "has not published the questionnaire" in page.content.decode()
    assert Question.objects.count() == before
    assert not Questionnaire.objects.exists()


def test_closing_and_reopening_the_link(cast):
    link = _questionnaire(cast)
    client = cast.client("member")
    response = client.post(_url("questionnaire_close"), follow=True)
    assert "The questionnaire link is closed." in response.content.decode()
    link.refresh_from_db()
    assert link.closed_at is not None
    assert cast.client(None).get(_public(link)).status_code == 410
    response = client.post(
        _url("questionnaire"),
        _settings_form(closes_on=(TODAY() + timedelta(days=30)).isoformat(), version=link.version),
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.closed_at is None
    assert link.closes_on == TODAY() + timedelta(days=30)
    assert cast.client(None).get(_public(link)).status_code == 200


def test_closing_without_a_questionnaire_is_not_found(cast):
    assert cast.client("member").post(_url("questionnaire_close")).status_code == 404


def test_stale_edit_of_the_settings_is_a_conflict(cast):
    link = _questionnaire(cast)
    opened_version = link.version
    client = cast.client("member")
    first = client.post(
        _url("questionnaire"), _settings_form(ask_name="on", version=opened_version)
    )
    assert first.status_code == 302
    stale = cast.client("lead").post(
        _url("questionnaire"),
        _settings_form(closes_on=(TODAY() + timedelta(days=3)).isoformat(), version=opened_version),
    )
    assert stale.status_code == 409
    link.refresh_from_db()
    assert link.ask_name is True
    assert link.closes_on == TODAY() + timedelta(days=14)


def test_committee_page_counts_answers_received(cast):
    link = _questionnaire(cast)
    questions, data = _answers(cast)
    data[f"q{questions[1].pk}"] = "Belonging."
    cast.client(None).post(_public(link), data)
    page = cast.client("viewer").get(_url("questionnaire"))
    assert page.context["received"] == {"answers": 2, "people": 1}


# ---------------------------------------------------------------------------------------------
# The public questionnaire
# ---------------------------------------------------------------------------------------------


def test_anyone_can_answer_and_answers_share_a_submission(cast):
    link = _questionnaire(cast)
    questions, data = _answers(cast)
    data[f"q{questions[2].pk}"] = "Safe and joyful."
    data[f"q{questions[3].pk}"] = "   "
    families = StakeholderGroup.objects.get(cycle=cast.cycle, key="families")
    client = cast.client(None)
    page = client.get(_public(link))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Riverbend Unified" in body
    assert questions[0].text in body
    assert "district" not in page.context, "no district navigation on a public page"
    assert "Planning cycles" not in body
    response = client.post(_public(link), {**data, "group": families.pk, "respondent": " Ana "})
    assert response.status_code in (302, 303)
    assert response["Location"] == f"{_public(link)}?thanks=1"
    stored = list(Response.objects.order_by("question__position"))
    assert [(r.question, r.text) for r in stored] == [
        (questions[0], "Kindness and courage."),
        (questions[2], "Safe and joyful."),
    ]
    assert {r.submission for r in stored} != {None}
    assert len({r.submission for r in stored}) == 1
    assert all(
        (r.session, r.cycle, r.group, r.respondent) == (link.session, cast.cycle, families, "Ana")
        for r in stored
    )
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you" in thanks.content.decode()
    assert "Kindness" not in thanks.content.decode(), "nobody sees the answers"


def test_a_second_person_gets_another_submission(cast):
    link = _questionnaire(cast)
    _questions, data = _answers(cast)
    cast.client(None).post(_public(link), data)
    cast.client(None).post(_public(link), data)
    assert Response.objects.values("submission").distinct().count() == 2


def test_empty_answers_are_refused_and_nothing_is_stored(cast):
    link = _questionnaire(cast)
    questions = list(cast.cycle.vision_question_set.all())
    response = cast.client(None).post(
        _public(link), {f"q{q.pk}": "  " for q in questions} | {"respondent": "Ana"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Answer at least one question."]
    assert "Answer at least one question." in response.content.decode()
    assert not Response.objects.exists()


def test_an_oversized_answer_is_refused_beside_its_field(cast):
    link = _questionnaire(cast)
    questions, data = _answers(cast)
    data[f"q{questions[1].pk}"] = "x" * (ANSWER_MAX + 1)
    response = cast.client(None).post(_public(link), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [f"q{questions[1].pk}"]
    assert str(ANSWER_MAX) in form.errors[f"q{questions[1].pk}"][0]
    assert not Response.objects.exists()


def test_the_honeypot_thanks_a_robot_and_stores_nothing(cast):
    link = _questionnaire(cast)
    _questions, data = _answers(cast)
    client = cast.client(None)
    page = client.get(_public(link)).content.decode()
    assert 'name="website"' in page
    assert 'tabindex="-1"' in page and 'autocomplete="off"' in page
    assert 'aria-hidden="true"' in page
    response = client.post(_public(link), {**data, "website": "http://spam.example"}, follow=True)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not Response.objects.exists()


def test_a_closed_link_takes_no_answers(cast):
    link = _questionnaire(cast)
    link.closed_at = timezone.now()
    link.save()
    _questions, data = _answers(cast)
    client = cast.client(None)
    page = client.get(_public(link))
    assert page.status_code == 410
    body = page.content.decode()
    assert "This questionnaire is closed" in body
    assert "Riverbend Unified" in body
    assert "What do we want" not in body
    assert client.post(_public(link), data).status_code == 410
    assert not Response.objects.exists()


def test_a_link_of_a_closed_cycle_takes_no_answers(cast):
    from sel_planner.districts.models import PlanningCycle

    link = _questionnaire(cast)
    cast.cycle.phase = PlanningCycle.Phase.CLOSED
    cast.cycle.save()
    _questions, data = _answers(cast)
    assert cast.client(None).get(_public(link)).status_code == 410
    assert cast.client(None).post(_public(link), data).status_code == 410
    assert not Response.objects.exists()


def test_a_link_before_its_dates_is_not_open_yet(cast):
    opens = TODAY() + timedelta(days=3)
    link = _questionnaire(cast, opens_on=opens, closes_on=opens + timedelta(days=7))
    _questions, data = _answers(cast)
    page = cast.client(None).get(_public(link))
    assert page.status_code == 410
    assert "not open yet" in page.content.decode()
    assert page.context["opens_on"] == opens
    assert cast.client(None).post(_public(link), data).status_code == 410
    assert not Response.objects.exists()


def test_a_link_after_its_dates_has_ended(cast):
    link = _questionnaire(
        cast, opens_on=TODAY() - timedelta(days=10), closes_on=TODAY() - timedelta(days=1)
    )
    _questions, data = _answers(cast)
    page = cast.client(None).get(_public(link))
    assert page.status_code == 410
    assert "This questionnaire is closed" in page.content.decode()
    assert cast.client(None).post(_public(link), data).status_code == 410
    assert not Response.objects.exists()


def test_a_wrong_token_is_a_polite_not_found(cast):
    _questionnaire(cast)
    for method in ("get", "post"):
        response = getattr(cast.client(None), method)(
            reverse("vision_public:questionnaire", kwargs={"token": "made-up"})
        )
        assert response.status_code == 404
        assert "This questionnaire link is not valid" in response.content.decode()


def test_another_cycles_group_is_refused(cast):
    link = _questionnaire(cast)
    vision_setup(cycle=cast.other_cycle)
    theirs = StakeholderGroup.objects.filter(cycle=cast.other_cycle).first()
    _questions, data = _answers(cast)
    response = cast.client(None).post(_public(link), {**data, "group": theirs.pk})
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert not Response.objects.exists()


def test_answers_go_to_the_links_own_session_whatever_is_posted(cast):
    link = _questionnaire(cast)
    other = EngagementSessionFactory(cycle=cast.cycle, held_on=TODAY())
    _questions, data = _answers(cast)
    cast.client(None).post(
        _public(link), {**data, "session": other.pk, "cycle": cast.other_cycle.pk}
    )
    assert [(r.session, r.cycle) for r in Response.objects.all()] == [(link.session, cast.cycle)]


def test_questions_the_link_does_not_ask_are_left_out(cast):
    link = _questionnaire(cast, ask_group=False, ask_name=False)
    families = StakeholderGroup.objects.get(cycle=cast.cycle, key="families")
    page = cast.client(None).get(_public(link))
    assert "group" not in page.context["form"].fields
    assert "respondent" not in page.context["form"].fields
    _questions, data = _answers(cast)
    cast.client(None).post(_public(link), {**data, "group": families.pk, "respondent": "Ana"})
    stored = Response.objects.get()
    assert (stored.group, stored.respondent) == (None, "")


def test_the_commitment_fills_the_question_as_asked(cast):
    vision = vision_setup(cycle=cast.cycle)
    vision.commitment_text = "every student feeling that they belong"
    vision.save()
    link = _questionnaire(cast)
    body = cast.client(None).get(_public(link)).content.decode()
    assert "The district has made a commitment to every student feeling that they belong." in body


def test_a_flood_of_posts_is_rate_limited(cast, settings):
    settings.PUBLIC_LINK_RATE = "3/m"
    link = _questionnaire(cast)
    _questions, data = _answers(cast)
    client = cast.client(None)
    for _ in range(3):
        assert client.post(_public(link), data).status_code == 302
    limited = client.post(_public(link), data)
    assert limited.status_code == 429
    assert Response.objects.count() == 3
    assert client.get(_public(link)).status_code == 200, "reading has a budget of its own"


def test_a_flood_of_reads_is_rate_limited_and_leaves_answering_alone(cast, settings):
    settings.PUBLIC_LINK_RATE = "3/m"
    link = _questionnaire(cast)
    _questions, data = _answers(cast)
    client = cast.client(None)
    reads = [client.get(_public(link)) for _ in range(4)]
    assert [r.status_code for r in reads] == [200, 200, 200, 429]
    assert "Too many attempts" in reads[-1].content.decode()
    assert all(r["X-Robots-Tag"] == "noindex, nofollow" for r in reads)
    assert client.get(f"{_public(link)}?thanks=1").status_code == 429, "the thanks page too"
    assert client.post(_public(link), data).status_code == 302
    assert Response.objects.count() == 1


def test_public_page_queries_do_not_grow_with_responses(cast):
    link = _questionnaire(cast)
    question = cast.cycle.vision_question_set.first()

    def _add(n):
        Response.objects.bulk_create(
            Response(cycle=cast.cycle, session=link.session, question=question, text=f"Answer {i}")
            for i in range(n)
        )

    client = cast.client(None)
    _add(5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_public(link)).status_code == 200
    _add(495)
    with CaptureQueriesContext(connection) as many:
        assert client.get(_public(link)).status_code == 200
    assert len(many) == len(few)


# ---------------------------------------------------------------------------------------------
# The public feedback link
# ---------------------------------------------------------------------------------------------


def _round(cast, **fields):
    draft = DraftFactory(
        cycle=cast.cycle,
        statement="Every student belongs.\nEvery school <b>listens</b>.",
        author=cast.lead,
    )
    options = {
        "opens_on": TODAY() - timedelta(days=1),
        "closes_on": TODAY() + timedelta(days=7),
        "ask_name": True,
        **fields,
    }
    return FeedbackRoundFactory(draft=draft, **options)


def test_anyone_can_give_feedback_on_the_draft(cast):
    feedback_round = _round(cast)
    client = cast.client(None)
    page = client.get(_feedback_url(feedback_round))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Every student belongs.<br>Every school &lt;b&gt;listens&lt;/b&gt;." in body
    assert "Which words, phrases, or sentences are most important?" in body
    assert "district" not in page.context
    response = client.post(
        _feedback_url(feedback_round),
        {
            "agrees1": "yes",
            "text1": " It says belonging. ",
            "agrees2": "no",
            "text3": "belongs",
            "respondent": "Sam",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{_feedback_url(feedback_round)}?thanks=1"
    answers = list(FeedbackAnswer.objects.order_by("question"))
    assert [(a.question, a.agrees, a.text) for a in answers] == [
        (1, True, "It says belonging."),
        (2, False, ""),
        (3, None, "belongs"),
    ]
    assert len({a.submission for a in answers}) == 1 and answers[0].submission is not None
    assert all(
        (a.round, a.cycle, a.respondent) == (feedback_round, cast.cycle, "Sam") for a in answers
    )
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_feedback_needs_one_answer_and_a_sane_length(cast):
    feedback_round = _round(cast)
    client = cast.client(None)
    empty = client.post(_feedback_url(feedback_round), {"text4": "  ", "respondent": "Sam"})
    assert empty.status_code == 200
    assert empty.context["form"].non_field_errors() == ["Answer at least one question."]
    long = client.post(_feedback_url(feedback_round), {"text5": "x" * (ANSWER_MAX + 1)})
    assert list(long.context["form"].errors) == ["text5"]
    odd = client.post(_feedback_url(feedback_round), {"agrees1": "maybe"})
    assert "agrees1" in odd.context["form"].errors
    assert not FeedbackAnswer.objects.exists()


def test_feedback_honeypot_and_rate_limit(cast, settings):
    settings.PUBLIC_LINK_RATE = "3/m"
    feedback_round = _round(cast)
    client = cast.client(None)
    robot = client.post(_feedback_url(feedback_round), {"text3": "Buy now", "website": "x"})
    assert robot.status_code == 302
    assert not FeedbackAnswer.objects.exists()
    for _ in range(2):
        assert client.post(_feedback_url(feedback_round), {"text3": "Belongs"}).status_code == 302
    assert client.post(_feedback_url(feedback_round), {"text3": "Belongs"}).status_code == 429
    assert FeedbackAnswer.objects.count() == 2


def test_a_flood_of_feedback_reads_is_rate_limited(cast, settings):
    settings.PUBLIC_LINK_RATE = "3/m"
    feedback_round = _round(cast)
    client = cast.client(None)
    statuses = [client.get(_feedback_url(feedback_round)).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert cast.client(None).get(_feedback_url(feedback_round)).status_code == 429, "per visitor"
    other = cast.client(None).get(_feedback_url(feedback_round), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def test_closed_expired_and_unknown_feedback_links(cast):
    closed = _round(cast, closed_at=timezone.now())
    ended = _round(
        cast, opens_on=TODAY() - timedelta(days=9), closes_on=TODAY() - timedelta(days=2)
    )
    early = _round(
        cast, opens_on=TODAY() + timedelta(days=2), closes_on=TODAY() + timedelta(days=9)
    )
    client = cast.client(None)
    for feedback_round in (closed, ended, early):
        assert client.get(_feedback_url(feedback_round)).status_code == 410
        assert client.post(_feedback_url(feedback_round), {"text3": "Hi"}).status_code == 410
    assert "This feedback link is closed" in client.get(_feedback_url(closed)).content.decode()
    assert "not open yet" in client.get(_feedback_url(early)).content.decode()
    unknown = client.get(reverse("vision_public:feedback", kwargs={"token": "made-up"}))
    assert unknown.status_code == 404
    assert "This feedback link is not valid" in unknown.content.decode()
    assert not FeedbackAnswer.objects.exists()
