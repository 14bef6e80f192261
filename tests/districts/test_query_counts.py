"""Pages cost the same number of queries however much data the district has."""

import pytest

from sel_planner.districts.models import Role
from tests.conftest import count_page_queries

from ..factories import CycleFactory, MembershipFactory, SchoolFactory


def _grow(cast, cycles: int, members: int, schools: int):
    for index in range(cycles):
        CycleFactory(district=cast.district, label=f"{1900 + index}-{(index + 1) % 100:02d}")
    for _index in range(members):
        MembershipFactory(district=cast.district, role=Role.MEMBER)
    for index in range(schools):
        SchoolFactory(district=cast.district, name=f"School number {index}")


@pytest.mark.parametrize(
    "url",
    [
        "/d/riverbend/",
        "/d/riverbend/2026-27/",
        "/d/riverbend/2026-27/tools/vision/",
        "/d/riverbend/members/",
        "/d/riverbend/schools/",
        "/d/riverbend/settings/",
    ],
)
def test_query_count_is_constant(cast, url):
    client = cast.client("lead")
    small = count_page_queries(client, url)
    _grow(cast, cycles=49, members=199, schools=40)
    assert cast.district.cycles.count() == 50
    assert cast.district.memberships.count() == 202
    assert count_page_queries(client, url) == small


def test_dashboard_query_budget(cast, django_assert_max_num_queries):
    # Session, user, cycle and the navigation, then each of the six tools' progress and panel.
    client = cast.client("member")
    with django_assert_max_num_queries(15):
        client.get("/d/riverbend/2026-27/")


def test_district_picker_query_count_is_constant(cast):
    from ..factories import DistrictFactory

    MembershipFactory(user=cast.member, district=cast.other_district)
    client = cast.client("member")
    small = count_page_queries(client, "/")
    for _index in range(30):
        MembershipFactory(user=cast.member, district=DistrictFactory())
    assert count_page_queries(client, "/") == small
