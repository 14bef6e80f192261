"""The product's SVG charts, computed here so the templates only place shapes.

Each chart is a short function that returns plain dicts of ready-to-print strings, built with
the shared helpers below (number formatting, linear scales, bars, ticks, legends, polylines).
Numbers are formatted here, not with Django's localisation, so SVG coordinates always use a
decimal point. The templates use presentation attributes only, because the pages run under a
Content-Security-Policy without inline styles. Text drawn on a colour has 4.5:1 contrast on
it, and every chart is followed by a data table with the same numbers.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from sel_planner.districts.quantities import show_quantity

INK = "#1a1a1a"
GRID = "#c8c8c8"
WHITE = "#ffffff"
LINE = "#0b5394"
PALE = "#d1e5f0"
LIGHT = "#92c5de"
LIGHT_OUTLINE = "#3a6d96"  # gives the light bars 3:1 against white
MID = "#2166ac"
DARK = "#053061"
DASH = "—"
MINUS = "−"  # U+2212, read as "minus" by screen readers


# The shared helpers.


def short(number, places: int = 1) -> str:
    """A number with at most `places` decimals, without trailing zeros, whatever the locale."""
    return f"{number:.{places}f}".rstrip("0").rstrip(".")


def n(number) -> str:
    """An SVG coordinate or length as a short string."""
    return short(float(number))


def middle(start: float, size: float) -> float:
    """The baseline that centres a line of chart text on a band from `start` of `size`."""
    return start + size / 2 + 4


@dataclass(frozen=True)
class Scale:
    """Maps 0 to `top` of the data onto `start` to `end` in SVG units (end < start going up)."""

    start: float
    end: float
    top: float

    def length(self, value) -> float:
        return (self.end - self.start) * float(value) / self.top

    def __call__(self, value) -> float:
        return self.start + self.length(value)


def box(x: float, y: float, width: float, height: float) -> dict:
    """A rectangle's attributes."""
    return {"x": n(x), "y": n(y), "width": n(width), "height": n(height)}


def bar(x: float, y: float, length: float, thickness: float) -> dict:
    """A horizontal bar, with its value written just after its end and centred on it."""
    text = {"text_x": n(x + length + 6), "text_y": n(middle(y, thickness))}
    return box(x, y, length, thickness) | text


def ticks(scale: Scale, values, label=str, *, axis: str = "y") -> list[dict]:
    """Grid lines at `values`: a y axis's labels sit on their line, an x axis's keep inside."""
    if axis == "y":
        return [{"y": n(scale(v)), "label_y": n(scale(v) + 4), "label": label(v)} for v in values]
    anchors = {len(values) - 1: "end", 0: "start"}  # one value alone starts at its line
    return [
        {"x": n(scale(v)), "label": label(v), "anchor": anchors.get(i, "middle")}
        for i, v in enumerate(values)
    ]


def legend(entries, *, x=0, y=0, step_x=0, step_y=0, text_dx=0, text_dy=0) -> list[dict]:
    """Each entry's swatch placed in a row (step_x) or a column (step_y), with its text's start."""
    placed = []
    for i, entry in enumerate(entries):
        at_x, at_y = x + i * step_x, y + i * step_y
        placed.append(
            {**entry, "x": n(at_x), "y": n(at_y), "text_x": n(at_x + text_dx)}
            | {"text_y": n(at_y + text_dy)}
        )
    return placed


def polyline(pairs) -> str:
    """The `points` attribute of a polyline or polygon through (x, y) pairs."""
    return " ".join(f"{n(x)},{n(y)}" for x, y in pairs)


def truncate(text, length: int) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# Goals: the reflection's comfort ratings.

COMFORT_BAR, COMFORT_GAP, COMFORT_GROUP_GAP, COMFORT_TOP = 16, 4, 16, 52
COMFORT_LEFT, COMFORT_BAR_LENGTH = 200, 300


