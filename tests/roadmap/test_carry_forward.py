from datetime import date
from decimal import Decimal

from django.urls import reverse

from goals.demo import seed_goals_demo
from roadmap.demo import seed_roadmap_demo
from roadmap.models import ReflectionRow, Roadmap, RoadmapRow, SchoolRollout, Target
from roadmap.selectors import roadmap_targets_for_year
from sel_planner.districts.services import cycle_launch_next


def _seed(cast):
    seed_goals_demo(cycle=cast.cycle, lead=cast.lead, members=[cast.member])
    seed_roadmap_demo(cycle=cast.cycle, lead=cast.lead)


def _launch(cast):
    if not ReflectionRow.objects.filter(cycle=cast.cycle).exists():
        _seed(cast)
    return cycle_launch_next(
        cycle=cast.cycle, label="2027-28", start_date=date(2027, 8, 1), end_date=date(2028, 7, 31)
    )


def test_the_roadmap_is_carried_into_the_next_cycle(cast):
    _seed(cast)
    assert Target.objects.filter(cycle=cast.cycle).count() == 15
    old_targets = {t.pk: (t.stage, t.year, t.text) for t in Target.objects.filter(cycle=cast.cycle)}

    new = _launch(cast)

    roadmap = Roadmap.objects.get(cycle=new)
    assert roadmap.first_year == 2027 and roadmap.carried_from.cycle == cast.cycle
    row = RoadmapRow.objects.get(cycle=new)
    assert row.goal.cycle == new and row.goal.carried_from == row.carried_from.goal
    assert row.years == 3
    copies = Target.objects.filter(cycle=new)
    assert sorted((t.stage, t.year, t.text) for t in copies) == sorted(old_targets.values())
    assert all(t.row == row and t.carried_from_id in old_targets for t in copies)
    reflection = ReflectionRow.objects.filter(cycle=new)
    assert reflection.count() == 2 and {r.goal for r in reflection} == {row.goal}
    assert (
        SchoolRollout.objects.filter(cycle=new).count()
        == SchoolRollout.objects.filter(cycle=cast.cycle).count()
    )
    # Last year's version stays in the old cycle as it was.
    assert Target.objects.filter(cycle=cast.cycle).count() == len(old_targets)
    assert RoadmapRow.objects.get(cycle=cast.cycle).goal.cycle == cast.cycle


def test_this_years_targets_move_on_to_year_two(cast):
    new = _launch(cast)

    old = roadmap_targets_for_year(cycle=cast.cycle)
    this_year = roadmap_targets_for_year(cycle=new)

    (old_texts,) = [[t.text for t in targets] for targets in old.values() if targets]
    assert old_texts[0] == "60% of participating students achieve their growth goals."
    goal = RoadmapRow.objects.get(cycle=new).goal
    assert this_year[goal.pk][0].text == "70% of participating students achieve their growth goals."
    assert this_year[goal.pk][0].value == Decimal(70)


def test_current_status_refreshes_from_last_years_targets(cast):
    new = _launch(cast)
    row = RoadmapRow.objects.get(cycle=new)
    url = reverse(
        "roadmap:refresh_current",
        kwargs={"district": "riverbend", "cycle": new.slug, "code": row.code},
    )

    response = cast.client("member").post(url)

    assert response.status_code == 302
    current = list(row.targets.filter(stage=Target.Stage.CURRENT).order_by("position"))
    assert current[0].text == "60% of participating students achieve their growth goals."
    assert len(current) == 3 and current[0].value == Decimal(60)
    old_row = RoadmapRow.objects.get(cycle=cast.cycle)
    old_current = old_row.targets.filter(stage=Target.Stage.CURRENT)
    assert next(t.text for t in old_current).startswith("50% of students participating")
    grid = cast.client("member").get(
        reverse("roadmap:grid", kwargs={"district": "riverbend", "cycle": new.slug})
    )
    assert "Refresh the current status from last year" in grid.content.decode()


def test_refresh_without_last_year_says_so(cast):
    _seed(cast)
    row = RoadmapRow.objects.get(cycle=cast.cycle)
    url = reverse(
        "roadmap:refresh_current",
        kwargs={"district": "riverbend", "cycle": cast.cycle.slug, "code": row.code},
    )
    before = list(row.targets.values_list("pk", flat=True))

    response = cast.client("member").post(url, follow=True)

    assert "This roadmap has no targets from last year" in response.content.decode()
    assert list(row.targets.values_list("pk", flat=True)) == before
