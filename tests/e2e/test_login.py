import pytest
from playwright.sync_api import expect

from sel_planner.districts.models import Role
from tests.factories import MembershipFactory

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e


def test_member_of_one_district_lands_in_it(page, e2e_cast, live_server):
    log_in(page, "member@a.example")

    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning cycles")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Riverbend Unified")
    expect(page.get_by_role("link", name="2026-27")).to_be_visible()
    # One district: no picker and no district switcher in the menu.
    expect(page.get_by_role("link", name="Switch district")).to_have_count(0)
    axe_check(page)


def test_member_of_two_districts_picks_one(page, e2e_cast, live_server):
    MembershipFactory(user=e2e_cast.lead, district=e2e_cast.other_district, role=Role.MEMBER)

    log_in(page, "lead@a.example")

    expect(page).to_have_url(url_path(live_server, "/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your districts")
    choices = page.locator(".district-list").get_by_role("link")
    expect(choices).to_have_text(["Lakeside Public Schools", "Riverbend Unified"])
    axe_check(page)

    page.get_by_role("link", name="Lakeside Public Schools").click()

    expect(page).to_have_url(url_path(live_server, "/d/lakeside/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning cycles")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text(
        "Lakeside Public Schools"
    )
    expect(
        page.get_by_role("link", name="Lakeside Public Schools · switch district")
    ).to_be_visible()
    axe_check(page)


def test_wrong_password_is_refused_with_a_message(page, e2e_cast, live_server):
    log_in(page, "member@a.example", password="not-the-password")

    expect(page).to_have_url(url_path(live_server, "/accounts/login/"))
    expect(page.get_by_role("alert")).to_contain_text(
        "That email address and password do not match an account."
    )
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    axe_check(page)


def test_anonymous_visitor_is_sent_to_login(page, e2e_cast, live_server):
    page.goto("/d/riverbend/2026-27/")

    expect(page).to_have_url(url_path(live_server, "/accounts/login/?next=/d/riverbend/2026-27/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to SEL Planner")
    axe_check(page)
