"""Geometry of the rubric results charts, computed here so the templates only place shapes.

Every tag returns plain dicts of ready-to-print strings (coordinates, labels, colours). The
charts are inline SVG drawn with presentation attributes only, because the pages run under a
Content-Security-Policy without inline styles. Numbers are formatted here, not with Django's
localisation, so SVG coordinates always use a decimal point.
"""

import math

from django import template
from django.utils.translation import gettext as _

register = template.Library()

MAX_SCORE = 4
DASH = "—"
MINUS = "−"  # U+2212, read as "minus" by screen readers

# Colour of each value bucket and of the text drawn on it; every pair meets WCAG AA (4.5:1).
BUCKET_COLOURS = {
    1: ("#d1e5f0", "#1a1a1a"),
    2: ("#92c5de", "#1a1a1a"),
    3: ("#2166ac", "#ffffff"),
    4: ("#053061", "#ffffff"),
}
MISSING_COLOURS = ("#f0f0f0", "#1a1a1a")
BUCKET_LABELS = {1: "1: under 1.5", 2: "2: 1.5 to 2.4", 3: "3: 2.5 to 3.4", 4: "4: 3.5 to 4"}

# Bar chart: this assessment dark, the previous one lighter with a darker outline (3:1 on white).
BAR_NOW = "#2166ac"
BAR_BEFORE = "#92c5de"
BAR_BEFORE_STROKE = "#3a6d96"
INK = "#1a1a1a"
GRID = "#c8c8c8"

# Trend lines: colour, dash pattern and marker differ per focus area, so no line relies on
# colour alone. Every colour has at least 4.5:1 contrast on white.
LINE_STYLES = [
    ("#0b5394", "", "circle"),
    ("#a33f00", "7 4", "square"),
    ("#1b6e32", "2 3", "triangle"),
    ("#6a2c85", "9 3 2 3", "diamond"),
]


def _n(number) -> str:
    """A coordinate as a short string with a decimal point whatever the locale."""
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _fmt(value) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@register.filter
def score(value) -> str:
    """2.0 → "2", 2.5 → "2.5", 2.375 → "2.38", None → "—"."""
    if value is None or value == "":
        return DASH
    return _fmt(value)


@register.filter
def signed(value) -> str:
    """A change with its sign: +0.5, −1, 0; "—" when either side is missing."""
    if value is None or value == "":
        return DASH
    if round(value, 2) == 0:
        return "0"
    text = _fmt(abs(value))
    return f"+{text}" if value > 0 else f"{MINUS}{text}"


def bucket(value) -> int | None:
    """The nearest rubric level of a value (2.5 belongs to level 3), or None with no value."""
    if value is None:
        return None
    return min(MAX_SCORE, max(1, math.floor(value + 0.5)))


def _colours(value):
    level = bucket(value)
    return BUCKET_COLOURS[level] if level else MISSING_COLOURS


def _truncate(text: str, length: int) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _any_provisional(area_result) -> bool:
    return any(r.provisional and r.value is not None for r in area_result.items)


