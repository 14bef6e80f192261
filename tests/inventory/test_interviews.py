"""Section 1: people to speak with, the interview protocol, autosave and matching programs."""

import re

import pytest

from inventory.models import Interview, Mention, Person, Program
from inventory.services import mention_add, program_create, program_match
from tests.factories import InterviewFactory, PersonFactory


def _person(cast, **fields):
    return PersonFactory(cycle=cast.cycle, name="Angela Ruiz", **fields)


def test_people_are_grouped_by_the_workbooks_categories(cast, url):
    _person(cast, category="students", organisation="Riverbend High School")
    response = cast.client("viewer").get(url("people"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Current and former SEL department staff" in page
    assert page.index("Students") < page.index("Angela Ruiz")
    assert "strategic sample of schools" in page  # the advice on choosing people


def test_add_a_person_without_an_account(cast, url):
    response = cast.client("member").post(
        url("person_add"),
        {"category": "parent_council", "name": "Sara Lind", "status": "to_contact"},
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.name, person.category, person.cycle) == (
        "Sara Lind",
        "parent_council",
        cast.cycle,
    )


def test_a_person_needs_a_name_or_a_member(cast, url):
    response = cast.client("member").post(
        url("person_add"), {"category": "students", "status": "to_contact"}
    )
    assert response.status_code == 200
    assert "Give a name, or choose a district member." in response.content.decode()
    assert not Person.objects.exists()


def test_scheduled_needs_a_date(cast, url):
    response = cast.client("member").post(
        url("person_add"), {"category": "students", "name": "Kim", "status": "scheduled"}
    )
    assert "Give the date the conversation is scheduled for." in response.content.decode()
    assert not Person.objects.exists()


def test_member_of_another_district_is_refused(cast, url):
    response = cast.client("lead").post(
        url("person_add"),
        {"category": "students", "member": cast.outsider.pk, "status": "to_contact"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Person.objects.exists()


def test_deleting_a_person_with_interviews_asks_first_and_keeps_the_notes(cast, url):
    person = _person(cast)
    InterviewFactory(cycle=cast.cycle, person=person, respondent_name="Angela Ruiz")
    page = cast.client("member").get(url("person_delete", code=person.code)).content.decode()
    assert "1 interview record points to this person" in page
    assert Person.objects.exists()
    cast.client("member").post(url("person_delete", code=person.code))
    assert not Person.objects.exists()
    assert Interview.objects.get().respondent_name == "Angela Ruiz"


def test_interview_page_fills_in_the_scripts(cast, url):
    person = _person(cast)
    response = cast.client("member").post(url("interview_start", code=person.code))
    interview = Interview.objects.get()
    assert response["Location"] == url("interview", code=interview.code)
    assert interview.person == person and interview.category == "school"
    interview.interviewer = cast.member
    interview.interviewer_role = "SEL coach"
    interview.save()
    page = cast.client("member").get(url("interview", code=interview.code)).content.decode()
    name = cast.member.display_name
    assert f"I am {name}, SEL coach, and today" in page
    assert "tried for students in Riverbend Unified." in page
    assert "for all Riverbend Unified students." in page
    assert "has your school tried?" in page
    assert "2. What SEL-related programs and initiatives has your school tried?" in page


def test_autosave_saves_and_returns_the_new_version(cast, url):
    interview = InterviewFactory(cycle=cast.cycle, respondent_name="Ruiz")
    response = cast.client("member").post(
        url("interview_autosave", code=interview.code),
        {
            "version": 1,
            "respondent_name": "Ruiz",
            "respondent_type": "school",
            "answer_1": "Advisory periods.",
        },
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    interview.refresh_from_db()
    assert response.status_code == 200
    assert interview.answer_1 == "Advisory periods." and interview.version == 2
    assert "Saved at" in body
    assert 'value="2"' in body and 'hx-swap-oob="true"' in body


def test_autosave_of_a_stale_form_saves_nothing(cast, url):
    interview = InterviewFactory(cycle=cast.cycle, answer_1="Theirs", version=3)
    response = cast.client("member").post(
        url("interview_autosave", code=interview.code),
        {"version": 1, "respondent_type": "school", "answer_1": "Mine"},
    )
    interview.refresh_from_db()
    assert "Someone else changed these notes" in response.content.decode()
    assert interview.answer_1 == "Theirs"


def _page_token(client, url) -> str:
    return re.search(r'name="page" value="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.fixture
def committed_post(django_capture_on_commit_callbacks):
    """A POST whose transaction's commit hooks run, as they do outside a test."""

    def post(client, url, data, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **headers)

    return post


def test_a_save_sent_while_its_own_autosave_was_on_its_way_is_no_conflict(
    cast, url, committed_post
):
    interview = InterviewFactory(cycle=cast.cycle, respondent_name="Ruiz")
    client = cast.client("member")
    page = _page_token(client, url("interview", code=interview.code))
    typed = {"respondent_name": "Ruiz", "respondent_type": "school", "page": page}
    autosave = url("interview_autosave", code=interview.code)
    committed_post(client, autosave, {**typed, "version": 1, "answer_1": "Advisory"})
    committed_post(client, autosave, {**typed, "version": 2, "answer_1": "Advisory periods"})
    # Save, clicked before the page heard back from either autosave: still on version 1.
    response = committed_post(
        client,
        url("interview", code=interview.code),
        {**typed, "version": 1, "answer_1": "Advisory periods."},
    )
    interview.refresh_from_db()
    assert response.status_code == 302
    assert interview.answer_1 == "Advisory periods." and interview.version == 4


def test_a_viewer_sees_the_notes_without_the_pages_own_token(cast, url):
    interview = InterviewFactory(cycle=cast.cycle, respondent_name="Ruiz")
    mention_add(interview=interview, name="Second Step", program=None)
    page = cast.client("viewer").get(url("interview", code=interview.code)).content.decode()
    assert "Second Step" in page
    assert "<dt>Page</dt>" not in page and "<dt>Version</dt>" not in page


def test_a_save_from_another_page_still_meets_the_autosaved_change(cast, url, committed_post):
    interview = InterviewFactory(cycle=cast.cycle, respondent_name="Ruiz")
    client = cast.client("member")
    this_page = _page_token(client, url("interview", code=interview.code))
    other_page = _page_token(client, url("interview", code=interview.code))
    assert this_page != other_page
    typed = {"respondent_name": "Ruiz", "respondent_type": "school", "version": 1}
    committed_post(
        client,
        url("interview_autosave", code=interview.code),
        {**typed, "page": this_page, "answer_1": "From the first tab"},
    )
    response = committed_post(
        client,
        url("interview", code=interview.code),
        {**typed, "page": other_page, "answer_1": "From the second tab"},
    )
    interview.refresh_from_db()
    assert response.status_code == 409
    assert "From the first tab" in response.content.decode()
    assert interview.answer_1 == "From the first tab" and interview.version == 2


def test_stale_save_shows_the_conflict_page(cast, url):
    interview = InterviewFactory(cycle=cast.cycle, answer_1="Theirs", version=3)
    response = cast.client("member").post(
        url("interview", code=interview.code),
        {"version": 1, "respondent_type": "school", "answer_1": "Mine"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs" in page and "Mine" in page


def test_the_page_saves_without_javascript(cast, url):
    interview = InterviewFactory(cycle=cast.cycle)
    response = cast.client("member").post(
        url("interview", code=interview.code),
        {"version": 1, "respondent_type": "community", "answer_2": "Family nights."},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.answer_2, interview.respondent_type) == ("Family nights.", "community")


def test_a_mentioned_program_is_matched_by_name_across_interviews(cast, url):
    first = InterviewFactory(cycle=cast.cycle, respondent_name="A")
    second = InterviewFactory(cycle=cast.cycle, respondent_name="B")
    client = cast.client("member")
    client.post(url("mention_add", code=first.code), {"name": "PBIS"})
    client.post(url("mention_add", code=second.code), {"name": " p.b.i.s. "})
    program = Program.objects.get()
    assert program.name == "PBIS"
    assert set(program.mentions.values_list("interview__respondent_name", flat=True)) == {"A", "B"}
    assert program_match(cycle=cast.cycle, name="Pbis") == program


def test_a_program_is_matched_only_within_the_cycle(cast):
    program_create(cycle=cast.other_cycle, name="PBIS")
    interview = InterviewFactory(cycle=cast.cycle)
    mention = mention_add(interview=interview, name="PBIS", program=None)
    assert mention.program.cycle == cast.cycle
    assert Program.objects.count() == 2


def test_answers_fill_the_empty_cells_and_keep_the_committees_text(cast):
    program = program_create(cycle=cast.cycle, name="PBIS", challenges="Low staff morale")
    interview = InterviewFactory(cycle=cast.cycle)
    mention = Mention.objects.create(
        cycle=cast.cycle,
        interview=interview,
        name="PBIS",
        q3_began="2014",
        q10_challenges="Difficulty convening",
        q9_resources="Yearly training",
    )
    from inventory.services import mention_link

    mention_link(mention=mention)
    program.refresh_from_db()
    assert program.start_year == "2014"
    assert program.resources == "Yearly training"
    assert program.challenges == "Low staff morale"


def test_adding_a_mention_chooses_a_program_of_this_cycle_only(cast, url):
    foreign = program_create(cycle=cast.other_cycle, name="Foreign")
    interview = InterviewFactory(cycle=cast.cycle)
    cast.client("member").post(
        url("mention_add", code=interview.code), {"name": "X", "program": foreign.pk}
    )
    assert not Mention.objects.exists()


def test_match_a_mention_to_another_program_or_a_new_one(cast, url):
    interview = InterviewFactory(cycle=cast.cycle)
    mention = mention_add(interview=interview, name="Climate work", program=None)
    target = program_create(cycle=cast.cycle, name="Positive School Climate")
    client = cast.client("member")
    client.post(url("mention_match", code=mention.code), {"program": target.pk})
    mention.refresh_from_db()
    assert mention.program == target
    client.post(url("mention_match", code=mention.code), {"program": ""})
    mention.refresh_from_db()
    assert mention.program.name == "Climate work (2)"
    assert mention.program != target


def test_mention_notes_autosave_with_their_prefix(cast, url):
    interview = InterviewFactory(cycle=cast.cycle)
    mention = mention_add(interview=interview, name="PBIS", program=None)
    from inventory.views.interviews import mention_prefix

    prefix = mention_prefix(mention)
    response = cast.client("member").post(
        url("mention_autosave", code=mention.code),
        {
            f"{prefix}-version": mention.version,
            f"{prefix}-name": "PBIS",
            f"{prefix}-q5_goals": "Reduce referrals",
        },
    )
    mention.refresh_from_db()
    assert mention.q5_goals == "Reduce referrals"
    assert f'id="id_{prefix}-version"' in response.content.decode()


def test_finishing_an_interview_marks_the_person_done_and_fills_the_table(cast, url):
    person = _person(cast)
    interview = InterviewFactory(cycle=cast.cycle, person=person)
    mention = mention_add(interview=interview, name="PBIS", program=None)
    Mention.objects.filter(pk=mention.pk).update(q7_evidence="Fewer referrals")
    cast.client("member").post(url("interview_finish", code=interview.code))
    person.refresh_from_db()
    assert person.status == "done"
    assert Program.objects.get().evidence == "Fewer referrals"


def test_viewer_reads_the_interview_without_a_form(cast, url):
    interview = InterviewFactory(cycle=cast.cycle, answer_1="Advisory periods.")
    page = cast.client("viewer").get(url("interview", code=interview.code)).content.decode()
    assert "Advisory periods." in page
    assert "hx-post" not in page


def test_interviews_list_paginates(cast, url):
    Interview.objects.bulk_create(
        [Interview(cycle=cast.cycle, respondent_name=f"P{n}") for n in range(30)]
    )
    page = cast.client("viewer").get(url("interviews")).content.decode()
    assert "Page 1 of 2" in page


def test_people_list_paginates_and_keeps_the_category_order(cast, url):
    Person.objects.bulk_create(
        [Person(cycle=cast.cycle, category="students", name=f"Student {n:03d}") for n in range(70)]
        + [Person(cycle=cast.cycle, category="sel_staff", name="Helen Park")]
    )
    client = cast.client("viewer")
    first = client.get(url("people")).content.decode()
    assert "Page 1 of 2" in first and "Helen Park" in first and "Student 000" in first
    second = client.get(url("people") + "?page=2").content.decode()
    assert "Student 069" in second and "Helen Park" not in second


def test_stale_notes_on_a_program_show_the_conflict_page(cast, url):
    interview = InterviewFactory(cycle=cast.cycle)
    mention = mention_add(interview=interview, name="PBIS", program=None)
    Mention.objects.filter(pk=mention.pk).update(version=9, q5_goals="Theirs")
    from inventory.views.interviews import mention_prefix

    prefix = mention_prefix(mention)
    response = cast.client("member").post(
        url("mention_edit", code=mention.code),
        {f"{prefix}-version": 1, f"{prefix}-name": "PBIS", f"{prefix}-q5_goals": "Mine"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs" in page and "Mine" in page
    assert f'name="{prefix}-version" value="9"' in page
    mention.refresh_from_db()
    assert mention.q5_goals == "Theirs"


def test_match_to_another_districts_program_is_refused(cast, url):
    interview = InterviewFactory(cycle=cast.cycle)
    mention = mention_add(interview=interview, name="PBIS", program=None)
    foreign = program_create(cycle=cast.other_cycle, name="Foreign")
    response = cast.client("member").post(
        url("mention_match", code=mention.code), {"program": foreign.pk}, follow=True
    )
    assert "Select a valid choice" in response.content.decode()
    mention.refresh_from_db()
    assert mention.program.cycle == cast.cycle


def test_interviewer_from_another_district_is_refused(cast, url):
    interview = InterviewFactory(cycle=cast.cycle)
    response = cast.client("member").post(
        url("interview", code=interview.code),
        {"version": 1, "respondent_type": "school", "interviewer": cast.outsider.pk},
    )
    assert response.status_code == 200
    assert "interviewer" in response.context["form"].errors
    interview.refresh_from_db()
    assert interview.interviewer is None
