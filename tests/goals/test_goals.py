import datetime
from decimal import Decimal

from django.urls import reverse

from goals.models import Comment, Feedback, Goal
from goals.smartie import smartie_check, statement_check
from sel_planner.districts.quantities import parse_quantity
from tests.factories import DraftFactory, GoalFactory, PriorityFactory

WORKBOOK = {
    "change": (
        "Students will experience social and emotional growth. We will implement an evidence-based "
        "SEL program, as well as instructional practices that will integrate SEL with academics "
        "throughout the day to promote student social and emotional knowledge and skills "
        "development."
    ),
    "stakeholders": "Students in all schools, at all grade levels.",
    "measurement": (
        "Our district research and evaluation committee has selected a measure that assesses "
        "student social and emotional competence. This measure will be administered at the "
        "beginning and end of each school year. Interviews with students and staff (end of year)."
    ),
    "inclusion": "SEL will be implemented as a Tier I support at all grade levels.",
    "equity": (
        "All students will get the support they need to grow in their SEL competence. "
        "Disaggregated student data will be reviewed quarterly to ensure that all students are "
        "getting the type and level of support required to meet their needs for growth."
    ),
    "how_much": (
        "90% of students will meet growth goals on a measure of student SEL competence (at the end "
        "of five years). To start, each year we will see some growth for all students, but the "
        "magnitude of the growth is expected to vary."
    ),
    "statement": (
        "In schools across the district, classroom teachers and other staff will implement "
        "evidence-based SEL programs and practices that will support all students’ capacity to "
        "acknowledge and respond to their emotions and build positive social relationships in and "
        "out of school. We’ll measure progress toward this goal each year by using an assessment "
        "that measures students’ social and emotional competencies, as well as interviews with "
        "students and staff. Five years from now, 90% of students will achieve the growth goals on "
        "the assessment that measures competencies such as self-awareness, social awareness, and "
        "relationship skills."
    ),
}


def _priority(cast):
    return PriorityFactory(
        cycle=cast.cycle,
        phrase=(
            "Provide a world-class education that prepares all students academically, socially, "
            "and emotionally."
        ),
    )


def _workbook_goal(cast, **changes):
    fields = {
        **WORKBOOK,
        "target_year": 2032,
        "schedule": "Beginning and end of each school year",
        "baseline_value": Decimal(50),
        "baseline_unit": "%",
        "target_value": Decimal(90),
        "target_unit": "%",
    }
    return Goal(cycle=cast.cycle, priority=_priority(cast), **{**fields, **changes})


def _states(goal):
    return {letter.letter: letter.state for letter in smartie_check(goal)}


def _url(name, **kwargs):
    return reverse(f"goals:{name}", kwargs={"district": "riverbend", "cycle": "2026-27", **kwargs})


# The SMARTIE check


def test_the_workbooks_completed_goal_passes_every_letter(cast):
    goal = _workbook_goal(cast)
    assert _states(goal) == dict.fromkeys("SMARTIE", "ok")
    assert statement_check(goal)[0] == "ok"


def test_an_empty_goal_misses_every_letter(cast):
    goal = Goal(cycle=cast.cycle, priority=_priority(cast))
    states = _states(goal)
    assert set(states.values()) == {"missing"}
    assert statement_check(goal)[0] == "missing"


def test_specific_is_weak_when_the_change_is_a_slogan(cast):
    assert _states(_workbook_goal(cast, change="Better SEL."))["S"] == "weak"


def test_measurable_needs_a_number_by_how_much(cast):
    goal = _workbook_goal(
        cast, how_much="Students will grow a lot.", target_value=None, target_text="a lot"
    )
    letter = next(x for x in smartie_check(goal) if x.letter == "M")
    assert letter.state == "weak"
    assert "Give a number" in letter.hint


def test_attainable_is_weak_without_a_baseline(cast):
    assert _states(_workbook_goal(cast, baseline_value=None, baseline_unit=""))["A"] == "weak"


def test_time_bound_needs_a_year_and_says_so_in_the_statement(cast):
    assert _states(_workbook_goal(cast, target_year=None))["T"] == "missing"
    no_time = WORKBOOK["statement"].replace("Five years from now, ", "").replace(" each year", "")
    assert (
        _states(
            _workbook_goal(
                cast, statement=no_time, how_much="90% of students will meet growth goals."
            )
        )["T"]
        == "weak"
    )


def test_equitable_needs_a_subgroup(cast):
    assert (
        _states(_workbook_goal(cast, equity="Every school will do its best for its students."))["E"]
        == "weak"
    )
    assert (
        _states(_workbook_goal(cast, equity="Gaps between racial subgroups will close."))["E"]
        == "ok"
    )


def test_inclusive_is_missing_without_an_answer(cast):
    assert _states(_workbook_goal(cast, inclusion=""))["I"] == "missing"


def test_a_statement_much_shorter_than_its_parts_is_flagged(cast):
    assert statement_check(_workbook_goal(cast, statement="90% of students grow."))[0] == "weak"


# Baselines and targets


