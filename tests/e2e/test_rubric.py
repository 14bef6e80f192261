"""Tool 4, the implementation rubric: a member rates items, the lead reviews and agrees a score."""

import importlib

import pytest
from django.apps import apps
from playwright.sync_api import expect

from rubric.models import Consensus, Descriptor, Framework, Rating
from tests.factories import AssessmentFactory, rate_all

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

RUBRIC = "/d/riverbend/2026-27/rubric/"
NO_SUGGESTION = "No level has all its statements ticked yet."
LEVEL_3 = "3. Mostly planned and implemented"
LEVEL_2 = "2. Partially planned and implemented"


@pytest.fixture
def framework(e2e_cast):
    """The CASEL text its data migration loads; an earlier browser test's flush removed it."""
    if not Framework.objects.filter(is_current=True).exists():
        migration = importlib.import_module("rubric.migrations.0002_load_casel_2021")
        migration.load(apps, None)
    return Framework.objects.get(is_current=True)


@pytest.fixture
def assessment(framework, e2e_cast):
    return AssessmentFactory(cycle=e2e_cast.cycle, framework=framework)


def _descriptor_ids(item_code, level):
    return set(
        Descriptor.objects.filter(level__item__code=item_code, level__number=level).values_list(
            "pk", flat=True
        )
    )


def _expect_rate_page(page, live_server, assessment, code):
    expect(page).to_have_url(url_path(live_server, f"{RUBRIC}{assessment.code}/rate/{code}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{code}: ")


def test_member_rates_three_items_from_the_cycle_navigation(
    page, e2e_cast, assessment, live_server
):
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.get_by_role("link", name="2026-27").click()
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/2026-27/"))
    axe_check(page)

    page.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="4. Implementation rubric"
    ).click()
    expect(page).to_have_url(url_path(live_server, RUBRIC))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tool 4: Implementation rubric")
    assessments = page.get_by_role("table", name="Rubric assessments of this cycle")
    expect(assessments.get_by_role("row")).to_have_count(2)  # header + the assessment
    axe_check(page)

    assessments.get_by_role("link", name="Beginning of the year").click()
    expect(page).to_have_url(url_path(live_server, f"{RUBRIC}{assessment.code}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Beginning of the year")
    expect(page.get_by_text("0 of 23 rated")).to_be_visible()
    mine = page.get_by_role("table", name="Your rating of each item")
    expect(mine.get_by_role("row")).to_have_count(24)  # header + 23 items
    axe_check(page)

    # 1-A: tick every statement of level 3 with the keyboard; the suggestion follows live.
    mine.get_by_role("link", name="Rate 1-A").click()
    _expect_rate_page(page, live_server, assessment, "1-A")
    suggestion = page.locator("#suggestion")
    expect(suggestion).to_have_attribute("aria-live", "polite")
    expect(suggestion).to_have_text(NO_SUGGESTION)
    axe_check(page)
    level_3 = page.get_by_role("group", name=LEVEL_3).get_by_role("checkbox")
    expect(level_3).to_have_count(3)
    for index in range(3):
        expect(suggestion).to_have_text(NO_SUGGESTION)  # not every level-3 statement yet
        level_3.nth(index).focus()
        page.keyboard.press("Space")
        expect(level_3.nth(index)).to_be_checked()
    expect(suggestion).to_have_text("Suggested level: 3")
    rating = page.get_by_role("group", name="Your rating")
    rating.get_by_role("radio", name="3", exact=True).check()
    page.get_by_label("Evidence", exact=True).fill("Vision adopted by the board in May.")
    page.get_by_role("button", name="Save and rate the next item").click()

    # 1-B: tick level 2's one statement, then untick it: the suggestion goes back.
    _expect_rate_page(page, live_server, assessment, "1-B")
    expect(page.get_by_role("status")).to_have_text("Your rating of 1-A is saved.")
    expect(suggestion).to_have_text(NO_SUGGESTION)
    axe_check(page)
    level_2 = page.get_by_role("group", name=LEVEL_2).get_by_role("checkbox")
    expect(level_2).to_have_count(1)
    level_2.check()
    expect(suggestion).to_have_text("Suggested level: 2")
    level_2.uncheck()
    expect(suggestion).to_have_text(NO_SUGGESTION)
    level_2.check()
    expect(suggestion).to_have_text("Suggested level: 2")
    rating.get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("button", name="Save and rate the next item").click()

    # 1-C: not sure, with no statement ticked.
    _expect_rate_page(page, live_server, assessment, "1-C")
    expect(page.get_by_role("status")).to_have_text("Your rating of 1-B is saved.")
    axe_check(page)
    rating.get_by_role("radio", name="Not sure").check()
    page.get_by_role("button", name="Save and rate the next item").click()

    _expect_rate_page(page, live_server, assessment, "1-D")
    expect(page.get_by_role("status")).to_have_text("Your rating of 1-C is saved.")
    expect(rating.get_by_role("radio")).to_have_count(5)
    for radio in rating.get_by_role("radio").all():
        expect(radio).not_to_be_checked()
    axe_check(page)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Beginning of the year"
    ).click()
    expect(page).to_have_url(url_path(live_server, f"{RUBRIC}{assessment.code}/"))
    expect(page.get_by_text("3 of 23 rated")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Your rating progress")).to_have_attribute(
        "value", "3"
    )
    your_rating = mine.get_by_role("row").filter(has_not=page.get_by_role("columnheader"))
    expect(your_rating.locator("td:nth-child(2)")).to_have_text(
        ["3", "2", "Not sure"] + ["not rated"] * 20
    )
    expect(mine.get_by_role("link", name="Change 1-A")).to_be_visible()
    expect(mine.get_by_role("link", name="Rate 1-D")).to_be_visible()
    axe_check(page)

    ratings = {
        r.item.code: r for r in Rating.objects.filter(assessment=assessment, rater=e2e_cast.member)
    }
    assert sorted(ratings) == ["1-A", "1-B", "1-C"]
    assert (ratings["1-A"].score, ratings["1-A"].not_sure) == (3, False)
    assert ratings["1-A"].evidence == "Vision adopted by the board in May."
    assert {d.pk for d in ratings["1-A"].descriptors.all()} == _descriptor_ids("1-A", 3)
    assert (ratings["1-B"].score, ratings["1-B"].not_sure) == (2, False)
    assert {d.pk for d in ratings["1-B"].descriptors.all()} == _descriptor_ids("1-B", 2)
    assert (ratings["1-C"].score, ratings["1-C"].not_sure) == (None, True)
    assert not ratings["1-C"].descriptors.exists()
    assert all(r.cycle_id == e2e_cast.cycle.pk for r in ratings.values())


