"""The chart module: the shared SVG helpers, and each chart's geometry from plain inputs."""

from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation

from goals.models import COMFORT
from sel_planner import charts


def test_numbers_are_short_and_keep_a_decimal_point_in_every_locale():
    with translation.override("de"):
        assert [charts.n(v) for v in (12, 12.0, 12.25, 12.96, -0.04)] == [
            "12",
            "12",
            "12.2",
            "13",
            "-0",
        ]
        assert charts.short(2.375, 2) == "2.38"
        assert charts.score(-0.001) == "0"


def test_a_scale_maps_zero_and_the_top_onto_its_ends_in_either_direction():
    across, up = charts.Scale(8, 560, 4), charts.Scale(240, 40, 4)

    assert (across(0), across(4), across.length(2)) == (8, 560, 276)
    assert (up(0), up(4), up(1)) == (240, 40, 190)
    assert up.length(Decimal("2")) == -100


def test_a_bar_writes_its_value_after_its_end_centred_on_it():
    assert charts.bar(8, 30, 100.25, 20) == {
        "x": "8",
        "y": "30",
        "width": "100.2",
        "height": "20",
        "text_x": "114.2",
        "text_y": "44",
    }


def test_ticks_label_a_y_axis_on_the_line_and_keep_x_labels_inside():
    y_ticks = charts.ticks(charts.Scale(100, 0, 2), [0, 1, 2])
    x_ticks = charts.ticks(charts.Scale(0, 40, 4), range(5), axis="x")

    assert y_ticks[1] == {"y": "50", "label_y": "54", "label": "1"}
    assert [t["anchor"] for t in x_ticks] == ["start", "middle", "middle", "middle", "end"]
    assert [t["x"] for t in x_ticks] == ["0", "10", "20", "30", "40"]


def test_a_legend_places_swatches_in_a_row_or_a_column_and_keeps_each_entry():
    row = charts.legend([{"label": "a"}, {"label": "b"}], x=48, step_x=150, text_dx=20)
    column = charts.legend([{}, {}], x=8, y=4, step_y=18, text_dy=12)

    assert [(e["label"], e["x"], e["text_x"]) for e in row] == [
        ("a", "48", "68"),
        ("b", "198", "218"),
    ]
    assert [(e["y"], e["text_y"]) for e in column] == [("4", "16"), ("22", "34")]


def test_polyline_joins_points():
    assert charts.polyline([(1, 2.55), (3.0, 4)]) == "1,2.5 3,4"  # 2.55 is 2.5499… as a float


def _counts(own, committee):
    counts = {"total": sum(own)}
    for (level, _label), mine, ours in zip(COMFORT, own, committee, strict=True):
        counts[f"own_{level}"], counts[f"committee_{level}"] = mine, ours
    return counts


def test_comfort_bars_are_scaled_to_the_most_chosen_level():
    chart = charts.comfort_chart(_counts([0, 4, 2, 1], [1, 2, 3, 0]), COMFORT)

    widths = [(r["own_bar"]["width"], r["committee_bar"]["width"]) for r in chart["rows"]]
    assert widths == [("0", "75"), ("300", "150"), ("150", "225"), ("75", "0")]
    assert chart["rows"][0]["label_y"] == "74" and chart["height"] == "252"
    assert chart["rows"][1]["committee_bar"]["y"] == "124"


def test_comfort_chart_without_answers_draws_empty_bars():
    chart = charts.comfort_chart(_counts([0] * 4, [0] * 4), COMFORT)

    assert {r["own_bar"]["width"] for r in chart["rows"]} == {"0"}
    assert chart["total"] == 0


def _point(label, value, unit="%"):
    return {"label": label, "value": value, "unit": unit, "text": f"{value}{unit}"}


def test_a_trajectory_needs_two_numbers_and_its_line_skips_the_missing_ones():
    assert charts.trajectory_chart([_point("now", Decimal(40)), _point("Y1", None)]) is None

    points = [_point("now", Decimal(40)), _point("Y1", None), _point("goal", Decimal(80))]
    chart = charts.trajectory_chart(points)

    assert [t["label"] for t in chart["ticks"]] == ["0%", "25%", "50%", "75%", "100%"]
    assert chart["path"] == "56,134.4 544,60.8"
    assert "y" not in chart["points"][1] and chart["points"][1]["label_y"] == "228"


def test_a_trajectory_of_counts_leaves_room_above_the_highest():
    chart = charts.trajectory_chart([_point("a", Decimal(0), ""), _point("b", Decimal(50), "")])

    assert chart["ticks"][-1]["label"] == "55"
    assert chart["points"][0]["y"] == "208"


def _year(label, **by_level):
    levels = [{"level": level, "count": count} for level, count in by_level.items()]
    return {"label": label, "school_year": "2026-27", "total": sum(by_level.values())} | {
        "by_level": levels
    }


