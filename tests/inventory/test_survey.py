"""The online survey: the committee's link settings and the anonymous questionnaire."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inventory.models import Interview, Mention, Program, Survey
from inventory.services import program_create
from tests.factories import SurveyFactory


@pytest.fixture
def survey(cast):
    return SurveyFactory(cycle=cast.cycle)


def _public(survey):
    return reverse("inventory_public:survey", kwargs={"token": survey.token})


def _answers(**extra):
    return {
        "respondent_type": "school",
        "answer_1": "Advisory periods.",
        "answer_2": "PBIS.",
        "p-TOTAL_FORMS": "2",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "10",
        "p-0-name": "pbis",
        "p-0-q3_began": "2014",
        "p-0-q6_how_well": "Working well at 3 of 5 schools",
        "p-1-name": "Morning circles",
        "p-1-q10_challenges": "Time",
        **extra,
    }


def test_committee_opens_the_survey(cast, url):
    today = timezone.localdate()
    response = cast.client("member").post(
        url("survey"),
        {"opens_on": today.isoformat(), "closes_on": (today + timedelta(days=14)).isoformat()},
    )
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert len(survey.token) >= 30
    page = cast.client("viewer").get(url("survey")).content.decode()
    assert survey.get_public_url() in page


def test_survey_dates_are_checked(cast, url):
    today = timezone.localdate()
    client = cast.client("member")
    response = client.post(
        url("survey"),
        {"opens_on": today.isoformat(), "closes_on": (today - timedelta(days=1)).isoformat()},
    )
    assert "The closing date must be on or after the opening date." in response.content.decode()
    assert not Survey.objects.exists()


def test_closing_the_survey(cast, url, survey):
    cast.client("member").post(url("survey_close"))
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert cast.client(None).get(_public(survey)).status_code == 410


def test_anonymous_respondent_first_says_who_they_are(cast, survey):
    page = cast.client(None).get(_public(survey)).content.decode()
    assert "?respondent_type=community" in page
    assert "Workbook tools" not in page and "Cycle 2026-27" not in page
    form = cast.client(None).get(_public(survey) + "?respondent_type=community").content.decode()
    assert "have you/your organization tried/been a part of?" in form
    school = cast.client(None).get(_public(survey) + "?respondent_type=school").content.decode()
    assert "has your school tried?" in school


def test_answers_become_an_interview_record_with_programs_matched(cast, survey):
    program = program_create(cycle=cast.cycle, name="PBIS")
    response = cast.client(None).post(_public(survey), _answers())
    assert response.status_code == 302 and response["Location"].endswith("?thanks=1")
    interview = Interview.objects.get()
    assert (interview.source, interview.respondent_type, interview.cycle) == (
        "survey",
        "school",
        cast.cycle,
    )
    pbis, circles = interview.mentions.order_by("created_at")
    assert pbis.program == program and pbis.q3_began == "2014"
    program.refresh_from_db()
    assert program.achieved == "Working well at 3 of 5 schools"
    assert circles.program is None  # a new name waits for the committee
    assert Program.objects.count() == 1


def test_adding_another_program_saves_nothing(cast, survey):
    response = cast.client(None).post(_public(survey), _answers(add_program="1"))
    assert response.status_code == 200
    assert response.content.decode().count('<legend class="h5">Program ') == 3
    assert not Interview.objects.exists()


def test_answers_without_a_program_name_are_refused(cast, survey):
    data = _answers(**{"p-1-name": ""})
    response = cast.client(None).post(_public(survey), data)
    assert "Give the name of the program these answers are about." in response.content.decode()
    assert not Interview.objects.exists() and not Mention.objects.exists()


def test_too_many_programs_is_a_clear_error(cast, survey):
    response = cast.client(None).post(_public(survey), _answers(**{"p-TOTAL_FORMS": "500"}))
    assert response.status_code == 200
    assert "Please submit at most 10 forms." in response.content.decode()
    assert not Interview.objects.exists()


def test_honeypot_thanks_robots_and_stores_nothing(cast, survey):
    response = cast.client(None).post(_public(survey), _answers(website="http://spam.example"))
    assert response.status_code == 302
    assert not Interview.objects.exists()


def test_a_flood_is_rate_limited(cast, survey, settings):
    settings.PUBLIC_LINK_RATE = "2/m"
    client = cast.client(None)
    statuses = [client.post(_public(survey), _answers()).status_code for _ in range(4)]
    assert statuses[:2] == [302, 302]
    assert statuses[2:] == [429, 429]
    assert Interview.objects.count() == 2


def test_a_flood_of_reads_is_rate_limited(cast, survey, settings):
    settings.PUBLIC_LINK_RATE = "2/m"
    client = cast.client(None)
    chooser = client.get(_public(survey))
    form = client.get(_public(survey) + "?respondent_type=school")
    limited = client.get(_public(survey) + "?respondent_type=school")
    assert [chooser.status_code, form.status_code, limited.status_code] == [200, 200, 429]
    assert limited["X-Robots-Tag"] == "noindex, nofollow"
    assert client.post(_public(survey), _answers()).status_code == 302, "answering is apart"
    assert Interview.objects.count() == 1


def test_bad_token_and_dates(cast, survey):
    assert cast.client(None).get("/inventory-survey/nope/").status_code == 404
    survey.opens_on = timezone.localdate() + timedelta(days=2)
    survey.closes_on = survey.opens_on + timedelta(days=2)
    survey.save()
    response = cast.client(None).get(_public(survey))
    assert response.status_code == 410
    assert "This survey is not open yet" in response.content.decode()
    survey.opens_on = timezone.localdate() - timedelta(days=9)
    survey.closes_on = timezone.localdate() - timedelta(days=2)
    survey.save()
    assert cast.client(None).post(_public(survey), _answers()).status_code == 410
    assert not Interview.objects.exists()


def test_a_closed_cycle_takes_no_answers(cast, survey):
    cast.cycle.phase = "closed"
    cast.cycle.save()
    assert cast.client(None).post(_public(survey), _answers()).status_code == 410


def test_a_tampered_form_count_is_not_a_crash(cast, survey):
    response = cast.client(None).post(
        _public(survey), _answers(add_program="1", **{"p-TOTAL_FORMS": "abc"})
    )
    assert response.status_code == 200
    assert not Interview.objects.exists()


def test_question_11_names_the_district(cast, survey):
    page = cast.client(None).get(_public(survey) + "?respondent_type=school").content.decode()
    assert "What else should the Riverbend Unified SEL team know" in page


def test_behind_the_proxy_each_visitor_has_a_budget_of_their_own(cast, survey, settings):
    settings.PUBLIC_LINK_RATE = "2/m"
    settings.BEHIND_PROXY = True
    client = cast.client(None)

    def post(visitor):
        # The visitor may put anything on the left; the proxy appends the address it saw.
        forwarded = f"203.0.113.99, {visitor}"
        return client.post(_public(survey), _answers(), HTTP_X_FORWARDED_FOR=forwarded)

    first = [post("198.51.100.1").status_code for _ in range(3)]
    second = [post("198.51.100.2").status_code for _ in range(2)]
    assert first == [302, 302, 429]
    assert second == [302, 302]
