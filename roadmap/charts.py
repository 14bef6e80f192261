"""Geometry of the roadmap pictures, computed here so the templates only place shapes.

Returns plain dicts of ready-to-print strings. Numbers are formatted here, not with Django's
localisation, so SVG coordinates always use a decimal point. Colours meet WCAG AA on white,
and every chart is followed by a data table with the same numbers.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

INK = "#1a1a1a"
GRID = "#c8c8c8"
LINE = "#0b5394"
# One colour per school level, each with a text colour that has 4.5:1 contrast on it.
LEVEL_COLOURS = {
    "ES": ("#92c5de", "#1a1a1a"),
    "MS": ("#2166ac", "#ffffff"),
    "HS": ("#053061", "#ffffff"),
    "other": ("#d9d9d9", "#1a1a1a"),
}


def _n(number) -> str:
    text = f"{float(number):.1f}"
    return text[:-2] if text.endswith(".0") else text


def fmt_value(value, unit: str) -> str:
    number = f"{Decimal(value).normalize():f}"
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}".strip()


def _first_number(targets):
    numeric = [t for t in targets if t.value is not None]
    outcomes = [t for t in numeric if t.kind == "outcome"]
    chosen = (outcomes or numeric or [None])[0]
    return (chosen.value, chosen.unit) if chosen else (None, "")


def trajectory_points(grid_row) -> list[dict]:
    """Current status, each year and the long-term goal with the number each aims for, if any."""
    goal = grid_row.goal
    points = []
    value, unit = _first_number(grid_row.current.targets)
    if value is None and goal.baseline_value is not None:
        value, unit = goal.baseline_value, goal.baseline_unit
    points.append({"label": _("Current Status"), "value": value, "unit": unit})
    for cell in grid_row.years:
        if cell.in_range:
            value, unit = _first_number(cell.targets)
            points.append({"label": cell.label, "value": value, "unit": unit})
    value, unit = _first_number(grid_row.long_term.targets)
    if value is None and goal.target_value is not None:
        value, unit = goal.target_value, goal.target_unit
    points.append({"label": _("Long term goal"), "value": value, "unit": unit})
    for point in points:
        point["text"] = (
            fmt_value(point["value"], point["unit"]) if point["value"] is not None else "—"
        )
    return points


def trajectory_chart(points: list[dict]) -> dict | None:
    """A line through the numeric points; None when fewer than two points have a number."""
    numbers = [p for p in points if p["value"] is not None]
    if len(numbers) < 2:
        return None
    width, height, left, right, top, bottom = 600, 260, 56, 56, 24, 52
    units = {p["unit"] for p in numbers}
    top_value = max(float(p["value"]) for p in numbers)
    scale_max = 100.0 if units == {"%"} and top_value <= 100 else max(top_value * 1.1, 1.0)
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)

    def y_of(value):
        return top + plot_h - plot_h * float(value) / scale_max

    placed = []
    for index, point in enumerate(points):
        x = left + step * index
        entry = {"x": _n(x), "label": point["label"], "label_y": _n(height - bottom + 20)}
        if point["value"] is not None:
            y = y_of(point["value"])
            entry.update(y=_n(y), text=point["text"], text_y=_n(y - 10))
        placed.append(entry)
    ticks = [
        {"y": _n(y_of(scale_max * i / 4)), "text_y": _n(y_of(scale_max * i / 4) + 4),
         "label": fmt_value(Decimal(str(round(scale_max * i / 4, 1))), "%" if units == {"%"} else "")}
        for i in range(5)
    ]  # fmt: skip
    path = " ".join(f"{p['x']},{p['y']}" for p in placed if "y" in p)
    return {
        "width": width, "height": height, "left": _n(left), "right": _n(width - right),
        "points": placed, "ticks": ticks, "path": path, "ink": INK, "grid": GRID, "line": LINE,
    }  # fmt: skip


def rollout_chart(plan: dict) -> dict | None:
    """Stacked bars of the schools implementing in each year, by level; None without schools."""
    total = plan["total_schools"]
    if not total:
        return None
    counts = plan["counts"]
    width, height, left, top, bottom = 600, 260, 48, 20, 52
    plot_h = height - top - bottom
    slot = (width - left - 16) / len(counts)
    bar_w = min(64.0, slot * 0.6)
    bars = []
    for index, year in enumerate(counts):
        x = left + slot * index + (slot - bar_w) / 2
        base = top + plot_h
        segments = []
        for level in year["by_level"]:
            if not level["count"]:
                continue
            h = plot_h * level["count"] / total
            fill, ink = LEVEL_COLOURS.get(level["level"], LEVEL_COLOURS["other"])
            base -= h
            segments.append(
                {"y": _n(base), "height": _n(h), "fill": fill, "ink": ink, "count": level["count"],
                 "text_y": _n(base + h / 2 + 4), "show_text": h >= 14}
            )  # fmt: skip
        bars.append(
            {"x": _n(x), "width": _n(bar_w), "mid": _n(x + bar_w / 2), "segments": segments,
             "total": year["total"], "total_y": _n(base - 6), "label": year["label"],
             "label_y": _n(height - bottom + 20), "school_year": year["school_year"],
             "year_y": _n(height - bottom + 36)}
        )  # fmt: skip
    legend = [
        {"x": _n(left + 150 * i), "text_x": _n(left + 150 * i + 20), "fill": LEVEL_COLOURS[v][0],
         "label": label}
        for i, (v, label) in enumerate(plan["levels"])
        if v in LEVEL_COLOURS
    ]  # fmt: skip
    return {
        "width": width, "height": height + 24, "bars": bars, "legend": legend,
        "legend_y": _n(height + 6), "legend_text_y": _n(height + 18), "ink": INK,
        "baseline_y": _n(top + plot_h), "left": _n(left), "right": _n(width - 16),
        "total": total,
    }  # fmt: skip
