"""The rubric results page: averages, heatmap, change since the previous assessment, trend."""

import re

from django.urls import reverse

from rubric.models import Consensus, Item
from sel_planner.charts import bucket, score, signed
from tests.conftest import count_page_queries

from ..factories import AssessmentFactory, CycleFactory, agree_all, rate_all


def _url(assessment) -> str:
    return reverse(
        "rubric:results",
        kwargs={
            "district": assessment.cycle.district.slug,
            "cycle": assessment.cycle.slug,
            "assessment": assessment.code,
        },
    )


def _results(cast, assessment, who="viewer"):
    response = cast.client(who).get(_url(assessment))
    assert response.status_code == 200
    return response, response.content.decode()


def _items(response) -> dict:
    return {r.item.code: r for area in response.context["areas"] for r in area.items}


def _section(html: str, heading_id: str) -> str:
    """The HTML of one <section>, found by the id of its heading."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_viewer_sees_focus_area_averages_from_consensus(cast):
    assessment = AssessmentFactory(cycle=cast.cycle, revealed=True)
    # Area 1: 4, 4 and six 2s → 2.5. Area 2: 4 and four 3s → 3.2.
    # Area 3: 3-A has no consensus, so the member's provisional 1 and seven 2s → 1.88.
    # Area 4: 1 and 4 → 2.5.
    overrides = {"1-A": 4, "1-B": 4, "2-A": 4, "2-B": 3, "2-C": 3, "2-D": 3, "2-E": 3}
    agree_all(assessment, cast.lead, score=2, **overrides, **{"3-A": None, "4-A": 1, "4-B": 4})
    # Ratings never count where a consensus exists.
    rate_all(assessment, cast.member, score=1)

    response, html = _results(cast, assessment)

    areas = response.context["areas"]
    assert [a.area.number for a in areas] == [1, 2, 3, 4]
    assert [a.average for a in areas] == [2.5, 3.2, 1.88, 2.5]
    assert [a.previous_average for a in areas] == [None, None, None, None]
    items = _items(response)
    assert len(items) == 23
    assert items["1-A"].value == 4.0 and items["1-A"].provisional is False
    assert items["3-A"].value == 1.0  # the member's rating stands in, provisional
    assert items["3-A"].provisional is True

    averages = _section(html, "averages-heading")
    table = averages[averages.index("<table") :]
    for value in ("2.5", "3.2", '<em class="rubric-provisional">1.88</em>'):
        assert f'<td class="num">{value}' in table
    assert "<h1>Results: Beginning of the year</h1>" in html
    assert html.count("<h1") == 1
    assert reverse("rubric:home", kwargs={"district": "riverbend", "cycle": "2026-27"}) in html


def test_values_from_ratings_alone_are_provisional_means(cast):
    assessment = AssessmentFactory(cycle=cast.cycle, revealed=True)
    rate_all(assessment, cast.member, score=3, **{"1-A": "not sure", "4-B": "not sure"})
    rate_all(assessment, cast.lead, score=2, **{"1-A": 4, "1-B": "not sure", "4-B": "not sure"})
    rate_all(assessment, cast.viewer, score=None, **{"4-B": "not sure"})
    item = Item.objects.get(code="1-D", focus_area__framework=assessment.framework)
    Consensus.objects.create(
        assessment=assessment, cycle=cast.cycle, item=item, score=1, rationale="Agreed."
    )

    response, html = _results(cast, assessment)

    items = _items(response)
    assert (items["1-A"].value, items["1-A"].provisional) == (4.0, True)  # "not sure" left out
    assert (items["1-B"].value, items["1-B"].provisional) == (3.0, True)
    assert (items["1-C"].value, items["1-C"].provisional) == (2.5, True)
    assert (items["1-D"].value, items["1-D"].provisional) == (1.0, False)
    assert items["4-B"].value is None  # only "not sure" answers: no value at all
    assert response.context["areas"][3].average == 2.5  # 4-A alone: (3 + 2) / 2
    assert '<em class="rubric-provisional">2.5</em>' in html
    assert "provisional" in _section(html, "heatmap-heading")
    assert "mean of the committee" in html


def test_end_of_year_compares_with_the_beginning_of_the_same_cycle(cast):
    beginning = AssessmentFactory(cycle=cast.cycle, kind="beginning")
    agree_all(beginning, cast.lead, score=2, **{"1-A": 1, "2-A": None})
    end = AssessmentFactory(cycle=cast.cycle, kind="end")
    agree_all(end, cast.lead, score=2, **{"1-A": 3, "1-B": 4, "1-C": 1, "3-A": None})

    response, html = _results(cast, end)

    assert response.context["previous"] == beginning
    items = _items(response)
    assert (items["1-A"].previous, items["1-A"].value, items["1-A"].change) == (1.0, 3.0, 2.0)
    assert items["1-B"].change == 2.0
    assert items["1-C"].change == -1.0
    assert items["1-D"].change == 0.0
    assert items["2-A"].previous is None and items["2-A"].change is None  # missing before
    assert items["3-A"].value is None and items["3-A"].change is None  # missing now
    rises = [r.item.code for r in response.context["rises"]]
    falls = [r.item.code for r in response.context["falls"]]
    assert rises == ["1-A", "1-B"]
    assert falls == ["1-C"]
    assert "2-A" not in rises + falls and "3-A" not in rises + falls

    change = _section(html, "change-heading")
    assert "Compared with Beginning of the year (2026-27)." in change
    assert '<td class="num">+2</td>' in change
    assert '<td class="num">\u22121</td>' in change
    assert '<td class="num">\u2014</td>' in change
    assert "Largest rises" in change and "Largest falls" in change

    first = _results(cast, beginning)
    assert first[0].context["previous"] is None
    assert "A comparison appears after the district" in _section(first[1], "change-heading")


def test_this_years_beginning_compares_with_last_years_end(cast):
    last_cycle = CycleFactory(district=cast.district, label="2025-26")
    last_beginning = AssessmentFactory(cycle=last_cycle, kind="beginning")
    agree_all(last_beginning, cast.lead, score=1)
    last_end = AssessmentFactory(cycle=last_cycle, kind="end")
    agree_all(last_end, cast.lead, score=3, **{"4-B": None})
    beginning = AssessmentFactory(cycle=cast.cycle, kind="beginning")
    agree_all(beginning, cast.lead, score=3, **{"4-A": 2, "3-H": 4})

    response, html = _results(cast, beginning)

    assert response.context["previous"] == last_end
    items = _items(response)
    assert items["4-A"].change == -1.0
    assert items["3-H"].change == 1.0
    assert items["4-B"].previous is None and items["4-B"].change is None
    assert [r.item.code for r in response.context["rises"]] == ["3-H"]
    assert [r.item.code for r in response.context["falls"]] == ["4-A"]
    areas = response.context["areas"]
    assert [a.previous_average for a in areas] == [3.0, 3.0, 3.0, 3.0]
    assert areas[3].average == 2.5
    assert "Compared with End of the year (2025-26)." in html

    trend = response.context["trend"]
    assert trend["areas"] == [1, 2, 3, 4]
    assert [row["assessment"] for row in trend["rows"]] == [last_beginning, last_end, beginning]
    assert trend["rows"][0]["averages"] == [1.0, 1.0, 1.0, 1.0]
    trend_html = _section(html, "trend-heading")
    assert "<polyline" in trend_html
    assert "2025-26" in trend_html and "2026-27" in trend_html


def test_a_single_assessment_is_drawn_as_points(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    agree_all(assessment, cast.lead, score=3)

    _response, html = _results(cast, assessment)

    trend_html = _section(html, "trend-heading")
    assert "<polyline" not in trend_html
    assert trend_html.count("<circle") >= 2  # the legend marker and the point of area 1
    assert "one assessment so far" in trend_html


def test_query_count_does_not_grow_with_the_districts_assessments(cast):
    current = AssessmentFactory(cycle=cast.cycle, kind="end")
    agree_all(current, cast.lead, score=3)
    rate_all(current, cast.member, score=2)
    client = cast.client("viewer")
    url = _url(current)
    small = count_page_queries(client, url)

    created = 1
    for i in range(10):
        cycle = CycleFactory(district=cast.district, label=f"{2000 + i}-{(i + 1) % 100:02d}")
        for kind in ("beginning", "end"):
            if created == 20:
                break
            earlier = AssessmentFactory(cycle=cycle, kind=kind)
            agree_all(earlier, cast.lead, score=1 + i % 4, **{"1-A": None})
            rate_all(earlier, cast.member, score=2)
            created += 1
    assert current.__class__.objects.filter(cycle__district=cast.district).count() == 20

    assert count_page_queries(client, url) == small


def test_charts_are_accessible_svg_without_inline_styles(cast):
    last_cycle = CycleFactory(district=cast.district, label="2025-26")
    agree_all(AssessmentFactory(cycle=last_cycle, kind="end"), cast.lead, score=2)
    assessment = AssessmentFactory(cycle=cast.cycle)
    rate_all(assessment, cast.member, score=3)
    agree_all(assessment, cast.lead, score=4, **{"1-A": None})

    _response, html = _results(cast, assessment)

    assert 'role="img"' in html
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert len(svgs) == 3
    for tag in svgs:
        assert 'role="img"' in tag
        assert "viewBox=" in tag
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', tag)
        assert labelled_by, tag
        for target in labelled_by.group(1).split():
            assert re.search(rf'<(title|desc) id="{target}"', html)
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline scripts
    # Every chart is followed by its data table before anything else is drawn.
    for match in re.finditer(r"</svg>", html):
        rest = html[match.end() :]
        next_table, next_svg = rest.find("<table"), rest.find("<svg")
        assert next_table != -1
        assert next_svg == -1 or next_table < next_svg
    for table in re.findall(r"<table\b.*?</table>", html, flags=re.S):
        assert "<caption>" in table
        assert 'scope="col"' in table and 'scope="row"' in table
    # Text on the dark level-3 and level-4 cells is white, on the light ones dark.
    assert 'fill="#053061"' in html and 'fill="#ffffff"' in html


def test_user_text_is_escaped(cast):
    assessment = AssessmentFactory(cycle=cast.cycle, kind="other", name="<b>Mid</b>-year")
    agree_all(assessment, cast.lead, score=2)

    _response, html = _results(cast, assessment)

    assert "<b>Mid</b>" not in html
    assert "&lt;b&gt;Mid&lt;/b&gt;-year" in html


def test_outsider_cannot_see_the_results(cast):
    assessment = AssessmentFactory(cycle=cast.cycle)
    response = cast.client("outsider").get(_url(assessment))
    assert response.status_code in (403, 404)


def test_number_formats():
    assert [score(v) for v in (None, 2.0, 2.5, 2.375, 3.25)] == ["—", "2", "2.5", "2.38", "3.25"]
    assert [signed(v) for v in (None, 0.5, -1.0, 0.0, 2.25)] == ["—", "+0.5", "−1", "0", "+2.25"]
    averages = (None, 1.0, 1.4, 1.5, 2.4, 2.5, 3.5, 4.0)
    assert [bucket(v) for v in averages] == [None, 1, 1, 2, 2, 3, 4, 4]


def test_unrevealed_ratings_do_not_leak_through_the_results(cast):
    from ..factories import AssessmentFactory, rate_all

    assessment = AssessmentFactory(cycle=cast.cycle)
    rate_all(assessment, cast.member, score=4)
    url = f"/d/riverbend/2026-27/rubric/{assessment.code}/results/"

    def values(who):
        areas = cast.client(who).get(url).context["areas"]
        return {r.value for area in areas for r in area.items}

    assert values("viewer") == {None}
    assert values("lead") == {4.0}
    assessment.revealed = True
    assessment.save()
    assert values("viewer") == {4.0}