def comfort_chart(counts: dict[str, int], levels) -> dict:
    """Two bars per comfort level (members individually, the committee), and the table's rows."""
    kinds = ("own", "committee")
    most = max([1, *(counts[f"{kind}_{level}"] for kind in kinds for level, _l in levels)])
    scale = Scale(COMFORT_LEFT, COMFORT_LEFT + COMFORT_BAR_LENGTH, most)
    group = 2 * COMFORT_BAR + COMFORT_GAP + COMFORT_GROUP_GAP
    rows = []
    for index, (level, label) in enumerate(levels):
        y = COMFORT_TOP + index * group
        label_y = middle(y, group - COMFORT_GROUP_GAP)
        row = {"level": level, "label": str(label), "label_y": n(label_y)}
        for k, kind in enumerate(kinds):
            count = counts[f"{kind}_{level}"]
            row[kind] = count
            bar_y = y + k * (COMFORT_BAR + COMFORT_GAP)
            row[f"{kind}_bar"] = bar(COMFORT_LEFT, bar_y, round(scale.length(count)), COMFORT_BAR)
        rows.append(row)
    return {
        "width": "560",
        "height": n(COMFORT_TOP + len(levels) * group - COMFORT_GROUP_GAP + 8),
        "bar_left": n(COMFORT_LEFT),
        "bar_height": n(COMFORT_BAR),
        "own_fill": MID,
        "committee_fill": LIGHT,
        "committee_stroke": LIGHT_OUTLINE,
        "ink": INK,
        "rows": rows,
        "total": counts["total"],
    }


# Roadmap: each goal's trajectory and the schools' roll-out.

# One colour per school level, each with a text colour that has 4.5:1 contrast on it.
LEVEL_COLOURS = {
    "ES": (LIGHT, INK),
    "MS": (MID, WHITE),
    "HS": (DARK, WHITE),
    "other": ("#d9d9d9", INK),
}


def _first_number(targets):
    numeric = [t for t in targets if t.value is not None]
    outcomes = [t for t in numeric if t.kind == "outcome"]
    chosen = (outcomes or numeric or [None])[0]
    return (chosen.value, chosen.unit) if chosen else (None, "")


def trajectory_points(grid_row) -> list[dict]:
    """Current status, each year and the long-term goal with the number each aims for, if any."""
    goal = grid_row.goal
    # (label, cell, the goal's own number and unit where the cell's targets have none)
    steps = [(_("Current Status"), grid_row.current, goal.baseline_value, goal.baseline_unit)]
    steps += [(cell.label, cell, None, "") for cell in grid_row.years if cell.in_range]
    steps.append((_("Long term goal"), grid_row.long_term, goal.target_value, goal.target_unit))
    points = []
    for label, cell, goal_value, goal_unit in steps:
        value, unit = _first_number(cell.targets)
        if value is None and goal_value is not None:
            value, unit = goal_value, goal_unit
        text = DASH if value is None else show_quantity(Decimal(value), unit, "")
        points.append({"label": label, "value": value, "unit": unit, "text": text})
    return points


def trajectory_chart(points: list[dict]) -> dict | None:
    """A line through the numeric points; None when fewer than two points have a number."""
    numbers = [p for p in points if p["value"] is not None]
    if len(numbers) < 2:
        return None
    width, height, left, right, top, bottom = 600, 260, 56, 56, 24, 52
    unit = "%" if {p["unit"] for p in numbers} == {"%"} else ""
    top_value = max(float(p["value"]) for p in numbers)
    scale_max = 100.0 if unit and top_value <= 100 else max(top_value * 1.1, 1.0)
    y_of = Scale(height - bottom, top, scale_max)
    step = (width - left - right) / max(1, len(points) - 1)
    placed = []
    for index, point in enumerate(points):
        entry = {
            "x": n(left + step * index),
            "label": point["label"],
            "label_y": n(y_of.start + 20),
        }
        if point["value"] is not None:
            y = y_of(point["value"])
            entry.update(y=n(y), text=point["text"], text_y=n(y - 10))
        placed.append(entry)

    def tick_label(value):
        return show_quantity(Decimal(str(round(value, 1))), unit, "")

    return {
        "width": width,
        "height": height,
        "left": n(left),
        "right": n(width - right),
        "points": placed,
        "ticks": ticks(y_of, [scale_max * i / 4 for i in range(5)], tick_label),
        "path": " ".join(f"{p['x']},{p['y']}" for p in placed if "y" in p),
        "ink": INK,
        "grid": GRID,
        "line": LINE,
    }


