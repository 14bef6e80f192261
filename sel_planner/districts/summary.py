"""Per-cycle summaries that are costly to compute and the same for every reader, cached.

The dashboard's progress cards (a dozen queries across six apps) and the print previews (every
tool's part of the report, rendered) are read far more often than the district's data changes.
Each is kept in one cache entry per cycle, stamped with the district's data version
(`freshness`), the day, the time zone, the language and the registered tools: any write in the
district, a new day (deadlines fall due), another language or another set of tools computes it
again. What is cached is never specific to the person reading it.
"""

from django.core.cache import cache
from django.utils import timezone, translation

from . import freshness, registry

KEY = "cycle-summary:{}:{}"
# Every summary kept, by name: a district's removal drops them all (`forget`).
NAMES = ("cards", "preview-annual", "preview-workbook")
TIMEOUT = 60 * 60  # an hour: a cycle nobody visits does not stay in the cache


def _stamp(cycle) -> tuple:
    return (
        freshness.version(cycle.district_id),
        timezone.localdate().isoformat(),
        timezone.get_current_timezone_name(),
        translation.get_language(),
        tuple(tool.slug for tool in registry.tools()),
    )


def cached(cycle, name: str, compute):
    """`compute()`, or what it gave for this cycle since the district's data last changed."""
    if name not in NAMES:
        raise ValueError(f"{name!r} is not one of summary.NAMES")
    stamp = _stamp(cycle)  # read before computing: a write meanwhile makes the result stale
    key = KEY.format(cycle.pk, name)
    entry = cache.get(key)
    if entry is not None and entry[0] == stamp:
        return entry[1]
    value = compute()
    cache.set(key, (stamp, value), timeout=TIMEOUT)
    return value


def tool_cards(cycle) -> list[tuple]:
    """[(tool, progress, url, panel)] for each workbook tool, in workbook order."""
    tools = registry.tools()
    computed = cached(
        cycle,
        "cards",
        lambda: {tool.slug: (tool.progress(cycle), tool.dashboard_panel(cycle)) for tool in tools},
    )
    cards = []
    for tool in tools:
        progress, panel = computed[tool.slug]
        cards.append((tool, progress, tool.url(cycle), panel))
    return cards


def forget(*, cycle_ids) -> None:
    """Drop every cached summary of these cycles (when their district is deleted)."""
    cache.delete_many([KEY.format(pk, name) for pk in cycle_ids for name in NAMES])
