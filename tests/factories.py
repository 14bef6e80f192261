from datetime import date, timedelta

import factory
from django.utils import timezone

from sel_planner.accounts.models import User
from sel_planner.districts import registry
from sel_planner.districts.models import District, Membership, PlanningCycle, Role, School

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")
    state = "IL"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    level = School.Level.ELEMENTARY
    grade_band = "K-5"


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningCycle
        # The hook makes other records; the cycle itself needs no second save.
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    label = factory.Sequence(lambda n: f"{2026 + n}-{(27 + n) % 100:02d}")
    start_date = factory.LazyAttribute(lambda o: date(int(o.label[:4]), 8, 1))
    end_date = factory.LazyAttribute(lambda o: date(int(o.label[:4]) + 1, 7, 31))
    phase = PlanningCycle.Phase.PLAN

    @factory.post_generation
    def tools(obj, create, extracted, **kwargs):
        """Every tool's one-per-cycle records, as a cycle made in the app has them."""
        if create:
            registry.cycle_setup(obj)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    district = factory.SubFactory(DistrictFactory)
    role = Role.MEMBER


class CycleRecordFactory(factory.django.DjangoModelFactory):
    """Base of the tool records. Pass the test's cycle (`cycle=cast.cycle`) or the record this one
    belongs to (`_parent` names it, e.g. a goal's `priority`): a record takes its parent's cycle,
    and a parent made for it is made in its cycle, so one test's records share one cycle."""

    class Meta:
        abstract = True

    _parent: str | None = None  # the field naming the record this one belongs to

    cycle = factory.SubFactory(CycleFactory)

    @classmethod
    def create(cls, **kwargs):
        parent = kwargs.get(cls._parent) if cls._parent else None
        if parent is not None:
            kwargs.setdefault("cycle", parent.cycle)
        return super().create(**kwargs)


def _in_cycle(factory_class):
    """A parent record made for a child, in the child's cycle."""
    return factory.SubFactory(factory_class, cycle=factory.SelfAttribute("..cycle"))


# Shared vision (Tool 1)


class DraftFactory(CycleRecordFactory):
    """A vision statement draft."""

    class Meta:
        model = "vision.Draft"

    statement = factory.Sequence(lambda n: f"Every student belongs, version {n}.")


class FeedbackRoundFactory(CycleRecordFactory):
    """A public feedback link on a draft, open from today for a week."""

    class Meta:
        model = "vision.FeedbackRound"

    _parent = "draft"

    draft = _in_cycle(DraftFactory)
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(lambda o: o.opens_on + timedelta(days=7))


class EngagementSessionFactory(CycleRecordFactory):
    class Meta:
        model = "vision.EngagementSession"

    held_on = factory.LazyAttribute(lambda o: o.cycle.start_date + timedelta(days=45))
    title = factory.Sequence(lambda n: f"Listening session {n}")
    format = "interview"


class ResponseFactory(CycleRecordFactory):
    """A stakeholder's answer, given in a session, to the first of the cycle's questions."""

    class Meta:
        model = "vision.Response"

    _parent = "session"

    session = _in_cycle(EngagementSessionFactory)
    question = factory.LazyAttribute(lambda o: o.cycle.vision_question_set.first())
    text = factory.Sequence(lambda n: f"Answer {n}")


class ThemeFactory(CycleRecordFactory):
    """A theme of the synthesis, about the first question."""

    class Meta:
        model = "vision.Theme"

    question = 1
    text = factory.Sequence(lambda n: f"Theme {n}")


# Goals (Tool 2)


def _next_priority_position(priority):
    from goals.services_priorities import next_priority_position

    return next_priority_position(priority.cycle)


class PriorityFactory(CycleRecordFactory):
    class Meta:
        model = "goals.Priority"

    phrase = factory.Sequence(lambda n: f"Priority {n}")
    position = factory.LazyAttribute(_next_priority_position)


class GoalFactory(CycleRecordFactory):
    """A long-term goal, with a priority of its own unless given one."""

    class Meta:
        model = "goals.Goal"

    _parent = "priority"

    priority = _in_cycle(PriorityFactory)
    statement = factory.Sequence(lambda n: f"Goal {n}: all students grow.")


# Program and initiative inventory (Tool 3)


class PersonFactory(CycleRecordFactory):
    """Someone to learn from, in section 1."""

    class Meta:
        model = "inventory.Person"

    category = "school"
    name = factory.Sequence(lambda n: f"Person {n}")