def rollout_chart(plan: dict) -> dict | None:
    """Stacked bars of the schools implementing in each year, by level; None without schools."""
    total = plan["total_schools"]
    if not total:
        return None
    counts = plan["counts"]
    width, height, left, top, bottom = 600, 260, 48, 20, 52
    scale = Scale(0, height - top - bottom, total)
    slot = (width - left - 16) / len(counts)
    bar_w = min(64.0, slot * 0.6)
    bars = []
    for index, year in enumerate(counts):
        x = left + slot * index + (slot - bar_w) / 2
        base: float = height - bottom
        segments = []
        for level in year["by_level"]:
            if not level["count"]:
                continue
            h = scale.length(level["count"])
            fill, ink = LEVEL_COLOURS.get(level["level"], LEVEL_COLOURS["other"])
            base -= h
            segments.append(
                {"y": n(base), "height": n(h), "fill": fill, "ink": ink, "show_text": h >= 14}
                | {"count": level["count"], "text_y": n(middle(base, h))}
            )
        bars.append(
            {"x": n(x), "width": n(bar_w), "mid": n(x + bar_w / 2), "segments": segments}
            | {"total": year["total"], "total_y": n(base - 6), "label": year["label"]}
            | {"label_y": n(height - bottom + 20), "school_year": year["school_year"]}
            | {"year_y": n(height - bottom + 36)}
        )
    entries = [
        {"fill": LEVEL_COLOURS[v][0], "label": label}
        for v, label in plan["levels"]
        if v in LEVEL_COLOURS
    ]
    return {
        "width": width,
        "height": height + 24,
        "bars": bars,
        "legend": legend(entries, x=left, step_x=150, text_dx=20),
        "legend_y": n(height + 6),
        "legend_text_y": n(height + 18),
        "ink": INK,
        "baseline_y": n(height - bottom),
        "left": n(left),
        "right": n(width - 16),
        "total": total,
    }


# Rubric: the results' averages, heatmap and trend.

MAX_SCORE = 4
# Colour of each value bucket and of the text drawn on it; every pair meets WCAG AA (4.5:1).
BUCKET_COLOURS = {1: (PALE, INK), 2: (LIGHT, INK), 3: (MID, WHITE), 4: (DARK, WHITE)}
MISSING_COLOURS = ("#f0f0f0", INK)
BUCKET_LABELS = {1: "1: under 1.5", 2: "2: 1.5 to 2.4", 3: "3: 2.5 to 3.4", 4: "4: 3.5 to 4"}
# Trend lines: colour, dash pattern and marker differ per focus area, so no line relies on
# colour alone. Every colour has at least 4.5:1 contrast on white.
LINE_STYLES = [
    (LINE, "", "circle"),
    ("#a33f00", "7 4", "square"),
    ("#1b6e32", "2 3", "triangle"),
    ("#6a2c85", "9 3 2 3", "diamond"),
]


def score(value) -> str:
    """2.0 → "2", 2.5 → "2.5", 2.375 → "2.38", None → "—"."""
    if value is None or value == "":
        return DASH
    text = short(value, 2)
    return "0" if text == "-0" else text


def signed(value) -> str:
    """A change with its sign: +0.5, −1, 0; "—" when either side is missing."""
    if value is None or value == "":
        return DASH
    if round(value, 2) == 0:
        return "0"
    return ("+" if value > 0 else MINUS) + score(abs(value))


def bucket(value) -> int | None:
    """The nearest rubric level of a value (2.5 belongs to level 3), or None with no value."""
    if value is None:
        return None
    return min(MAX_SCORE, max(1, math.floor(value + 0.5)))


