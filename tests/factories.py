from datetime import date

import factory

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
