"""The dashboard's progress cards: each tool's progress and panel, cached per cycle.

They are the costliest part of the page the committee opens most (a dozen queries across six
apps), and they change only when the district's data does. One cache entry per cycle holds them,
stamped with the district's data version (`freshness`), the day and the language: any write in
the district, a new day (deadlines fall due) or another language computes them again.
"""

from django.core.cache import cache
from django.utils import timezone, translation

from . import freshness, registry

KEY = "cycle-summary:{}"
TIMEOUT = 60 * 60  # an hour: a cycle nobody visits does not stay in the cache


def _stamp(cycle) -> tuple:
    return (
        freshness.version(cycle.district_id),
        timezone.localdate().isoformat(),
        timezone.get_current_timezone_name(),
        translation.get_language(),
    )


def tool_cards(cycle) -> list[tuple]:
    """[(tool, progress, url, panel)] for each workbook tool, in workbook order."""
    stamp = _stamp(cycle)
    key = KEY.format(cycle.pk)
    entry = cache.get(key)
    tools = registry.tools()
    if entry is None or entry["stamp"] != stamp or set(entry["tools"]) != {t.slug for t in tools}:
        entry = {
            "stamp": stamp,
            "tools": {
                tool.slug: (tool.progress(cycle), tool.dashboard_panel(cycle)) for tool in tools
            },
        }
        cache.set(key, entry, timeout=TIMEOUT)
    cards = []
    for tool in tools:
        progress, panel = entry["tools"][tool.slug]
        cards.append((tool, progress, tool.url(cycle), panel))
    return cards


def forget(*, cycle_ids) -> None:
    """Drop the cached cards of these cycles (when their district is deleted)."""
    cache.delete_many([KEY.format(pk) for pk in cycle_ids])
