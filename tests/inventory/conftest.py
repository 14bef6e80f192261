import pytest
from django.urls import reverse


@pytest.fixture
def url(cast):
    """`url("table")` or `url("program", code=...)`: an inventory address of the cast's cycle."""

    def build(name, **kwargs):
        kw = {"district": cast.district.slug, "cycle": cast.cycle.slug, **kwargs}
        return reverse(f"inventory:{name}", kwargs=kw)

    return build


@pytest.fixture
def goal(cast):
    from goals.models import Goal, Priority

    priority = Priority.objects.create(cycle=cast.cycle, phrase="Improve school climate.")
    return Goal.objects.create(cycle=cast.cycle, priority=priority, statement="Climate improves.")
