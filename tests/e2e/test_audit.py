"""The audit log: a lead changes a role, then reads the change in the district's audit log."""

import pytest
from playwright.sync_api import expect

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e


def test_lead_reads_a_role_change_in_the_audit_log(new_page, e2e_cast, live_server):
    page = new_page()
    log_in(page, "lead@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)

    page.goto("/d/riverbend/settings/")
    axe_check(page)
    page.get_by_role("link", name="Audit log").click()
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/audit/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    expect(page.get_by_text("Nothing recorded yet.")).to_be_visible()
    axe_check(page)

    page.goto("/d/riverbend/members/")
    axe_check(page)
    member_row = page.get_by_role("row").filter(has_text="member@a.example")
    member_row.get_by_role("combobox").select_option("viewer")
    member_row.get_by_role("button", name="Change role").click()
    expect(page.get_by_text("is now: Viewer")).to_be_visible()
    axe_check(page)

    page.goto("/d/riverbend/audit/")
    row = page.get_by_role("row").filter(has_text="Role changed")
    expect(row).to_contain_text("lead@a.example")
    expect(row).to_contain_text("member@a.example: Committee member → Viewer")
    axe_check(page)