class SurveyFactory(CycleRecordFactory):
    """The cycle's online survey (one a cycle), open from today for a week."""

    class Meta:
        model = "inventory.Survey"

    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(lambda o: o.opens_on + timedelta(days=7))


class InterviewFactory(CycleRecordFactory):
    class Meta:
        model = "inventory.Interview"

    _parent = "person"


# Implementation rubric (Tool 4)


def current_framework():
    from rubric.models import Framework

    return Framework.objects.get(is_current=True)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "rubric.Assessment"

    cycle = factory.SubFactory(CycleFactory)
    framework = factory.LazyFunction(current_framework)
    kind = "beginning"
    opens_on = factory.LazyAttribute(lambda o: o.cycle.start_date)
    closes_on = factory.LazyAttribute(lambda o: o.cycle.start_date)


def rate_all(assessment, rater, score=2, **overrides):
    """Give `rater` a rating of every item (overrides: item code → score, or "not sure")."""
    from rubric.models import Item, Rating

    ratings = []
    for item in Item.objects.filter(focus_area__framework=assessment.framework):
        value = overrides.get(item.code, score)
        ratings.append(
            Rating(
                assessment=assessment,
                cycle=assessment.cycle,
                item=item,
                rater=rater,
                score=None if value in ("not sure", None) else value,
                not_sure=value == "not sure",
            )
        )
    return Rating.objects.bulk_create(ratings)


def agree_all(assessment, lead, score=2, **overrides):
    """Record a consensus for every item (overrides: item code → score; None leaves it out)."""
    from rubric.models import Consensus, Item

    rows = []
    for item in Item.objects.filter(focus_area__framework=assessment.framework):
        value = overrides.get(item.code, score)
        if value is None:
            continue
        rows.append(
            Consensus(
                assessment=assessment,
                cycle=assessment.cycle,
                item=item,
                score=value,
                rationale=f"Agreed on {value}.",
                recorded_by=lead,
            )
        )
    return Consensus.objects.bulk_create(rows)


# Long-term roadmap (Tool 5)


class ReflectionRowFactory(CycleRecordFactory):
    """A row of the data reflection on a long-term goal."""

    class Meta:
        model = "roadmap.ReflectionRow"

    _parent = "goal"

    goal = _in_cycle(GoalFactory)
    outcome = factory.Sequence(lambda n: f"Outcome {n}")


class SchoolRolloutFactory(CycleRecordFactory):
    """When a school of the cycle's district starts implementing (Year 1 unless told)."""

    class Meta:
        model = "roadmap.SchoolRollout"

    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..cycle.district"))
    year = 1


# Annual goals and action plan (Tool 6)


class AnnualGoalFactory(CycleRecordFactory):
    class Meta:
        model = "actionplan.AnnualGoal"

    _parent = "goal"

    goal = _in_cycle(GoalFactory)
    statement = "By May, walkthroughs show a rating of 3 in community-building."


class MilestoneFactory(CycleRecordFactory):
    """The first quarter's milestone of an annual goal, unless told otherwise."""

    class Meta:
        model = "actionplan.Milestone"
        skip_postgeneration_save = True

    _parent = "annual_goal"

    annual_goal = _in_cycle(AnnualGoalFactory)
    quarter = 1
    text = factory.LazyAttribute(lambda o: f"Milestone of quarter {o.quarter}")

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        """The responsible team members (`members=[...]`)."""
        if create and extracted:
            obj.members.set(extracted)


class ActivityFactory(CycleRecordFactory):
    class Meta:
        model = "actionplan.Activity"

    _parent = "milestone"

    milestone = _in_cycle(MilestoneFactory)
    key_activity = "professional-learning"
    action = "Conduct one monthly PL session."
    due_date = date(2026, 10, 1)


# Reports


class ReportDraftFactory(CycleRecordFactory):
    """The cycle's annual report narrative (one a cycle), blank unless given sections."""

    class Meta:
        model = "reports.ReportDraft"


class ReportJobFactory(CycleRecordFactory):
    """A report asked for and waiting; `done=True` gives it its PDF."""

    class Meta:
        model = "reports.ReportJob"

    kind = "annual"
    progress_total = 0

    class Params:
        done = factory.Trait(
            status="done",
            progress_done=factory.SelfAttribute("progress_total"),
            file=factory.django.FileField(filename="report.pdf", data=b"%PDF-1.7 test"),
        )