@register.simple_tag
def averages_chart(areas, previous=None):
    """Horizontal bars of the focus-area averages (0-4), the previous assessment's lighter below."""
    width, left, right = 640, 8, 560
    unit = (right - left) / MAX_SCORE
    top = 44 if previous else 26
    bar_now, bar_before, gap = 20, 12, 4
    group = 22 + bar_now + (gap + bar_before if previous else 0) + 18
    rows = []
    for index, result in enumerate(areas):
        y = top + index * group
        provisional = _any_provisional(result)
        now_y = y + 22
        row = {
            "area": result.area,
            "label": f"{result.area.number}. {result.area.title}",
            "label_y": _n(y + 14),
            "average": result.average,
            "previous_average": result.previous_average,
            "provisional": provisional,
            "change": (
                round(result.average - result.previous_average, 2)
                if result.average is not None and result.previous_average is not None
                else None
            ),
            "now": _bar(result.average, left, now_y, bar_now, unit, provisional),
            "before": None,
        }
        if previous:
            row["before"] = _bar(
                result.previous_average, left, now_y + bar_now + gap, bar_before, unit, False
            )
        rows.append(row)
    plot_bottom = top + len(rows) * group - 10
    ticks = [
        {"x": _n(left + level * unit), "label": str(level), "anchor": _tick_anchor(level)}
        for level in range(MAX_SCORE + 1)
    ]
    legend = [{"x": "8", "fill": BAR_NOW, "stroke": BAR_NOW, "text": _("This assessment")}]
    if previous:
        legend.append(
            {
                "x": "8",
                "fill": BAR_BEFORE,
                "stroke": BAR_BEFORE_STROKE,
                "text": _("Previous: %(title)s (%(cycle)s)")
                % {"title": previous.title, "cycle": previous.cycle.label},
            }
        )
    for index, entry in enumerate(legend):
        entry["y"] = _n(4 + index * 18)
        entry["text_y"] = _n(16 + index * 18)
    return {
        "width": str(width),
        "height": _n(plot_bottom + 28),
        "rows": rows,
        "ticks": ticks,
        "grid_top": _n(top),
        "grid_bottom": _n(plot_bottom),
        "tick_y": _n(plot_bottom + 18),
        "legend": legend,
        "now_fill": BAR_NOW,
        "before_fill": BAR_BEFORE,
        "before_stroke": BAR_BEFORE_STROKE,
        "ink": INK,
        "grid": GRID,
        "provisional": any(row["provisional"] for row in rows),
    }


def _tick_anchor(level: int) -> str:
    if level == 0:
        return "start"
    return "end" if level == MAX_SCORE else "middle"


def _bar(value, left, y, height, unit, provisional):
    length = 0 if value is None else value * unit
    text = score(value) + ("*" if provisional else "") if value is not None else _("no scores yet")
    return {
        "x": _n(left),
        "y": _n(y),
        "width": _n(length),
        "height": _n(height),
        "text": text,
        "text_x": _n(left + length + 6),
        "text_y": _n(y + height / 2 + 4),
        "missing": value is None,
    }


@register.simple_tag
def heatmap_chart(areas):
    """One row per focus area, one cell per item coloured by the nearest level of its value."""
    label_width, cell_w, cell_h, gap, top = 104, 66, 50, 4, 4
    columns = max((len(result.items) for result in areas), default=0)
    rows = []
    for index, result in enumerate(areas):
        y = top + index * (cell_h + gap)
        cells = []
        for position, item_result in enumerate(result.items):
            x = label_width + position * (cell_w + gap)
            fill, ink = _colours(item_result.value)
            provisional = item_result.provisional and item_result.value is not None
            value_text = score(item_result.value) + ("*" if provisional else "")
            if item_result.value is None:
                value_text = DASH
            cells.append(
                {
                    "result": item_result,
                    "x": _n(x),
                    "y": _n(y),
                    "width": _n(cell_w),
                    "height": _n(cell_h),
                    "fill": fill,
                    "ink": ink,
                    "text_x": _n(x + cell_w / 2),
                    "code_y": _n(y + 20),
                    "value_y": _n(y + 39),
                    "value": value_text,
                    "provisional": provisional,
                    "level": bucket(item_result.value),
                }
            )
        rows.append(
            {
                "area": result.area,
                "label": _("Focus area %(n)s") % {"n": result.area.number},
                "label_y": _n(y + cell_h / 2 + 5),
                "cells": cells,
            }
        )
    legend_y = top + len(rows) * (cell_h + gap) + 12
    entries = [(BUCKET_COLOURS[level], BUCKET_LABELS[level]) for level in sorted(BUCKET_COLOURS)]
    entries.append((MISSING_COLOURS, _("no score yet")))
    legend = [
        {
            "x": _n(index * 128),
            "text_x": _n(index * 128 + 24),
            "fill": fill,
            "text": text,
        }
        for index, ((fill, _ink), text) in enumerate(entries)
    ]
    width = max(label_width + columns * (cell_w + gap), len(legend) * 128)
    return {
        "width": _n(width),
        "height": _n(legend_y + 24),
        "rows": rows,
        "legend": legend,
        "legend_y": _n(legend_y),
        "legend_text_y": _n(legend_y + 13),
        "ink": INK,
        "provisional": any(cell["provisional"] for row in rows for cell in row["cells"]),
    }


