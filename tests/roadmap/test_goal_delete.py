"""Removing a long-term goal that the roadmap points to asks first and lists what goes with it."""

from django.urls import reverse

from goals.models import Comment, Goal
from roadmap.models import ReflectionRow, RoadmapRow, Target
from tests.factories import GoalFactory, ReflectionRowFactory

from .helpers import make_goal, make_row, make_target


def _urls(cast, goal):
    kwargs = {"district": "riverbend", "cycle": cast.cycle.slug, "code": goal.code}
    return reverse("goals:goal_delete", kwargs=kwargs), reverse("goals:goal_restore", kwargs=kwargs)


def _linked_goal(cast):
    goal = make_goal(cast.cycle)
    row = make_row(goal)
    make_target(row, year=1, text="60% of participating students achieve their growth goals.")
    ReflectionRowFactory(goal=goal, outcome="All 10 schools implement.", data_sources=["inventory"])
    Comment.objects.create(cycle=cast.cycle, goal=goal, author=cast.member, text="Looks right.")
    return goal


def test_confirmation_lists_every_linked_record(cast):
    goal = _linked_goal(cast)
    delete_url, _restore = _urls(cast, goal)

    page = cast.client("lead").get(delete_url)

    html = page.content.decode()
    assert page.status_code == 200
    assert "will be removed with it" in html
    for text in [
        "Roadmap rows (1)",
        "Roadmap targets (1)",
        "60% of participating students achieve their growth goals.",
        "Data reflection rows (1)",
        "All 10 schools implement.",
        "Comments (1)",
        "Looks right.",
    ]:
        assert text in html
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_removing_then_restoring_the_goal(cast):
    goal = _linked_goal(cast)
    delete_url, restore_url = _urls(cast, goal)
    client = cast.client("lead")

    assert client.post(delete_url).status_code == 302

    assert not Goal.objects.filter(code=goal.code).exists()
    assert not RoadmapRow.objects.exists() and not Target.objects.exists()
    assert not ReflectionRow.objects.exists()
    assert Target.history.filter(history_type="-").count() == 1
    home = client.get(
        reverse("goals:home", kwargs={"district": "riverbend", "cycle": cast.cycle.slug})
    )
    assert "Recently removed goals" in home.content.decode()
    response = client.post(restore_url, follow=True)
    restored = Goal.objects.get(code=goal.code)
    assert restored.statement == goal.statement and restored.priority_id == goal.priority_id
    assert "The goal was restored, with 4 records removed with it." in response.content.decode()
    row = RoadmapRow.objects.get(goal=restored)
    assert [t.text for t in row.targets.all()] == [
        "60% of participating students achieve their growth goals."
    ]
    assert ReflectionRow.objects.get(goal=restored).outcome == "All 10 schools implement."
    assert restored.comments.get().text == "Looks right."


def test_a_goal_with_nothing_linked_says_so(cast):
    goal = make_goal(cast.cycle)
    delete_url, _restore = _urls(cast, goal)
    assert (
        "Nothing else links to this goal." in cast.client("lead").get(delete_url).content.decode()
    )


def test_restoring_when_the_priority_has_a_new_goal_is_refused(cast):
    goal = make_goal(cast.cycle)
    delete_url, restore_url = _urls(cast, goal)
    client = cast.client("lead")
    client.post(delete_url)
    GoalFactory(priority=goal.priority, statement="A newer goal.")

    response = client.post(restore_url, follow=True)

    assert "That priority has a goal again" in response.content.decode()
    assert Goal.objects.get(priority=goal.priority).statement == "A newer goal."
