from django.core.management import call_command

from sel_planner.accounts.models import User
from sel_planner.districts.models import District, Membership, PlanningCycle, School


def test_seed_demo_is_idempotent_and_matches_the_workbook_district(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    district = District.objects.get(slug="riverbend")
    levels = sorted(district.schools.values_list("level", flat=True))
    assert levels == ["ES"] * 5 + ["HS"] * 2 + ["MS"] * 3
    assert School.objects.count() == 10
    assert dict(PlanningCycle.objects.values_list("label", "phase")) == {
        "2025-26": "closed",
        "2026-27": "plan",
    }
    roles = dict(Membership.objects.values_list("user__email", "role"))
    assert roles == {
        "lead@riverbend.example": "lead",
        "member@riverbend.example": "member",
        "member2@riverbend.example": "member",
        "viewer@riverbend.example": "viewer",
    }
    assert User.objects.get(email="lead@riverbend.example").check_password("demo-lead-2026")
    assert User.objects.get(email="admin@riverbend.example").is_superuser
    out = capsys.readouterr().out
    assert "viewer@riverbend.example" in out and "demo-viewer-2026" in out


def test_seed_demo_rubric_has_two_closed_assessments_with_disagreement_and_progress_and_an_open_one(
    db,
):
    from rubric.models import Assessment
    from rubric.selectors import assessment_review

    call_command("seed_demo")
    call_command("seed_demo")
    closed = Assessment.objects.filter(status="closed").order_by("opens_on")
    assert [a.kind for a in closed] == ["beginning", "end"]
    assert {a.cycle.label for a in closed} == {"2025-26"}
    for assessment in closed:
        assert assessment.consensus.count() == 23
        assert assessment.submissions.count() == 3
        assert any(review.disagreement for review in assessment_review(assessment=assessment))
    begin, end = (dict(a.consensus.values_list("item__code", "score")) for a in closed)
    assert any(end[code] > begin[code] for code in begin)
    current = Assessment.objects.get(status="open")
    assert current.cycle.label == "2026-27"
    assert current.ratings.filter(rater__email="member@riverbend.example").count() == 12


def test_seed_demo_fills_the_vision_with_the_workbook_example(db):
    from vision.demo import EXAMPLE_VISION
    from vision.models import Draft, FeedbackAnswer, Response, Theme

    call_command("seed_demo")
    call_command("seed_demo")
    final = Draft.objects.get(is_final=True)
    assert final.statement == EXAMPLE_VISION
    assert final.approved_by
    assert Draft.objects.count() == 2
    assert Response.objects.count() == 4
    assert Theme.objects.count() == 2
    assert FeedbackAnswer.objects.count() == 2


def test_seed_demo_fills_the_goals_with_the_workbook_example(db):
    from goals.models import Goal, Priority, Reflection

    call_command("seed_demo")
    call_command("seed_demo")
    assert Priority.objects.count() == 3
    goal = Goal.objects.get()
    assert (goal.baseline_value, goal.target_value, goal.status) == (50, 90, "approved")
    assert goal.approved_by is not None and goal.approved_at is not None  # by whom and when
    assert goal.target_year - goal.cycle.end_date.year == 5
    assert "90% of students will achieve the growth goals" in goal.statement
    assert Reflection.objects.count() == 2