def _score_text(value, provisional: bool) -> str:
    return score(value) + ("*" if provisional else "")


def averages_chart(areas, previous=None) -> dict:
    """Horizontal bars of the focus-area averages (0-4), the previous assessment's lighter below."""
    left, now_h, before_h, gap = 8, 20, 12, 4
    scale = Scale(left, 560, MAX_SCORE)
    top = 44 if previous else 26
    group = 22 + now_h + (gap + before_h if previous else 0) + 18

    def score_bar(value, y, thickness, provisional):
        length = 0 if value is None else scale.length(value)
        text = _score_text(value, provisional) if value is not None else _("no scores yet")
        return bar(left, y, length, thickness) | {"text": text, "missing": value is None}

    rows = []
    for index, result in enumerate(areas):
        y = top + index * group
        provisional = any(r.provisional and r.value is not None for r in result.items)
        now, before = result.average, result.previous_average
        row = {"area": result.area, "label": f"{result.area.number}. {result.area.title}"}
        row |= {"label_y": n(y + 14), "average": now, "previous_average": before}
        row |= {"provisional": provisional, "now": score_bar(now, y + 22, now_h, provisional)}
        row["change"] = None if None in (now, before) else round(now - before, 2)
        row["before"] = previous and score_bar(before, y + 22 + now_h + gap, before_h, False)
        rows.append(row)
    plot_bottom = top + len(rows) * group - 10
    entries = [{"fill": MID, "stroke": MID, "text": _("This assessment")}]
    if previous:
        text = _("Previous: %(title)s (%(cycle)s)")
        text %= {"title": previous.title, "cycle": previous.cycle.label}
        entries.append({"fill": LIGHT, "stroke": LIGHT_OUTLINE, "text": text})
    return {
        "width": "640",
        "height": n(plot_bottom + 28),
        "rows": rows,
        "ticks": ticks(scale, range(MAX_SCORE + 1), axis="x"),
        "grid_top": n(top),
        "grid_bottom": n(plot_bottom),
        "tick_y": n(plot_bottom + 18),
        "legend": legend(entries, x=8, y=4, step_y=18, text_dx=20, text_dy=12),
        "now_fill": MID,
        "before_fill": LIGHT,
        "before_stroke": LIGHT_OUTLINE,
        "ink": INK,
        "grid": GRID,
        "provisional": any(row["provisional"] for row in rows),
    }


def heatmap_chart(areas) -> dict:
    """One row per focus area, one cell per item coloured by the nearest level of its value."""
    label_width, cell_w, cell_h, gap, top = 104, 66, 50, 4, 4
    columns = max((len(result.items) for result in areas), default=0)
    rows = []
    for index, result in enumerate(areas):
        y = top + index * (cell_h + gap)
        cells = []
        for position, item in enumerate(result.items):
            x = label_width + position * (cell_w + gap)
            level = bucket(item.value)
            fill, ink = BUCKET_COLOURS[level] if level else MISSING_COLOURS
            provisional = item.provisional and item.value is not None
            cells.append(
                {"result": item, **box(x, y, cell_w, cell_h), "fill": fill, "ink": ink}
                | {"text_x": n(x + cell_w / 2), "code_y": n(y + 20)}
                | {"value_y": n(y + 39), "provisional": provisional, "level": level}
                | {"value": DASH if item.value is None else _score_text(item.value, provisional)}
            )
        label = _("Focus area %(n)s") % {"n": result.area.number}
        rows.append({"area": result.area, "label": label, "label_y": n(y + cell_h / 2 + 5)})
        rows[-1]["cells"] = cells
    legend_y = top + len(rows) * (cell_h + gap) + 12
    entries = [{"fill": BUCKET_COLOURS[k][0], "text": BUCKET_LABELS[k]} for k in BUCKET_COLOURS]
    entries.append({"fill": MISSING_COLOURS[0], "text": _("no score yet")})
    return {
        "width": n(max(label_width + columns * (cell_w + gap), len(entries) * 128)),
        "height": n(legend_y + 24),
        "rows": rows,
        "legend": legend(entries, step_x=128, text_dx=24),
        "legend_y": n(legend_y),
        "legend_text_y": n(legend_y + 13),
        "ink": INK,
        "provisional": any(cell["provisional"] for row in rows for cell in row["cells"]),
    }