def test_lead_reviews_disagreement_and_records_a_consensus(page, e2e_cast, assessment, live_server):
    # Only a few items are rated (None leaves the rest unanswered); 1-C is two levels apart.
    rate_all(assessment, e2e_cast.member, score=None, **{"1-A": 3, "1-B": "not sure", "1-C": 1})
    rate_all(assessment, e2e_cast.lead, score=None, **{"1-A": 2, "1-B": 2, "1-C": 3})
    review_url = f"{RUBRIC}{assessment.code}/review/"

    log_in(page, "lead@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(f"{RUBRIC}{assessment.code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beginning of the year")
    axe_check(page)

    page.get_by_role("link", name="Committee ratings and consensus").click()
    expect(page).to_have_url(url_path(live_server, review_url))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Committee ratings: Beginning of the year"
    )
    expect(page.get_by_text("1 item shows disagreement")).to_be_visible()
    # Above the items, the lead may accept the agreeing ratings at once.
    expect(page.get_by_role("heading", name="Accept the committee's rating")).to_be_visible()
    items = page.locator("main section[aria-labelledby^='review-']")
    expect(items).to_have_count(23)
    first = items.first
    expect(first.get_by_role("heading", level=2)).to_contain_text("1-C: ")
    expect(first.get_by_role("heading", level=2)).to_contain_text("Disagreement")
    expect(first).to_contain_text("Spread: 2 ·")
    expect(page.get_by_text("Disagreement", exact=True)).to_have_count(1)
    # The rest follow in rubric order; an item one level apart is not flagged.
    expect(items.nth(1).get_by_role("heading", level=2)).to_contain_text("1-A: ")
    expect(items.nth(1)).to_contain_text("Spread: 1")
    expect(items.nth(2)).to_contain_text("1 not sure")
    ratings = first.get_by_role("table", name="Ratings of 1-C")
    expect(ratings.get_by_role("row")).to_have_count(3)  # header + two members
    axe_check(page)

    first.get_by_role("link", name="Record consensus 1-C").click()
    consensus_url = f"{RUBRIC}{assessment.code}/consensus/1-C/"
    expect(page).to_have_url(url_path(live_server, consensus_url))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Consensus on 1-C: ")
    axe_check(page)

    # Submitting without a rationale shows the error at the field and keeps the score.
    score = page.get_by_role("group", name="Consensus score")
    score.get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("button", name="Record consensus").click()
    expect(page).to_have_url(url_path(live_server, consensus_url))
    expect(page.get_by_role("alert")).to_have_text("Please correct the fields marked below.")
    rationale = page.get_by_label("Rationale")
    error = "Write the rationale: why the committee agreed on this score."
    expect(rationale).to_have_attribute("aria-invalid", "true")
    expect(rationale).to_have_accessible_description(error)
    expect(page.get_by_text(error)).to_be_visible()
    expect(score.get_by_role("radio", name="2", exact=True)).to_be_checked()
    assert not Consensus.objects.exists()
    axe_check(page)

    rationale.fill("Pilot schools only; the district plan is drafted, not adopted.")
    page.get_by_role("button", name="Record consensus").click()
    expect(page).to_have_url(url_path(live_server, review_url))
    expect(page.get_by_role("status")).to_have_text("Consensus for 1-C recorded.")
    agreed = page.get_by_role("region", name="1-C: ")
    expect(agreed).to_contain_text("Consensus: 2")
    expect(agreed).to_contain_text("Pilot schools only; the district plan is drafted, not adopted.")
    expect(agreed.get_by_role("link", name="Change consensus 1-C")).to_be_visible()
    axe_check(page)

    consensus = Consensus.objects.get()
    assert (consensus.assessment, consensus.item.code, consensus.score) == (assessment, "1-C", 2)
    assert consensus.rationale == "Pilot schools only; the district plan is drafted, not adopted."
    assert (consensus.recorded_by, consensus.cycle) == (e2e_cast.lead, e2e_cast.cycle)

    # The results page, still provisional apart from 1-C.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Beginning of the year"
    ).click()
    expect(page).to_have_url(url_path(live_server, f"{RUBRIC}{assessment.code}/"))
    axe_check(page)
    page.get_by_role("link", name="Results", exact=True).click()
    expect(page).to_have_url(url_path(live_server, f"{RUBRIC}{assessment.code}/results/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Beginning of the year")
    axe_check(page)
