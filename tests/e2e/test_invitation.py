import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sel_planner.accounts.models import User
from sel_planner.districts.models import Role

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

NEWCOMER = "new.member@a.example"
NEWCOMER_PASSWORD = "tidal-lantern-orchard-42"


def test_lead_invites_a_member_who_joins_logs_out_and_back_in(
    new_page, e2e_cast, live_server, settings
):
    settings.SITE_URL = live_server.url  # the emailed link must point at the live server

    # The lead invites someone from the People page.
    lead = new_page()
    log_in(lead, "lead@a.example")
    expect(lead).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(lead)

    lead.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(lead).to_have_url(url_path(live_server, "/d/riverbend/members/"))
    expect(lead.get_by_role("heading", level=1)).to_have_text("People")
    axe_check(lead)

    invite = lead.get_by_role("region", name="Invite someone")
    invite.get_by_label("Email address").fill(NEWCOMER)
    invite.get_by_label("Role").select_option(label="Committee member")
    invite.get_by_role("button", name="Send invitation").click()

    expect(lead).to_have_url(url_path(live_server, "/d/riverbend/members/"))
    expect(lead.get_by_role("status")).to_have_text(
        f"Invitation sent to {NEWCOMER}. The link works once, for 7 days."
    )
    pending = lead.get_by_role("table", name="Invitations not yet accepted")
    expect(pending.get_by_role("row")).to_have_count(2)  # header + the new invitation
    expect(pending.get_by_role("row").nth(1)).to_contain_text(NEWCOMER)
    expect(pending.get_by_role("row").nth(1)).to_contain_text("Committee member")
    axe_check(lead)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [NEWCOMER]
    links = re.findall(re.escape(live_server.url) + r"/accounts/invitations/\S+", email.body)
    assert len(links) == 1, email.body
    link = links[0]

    # The newcomer opens the link in a browser of their own, not logged in.
    newcomer = new_page()
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Join Riverbend Unified")
    expect(newcomer.get_by_role("main")).to_contain_text(NEWCOMER)
    axe_check(newcomer)

    newcomer.get_by_label("Your name").fill("Noor Haddad")
    newcomer.get_by_label("Choose a password").fill(NEWCOMER_PASSWORD)
    newcomer.get_by_label("Type the password again").fill(NEWCOMER_PASSWORD)
    newcomer.get_by_role("button", name="Create my account").click()

    expect(newcomer).to_have_url(url_path(live_server, "/d/riverbend/"))
    expect(newcomer.get_by_role("status")).to_have_text(
        "Welcome to Riverbend Unified's SEL planning."
    )
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Planning cycles")
    expect(newcomer.get_by_role("navigation", name="Main")).to_contain_text("Noor Haddad")
    axe_check(newcomer)
    user = User.objects.get(email=NEWCOMER)
    assert user.full_name == "Noor Haddad"
    assert user.memberships.get(district=e2e_cast.district).role == Role.MEMBER

    # The link worked once: opening it again explains it was used.
    response = newcomer.goto(link)
    assert response.status == 410
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(
        "This invitation link cannot be used"
    )
    expect(newcomer.get_by_role("main")).to_contain_text(
        "This invitation has already been accepted."
    )
    axe_check(newcomer)

    # Log out, then back in with the new password, and open the cycle's dashboard.
    newcomer.get_by_role("button", name="Log out").click()
    expect(newcomer).to_have_url(url_path(live_server, "/accounts/login/"))
    expect(newcomer.get_by_role("button", name="Log out")).to_have_count(0)
    axe_check(newcomer)

    log_in(newcomer, NEWCOMER, NEWCOMER_PASSWORD)
    expect(newcomer).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(newcomer)
    newcomer.get_by_role("link", name="2026-27").click()
    expect(newcomer).to_have_url(url_path(live_server, "/d/riverbend/2026-27/"))
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("SEL planning 2026-27")
    expect(newcomer.locator(".tool-card")).to_have_count(6)
    axe_check(newcomer)

    # Back on the lead's screen, the newcomer is a member and no invitation is pending.
    lead.reload()
    members = lead.get_by_role("table", name="Members of the district and their roles")
    expect(members.get_by_role("row").filter(has_text=NEWCOMER)).to_contain_text("Noor Haddad")
    expect(lead.get_by_role("table", name="Invitations not yet accepted")).to_have_count(0)
    expect(lead.get_by_text("No invitations are waiting.")).to_be_visible()
    axe_check(lead)