def _marker(shape: str, x: float, y: float, size: float = 5) -> dict:
    if shape == "circle":
        return {"circle": True, "cx": _n(x), "cy": _n(y), "r": _n(size)}
    if shape == "square":
        corners = [
            (x - size, y - size),
            (x + size, y - size),
            (x + size, y + size),
            (x - size, y + size),
        ]
    elif shape == "triangle":
        corners = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
    else:
        corners = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
    return {"circle": False, "points": " ".join(f"{_n(a)},{_n(b)}" for a, b in corners)}


@register.simple_tag
def trend_chart(trend, areas=(), current=None):
    """One line per focus area across the district's assessments; points alone with one."""
    titles = {result.area.number: result.area.title for result in areas}
    numbers = list(trend["areas"])
    assessments = trend["rows"]
    left, step, legend_h, plot_h, label_h = 44, 140, 30, 200, 46
    count = len(assessments)
    width = max(600, left + count * step + 8)
    top = legend_h + 10
    bottom = top + plot_h

    def x_of(index):
        return left + step / 2 + index * step

    def y_of(value):
        return bottom - value / MAX_SCORE * plot_h

    columns = []
    for index, row in enumerate(assessments):
        assessment = row["assessment"]
        is_current = current is not None and assessment.pk == current.pk
        columns.append(
            {
                "assessment": assessment,
                "averages": row["averages"],
                "is_current": is_current,
                "x": _n(x_of(index)),
                "band_x": _n(x_of(index) - step / 2 + 4),
                "band_width": _n(step - 8),
                "title": _truncate(assessment.title, 23),
                "cycle": assessment.cycle.label,
            }
        )
    lines = []
    for k, number in enumerate(numbers):
        colour, dash, shape = LINE_STYLES[k % len(LINE_STYLES)]
        points, segments, run = [], [], []
        for index, row in enumerate(assessments):
            value = row["averages"][k]
            if value is None:
                if len(run) > 1:
                    segments.append(" ".join(run))
                run = []
                continue
            x, y = x_of(index), y_of(value)
            run.append(f"{_n(x)},{_n(y)}")
            point = _marker(shape, x, y)
            point["label"] = _("Focus area %(n)s, %(title)s (%(cycle)s): %(value)s") % {
                "n": number,
                "title": row["assessment"].title,
                "cycle": row["assessment"].cycle.label,
                "value": score(value),
            }
            points.append(point)
        if len(run) > 1:
            segments.append(" ".join(run))
        lines.append(
            {
                "number": number,
                "title": titles.get(number, ""),
                "colour": colour,
                "dash": dash,
                "segments": segments,
                "points": points,
                "legend_x": _n(left + k * 140),
                "legend_line_x2": _n(left + k * 140 + 28),
                "legend_marker": _marker(shape, left + k * 140 + 14, 14),
                "legend_text_x": _n(left + k * 140 + 36),
                "legend_text": _("Focus area %(n)s") % {"n": number},
            }
        )
    grid = [
        {"y": _n(y_of(level)), "label": str(level), "label_y": _n(y_of(level) + 4)}
        for level in range(MAX_SCORE + 1)
    ]
    return {
        "width": _n(width),
        "height": _n(bottom + label_h),
        "left": _n(left),
        "right": _n(width - 8),
        "top": _n(top),
        "bottom": _n(bottom),
        "band_height": _n(plot_h + label_h - 4),
        "title_y": _n(bottom + 20),
        "cycle_y": _n(bottom + 36),
        "axis_label_x": _n(left - 8),
        "grid": grid,
        "columns": columns,
        "lines": lines,
        "headers": [{"number": number, "title": titles.get(number, "")} for number in numbers],
        "single": count == 1,
        "ink": INK,
        "grid_colour": GRID,
    }