def test_quantities_are_parsed_or_kept_as_text():
    assert parse_quantity("50%") == (Decimal("50"), "%", "")
    assert parse_quantity(" 4 schools ") == (Decimal("4"), "schools", "")
    assert parse_quantity("about half of our students") == (None, "", "about half of our students")


def _post(cast, priority, who="member", follow=False, **changes):
    data = {
        **WORKBOOK,
        "goal_type": "outcome",
        "target_year": "2032",
        "baseline": "50%",
        "target": "90%",
        "schedule": "Each spring",
        "year_reason": "",
    }
    return cast.client(who).post(
        _url("goal_edit", code=priority.code), {**data, **changes}, follow=follow
    )


def test_member_writes_the_goal(cast):
    priority = _priority(cast)
    response = _post(cast, priority)
    goal = Goal.objects.get(priority=priority)
    assert response["Location"] == _url("goal", code=goal.code)
    assert (goal.baseline_value, goal.baseline_unit, goal.target_value, goal.target_year) == (
        Decimal(50),
        "%",
        Decimal(90),
        2032,
    )
    page = cast.client("viewer").get(_url("goal", code=goal.code)).content.decode()
    assert "50%" in page and "90%" in page and "2031-32" in page


def test_target_must_be_a_number_when_the_baseline_is(cast):
    response = _post(cast, _priority(cast), target="most students")
    assert response.status_code == 200
    assert response.context["form"].errors["target"] == [
        "The baseline is a number, so give the target as a number too, e.g. 90%."
    ]
    assert WORKBOOK["statement"][:40] in response.content.decode()
    assert not Goal.objects.exists()


def test_a_year_outside_three_to_five_years_needs_a_reason(cast):
    priority = _priority(cast)
    refused = _post(cast, priority, target_year="2029")
    assert "year_reason" in refused.context["form"].errors
    assert (
        _post(
            cast, priority, target_year="2029", year_reason="The board asked for a two-year goal."
        ).status_code
        == 302
    )
    assert Goal.objects.get().year_reason == "The board asked for a two-year goal."


def test_the_check_never_blocks_saving(cast):
    priority = _priority(cast)
    response = _post(
        cast, priority, equity="", inclusion="", statement="Grow.", baseline="", target=""
    )
    assert response.status_code == 302
    assert Goal.objects.get().status == "draft"


def test_stale_goal_edit_shows_both_versions(cast):
    priority = _priority(cast)
    _post(cast, priority)
    goal = Goal.objects.get()
    _post(cast, priority, statement="Version two of the statement.", version=goal.version)
    stale = _post(cast, priority, statement="A competing statement.", version=goal.version)
    assert stale.status_code == 409
    assert "Version two of the statement." in stale.content.decode()
    assert Goal.objects.get().statement == "Version two of the statement."
    # The merge page keeps the page's place: the district and the cycle it belongs to.
    assert f'href="/d/riverbend/{cast.cycle.slug}/"' in stale.content.decode()


# Approval