def _marker(shape: str, x: float, y: float, size: float = 5) -> dict:
    if shape == "circle":
        return {"circle": True, "cx": n(x), "cy": n(y), "r": n(size)}
    if shape == "square":
        corners = [(x - size, y - size), (x + size, y - size), (x + size, y + size)]
        corners.append((x - size, y + size))
    elif shape == "triangle":
        corners = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
    else:
        corners = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
    return {"circle": False, "points": polyline(corners)}


def _trend_line(k, number, assessments, x_of, y_of, shape) -> tuple[list, list]:
    """A focus area's runs of consecutive values as polylines, and its labelled markers."""
    points, segments = [], []
    run: list[tuple[float, float]] = []
    for index, row in enumerate(assessments):
        value = row["averages"][k]
        if value is None:
            segments.append(run)
            run = []
            continue
        x, y = x_of(index), y_of(value)
        run.append((x, y))
        label = _("Focus area %(n)s, %(title)s (%(cycle)s): %(value)s") % {
            "n": number,
            "title": row["assessment"].title,
            "cycle": row["assessment"].cycle.label,
            "value": score(value),
        }
        points.append(_marker(shape, x, y) | {"label": label})
    segments.append(run)
    return [polyline(run) for run in segments if len(run) > 1], points


def trend_chart(trend, areas=(), current=None) -> dict:
    """One line per focus area across the district's assessments; points alone with one."""
    titles = {result.area.number: result.area.title for result in areas}
    numbers = list(trend["areas"])
    assessments = trend["rows"]
    left, step, legend_h, plot_h, label_h = 44, 140, 30, 200, 46
    width = max(600, left + len(assessments) * step + 8)
    top = legend_h + 10
    y_of = Scale(top + plot_h, top, MAX_SCORE)

    def x_of(index):
        return left + step / 2 + index * step

    columns = []
    for index, row in enumerate(assessments):
        assessment = row["assessment"]
        columns.append(
            {"assessment": assessment, "averages": row["averages"], "x": n(x_of(index))}
            | {"is_current": current is not None and assessment.pk == current.pk}
            | {"band_x": n(x_of(index) - step / 2 + 4), "band_width": n(step - 8)}
            | {"title": truncate(assessment.title, 23), "cycle": assessment.cycle.label}
        )
    lines = []
    for k, number in enumerate(numbers):
        colour, dash, shape = LINE_STYLES[k % len(LINE_STYLES)]
        segments, points = _trend_line(k, number, assessments, x_of, y_of, shape)
        lines.append(
            {"number": number, "title": titles.get(number, ""), "colour": colour, "dash": dash}
            | {"segments": segments, "points": points}
            | {"legend_x": n(left + k * 140), "legend_line_x2": n(left + k * 140 + 28)}
            | {"legend_marker": _marker(shape, left + k * 140 + 14, 14)}
            | {"legend_text_x": n(left + k * 140 + 36)}
            | {"legend_text": _("Focus area %(n)s") % {"n": number}}
        )
    return {
        "width": n(width),
        "height": n(y_of.start + label_h),
        "left": n(left),
        "right": n(width - 8),
        "top": n(top),
        "band_height": n(plot_h + label_h - 4),
        "title_y": n(y_of.start + 20),
        "cycle_y": n(y_of.start + 36),
        "axis_label_x": n(left - 8),
        "grid": ticks(y_of, range(MAX_SCORE + 1)),
        "columns": columns,
        "lines": lines,
        "headers": [{"number": number, "title": titles.get(number, "")} for number in numbers],
        "single": len(assessments) == 1,
        "ink": INK,
        "grid_colour": GRID,
    }
