import pytest
from django.urls import reverse

from tests.factories import GoalFactory


@pytest.fixture
def url(cast):
    """`url("table")` or `url("program", code=...)`: an inventory address of the cast's cycle."""

    def build(name, **kwargs):
        kw = {"district": cast.district.slug, "cycle": cast.cycle.slug, **kwargs}
        return reverse(f"inventory:{name}", kwargs=kw)

    return build


@pytest.fixture
def goal(cast):
    return GoalFactory(
        cycle=cast.cycle, priority__phrase="Improve school climate.", statement="Climate improves."
    )