def test_rollout_bars_stack_each_level_and_hide_text_that_does_not_fit():
    assert charts.rollout_chart({"total_schools": 0, "counts": [], "levels": []}) is None

    plan = {
        "total_schools": 20,
        "counts": [_year("Year 1", ES=19, MS=1), _year("Year 2", ES=0, HS=0)],
        "levels": [("ES", "Elementary"), ("MS", "Middle"), ("XX", "unknown")],
    }
    chart = charts.rollout_chart(plan)

    first, second = chart["bars"]
    assert [(s["y"], s["height"], s["show_text"]) for s in first["segments"]] == [
        ("29.4", "178.6", True),
        ("20", "9.4", False),
    ]
    assert second["segments"] == [] and second["total_y"] == "202"
    assert [(e["label"], e["x"], e["fill"]) for e in chart["legend"]] == [
        ("Elementary", "48", charts.LIGHT),
        ("Middle", "198", charts.MID),
    ]


def _area(number, values, average, previous=None, provisional=False):
    items = [SimpleNamespace(value=v, provisional=provisional) for v in values]
    area = SimpleNamespace(number=number, title=f"Area {number}")
    return SimpleNamespace(area=area, items=items, average=average, previous_average=previous)


def test_averages_bars_show_the_previous_assessment_below_when_there_is_one():
    areas = [_area(1, [3, 4], 3.5, 2, provisional=True), _area(2, [None], None)]
    previous = SimpleNamespace(title="Spring", cycle=SimpleNamespace(label="2024-25"))

    alone, compared = charts.averages_chart(areas), charts.averages_chart(areas, previous)

    assert alone["rows"][0]["before"] is None and len(alone["legend"]) == 1
    first, second = compared["rows"]
    assert (first["now"]["width"], first["now"]["text"], first["change"]) == ("483", "3.5*", 1.5)
    assert first["before"]["width"] == "276" and first["before"]["y"] == "90"
    assert (second["now"]["missing"], second["now"]["text"], second["change"]) == (
        True,
        "no scores yet",
        None,
    )
    assert compared["legend"][1]["text"] == "Previous: Spring (2024-25)"
    assert compared["provisional"] is True


def test_heatmap_cells_take_the_colour_of_their_nearest_level():
    chart = charts.heatmap_chart([_area(1, [1.4, 2.5, None, 4], 2.6)])

    cells = chart["rows"][0]["cells"]
    assert [(c["level"], c["fill"], c["value"]) for c in cells] == [
        (1, charts.PALE, "1.4"),
        (3, charts.MID, "2.5"),
        (None, "#f0f0f0", "—"),
        (4, charts.DARK, "4"),
    ]
    assert [c["x"] for c in cells] == ["104", "174", "244", "314"]
    assert chart["width"] == "640" and len(chart["legend"]) == 5


def _assessment(pk, title):
    return SimpleNamespace(pk=pk, title=title, cycle=SimpleNamespace(label=f"202{pk}-2{pk + 1}"))


def test_trend_lines_break_at_a_missing_average_and_label_every_point():
    rows = [
        {"assessment": _assessment(k, f"Assessment {k}"), "averages": [a, b]}
        for k, (a, b) in enumerate([(1, 2), (2, None), (3, 3), (None, 4)])
    ]
    current = rows[2]["assessment"]

    chart = charts.trend_chart({"areas": [1, 2], "rows": rows}, current=current)

    one, two = chart["lines"]
    assert one["segments"] == ["114,190 254,140 394,90"]
    assert two["segments"] == ["394,90 534,40"]
    assert [p["circle"] for p in one["points"]] == [True] * 3
    assert two["points"][0]["points"] == "109,135 119,135 119,145 109,145"
    assert two["points"][-1]["label"] == "Focus area 2, Assessment 3 (2023-24): 4"
    assert [c["is_current"] for c in chart["columns"]] == [False, False, True, False]
    assert [g["y"] for g in chart["grid"]] == ["240", "190", "140", "90", "40"]
    assert chart["single"] is False and chart["width"] == "612"


def test_a_trend_of_one_assessment_is_single_points_with_a_short_title():
    rows = [{"assessment": _assessment(1, "A very long assessment title here"), "averages": [2]}]

    chart = charts.trend_chart({"areas": [1], "rows": rows})

    assert chart["single"] is True and chart["lines"][0]["segments"] == []
    assert chart["columns"][0]["title"] == "A very long assessment…"


def test_scores_and_changes_are_written_for_people():
    assert [charts.score(v) for v in (None, 2.0, 2.5, 2.375)] == ["—", "2", "2.5", "2.38"]
    assert [charts.signed(v) for v in (0.5, -1, 0.001, None)] == ["+0.5", "−1", "0", "—"]
    assert [charts.bucket(v) for v in (None, 0.2, 1.49, 2.5, 4)] == [None, 1, 1, 3, 4]