def test_review_and_approval_by_a_lead_only(cast):
    priority = _priority(cast)
    _post(cast, priority)
    goal = Goal.objects.get()
    cast.client("member").post(_url("goal_submit", code=goal.code))
    goal.refresh_from_db()
    assert goal.status == "review"
    assert cast.client("member").post(_url("goal_approve", code=goal.code)).status_code == 403
    cast.client("lead").post(_url("goal_approve", code=goal.code))
    goal.refresh_from_db()
    assert (goal.status, goal.approved_by) == ("approved", cast.lead)
    reasons = list(goal.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Approved", "Sent for review"]


def test_a_goal_without_statement_cannot_go_to_review(cast):
    goal = GoalFactory(cycle=cast.cycle, priority=_priority(cast), statement="")
    response = cast.client("member").post(_url("goal_submit", code=goal.code), follow=True)
    assert "Write the goal statement before asking for review." in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == "draft"


def test_editing_an_approved_goal_sends_it_back_to_review(cast):
    priority = _priority(cast)
    _post(cast, priority)
    Goal.objects.update(status="approved", approved_by=cast.lead)
    goal = Goal.objects.get()
    response = _post(
        cast,
        priority,
        statement=WORKBOOK["statement"] + " Revised.",
        version=goal.version,
        follow=True,
    )
    goal.refresh_from_db()
    assert goal.status == "review"
    assert "back in review" in response.content.decode()


def _approved_goal(cast, priority):
    _post(cast, priority)
    # Approved after a second save, so that a form opened on the first is stale.
    Goal.objects.update(status="approved", approved_by=cast.lead, version=2)
    return Goal.objects.get()


def test_saving_an_approved_goal_unchanged_keeps_it_approved(cast):
    priority = _priority(cast)
    goal = _approved_goal(cast, priority)
    response = _post(cast, priority, version=goal.version, follow=True)
    goal.refresh_from_db()
    assert (goal.status, goal.approved_by) == ("approved", cast.lead)
    assert goal.version == 3  # saved all the same
    assert "back in review" not in response.content.decode()


def test_a_changed_baseline_sends_an_approved_goal_back_to_review(cast):
    priority = _priority(cast)
    goal = _approved_goal(cast, priority)
    _post(cast, priority, baseline="63%", version=goal.version)
    goal.refresh_from_db()
    assert goal.status == "review"


def test_the_losing_side_of_a_conflict_leaves_an_approved_goal_approved(cast):
    priority = _priority(cast)
    goal = _approved_goal(cast, priority)
    stale = _post(cast, priority, statement="A competing statement.", version=goal.version - 1)
    assert stale.status_code == 409
    goal.refresh_from_db()
    assert goal.status == "approved" and goal.statement == WORKBOOK["statement"]


def test_the_form_of_an_approved_goal_says_a_change_needs_approval_again(cast):
    priority = _priority(cast)
    goal = _approved_goal(cast, priority)
    page = cast.client("member").get(_url("goal_edit", code=priority.code)).content.decode()
    assert goal.status == "approved"
    assert "This goal is approved. Changing it sends it back to review" in page
    assert "the lead approves it again" in page
    other = PriorityFactory(cycle=cast.cycle, phrase="Another priority")
    GoalFactory(cycle=cast.cycle, priority=other)
    page = cast.client("member").get(_url("goal_edit", code=other.code)).content.decode()
    assert "This goal is approved." not in page


def test_an_approved_goal_says_by_whom_and_when(cast):
    goal = GoalFactory(cycle=cast.cycle, status="approved", approved_by=cast.lead)
    page = cast.client("viewer").get(_url("goal", code=goal.code)).content.decode()
    assert "approved by" in page and " on ·" not in page and " on </" not in page
    goal.approved_at = datetime.datetime(2026, 11, 3, 10, tzinfo=datetime.UTC)
    goal.save()
    page = cast.client("viewer").get(_url("goal", code=goal.code)).content.decode()
    assert "on Nov. 3, 2026" in page


def test_the_smartie_check_follows_the_form_as_typed_and_saves_nothing(cast):
    priority = _priority(cast)
    page = cast.client("member").get(_url("goal_edit", code=priority.code)).content.decode()
    check_url = _url("goal_check", code=priority.code)
    assert f'hx-post="{check_url}"' in page and 'hx-target="#smartie-check"' in page
    response = cast.client("member").post(
        check_url, {name: WORKBOOK[name] for name in ("change", "stakeholders")}
    )
    panel = response.content.decode()
    assert response.status_code == 200
    assert 'id="smartie-check"' in panel
    assert "<strong>Specific</strong>: Answered" in panel
    assert "<strong>Equitable</strong>: Not answered yet" in panel
    assert "nothing is saved until you save the goal" in panel
    assert "Saving will ask you" not in panel
    panel = cast.client("member").post(check_url, {"baseline": "50%", "target": "most"})
    assert "Saving will ask you to correct this first: The baseline is a number" in (
        panel.content.decode()
    )
    assert not Goal.objects.exists()


def test_comments_and_feedback(cast):
    priority = _priority(cast)
    _post(cast, priority)
    goal = Goal.objects.get()
    client = cast.client("member")
    client.post(_url("comment_add", code=goal.code), {"text": "Add a family measure?"})
    empty = client.post(_url("comment_add", code=goal.code), {"text": ""}, follow=True)
    assert "Write the comment first." in empty.content.decode()
    assert [c.text for c in Comment.objects.all()] == ["Add a family measure?"]
    client.post(
        _url("feedback_add", code=goal.code),
        {
            "source": "directors",
            "received_on": "2026-12-01",
            "summary": "Align with the literacy goal.",
            "revision": "Added literacy.",
        },
    )
    feedback = Feedback.objects.get()
    assert (feedback.source, feedback.revision) == ("directors", "Added literacy.")
    bad = client.post(
        _url("feedback_add", code=goal.code),
        {"source": "nobody", "received_on": "soon", "summary": ""},
    )
    assert {"source", "received_on", "summary"} <= set(bad.context["form"].errors)


def test_dashboard_and_report_show_the_goals(cast):
    from goals.tool import TOOL

    priority = _priority(cast)
    _post(cast, priority)
    Goal.objects.update(status="approved")
    progress = TOOL.progress(cast.cycle)
    assert (progress.done, progress.total) == (1, 3)
    assert progress.details == (f"{priority.phrase}: Approved",)
    section = TOOL.report_section(cast.cycle)
    assert section.context["goals"][0]["baseline"] == "50%"
    assert section.context["goals"][0]["year"] == "2031-32"


def test_home_uses_the_final_vision_or_a_typed_one(cast):
    client = cast.client("member")
    assert "The shared vision is not final yet." in client.get(_url("home")).content.decode()
    client.post(
        _url("workspace_edit"),
        {"vision_text": "Every student thrives.", "alignment_note": "", "version": 1},
    )
    assert "Every student thrives." in client.get(_url("home")).content.decode()

    DraftFactory(
        cycle=cast.cycle, statement="The final vision.", is_final=True, approved_by="Board"
    )
    page = client.get(_url("home")).content.decode()
    assert "The final vision." in page and "Every student thrives." not in page
