"""Every page of a cycle as its lead sees it, found by following the pages' own links.

Runs inside Django. Starting at the cycle's dashboard, it follows every link that stays inside
the cycle (`/d/<district>/<cycle>/...`), keeps one address per URL name (real codes of real
records), and counts each page's queries once with CaptureQueriesContext, with the cache empty.
"""

import re
from html import unescape
from urllib.parse import urldefrag, urlsplit

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from sel_planner.accounts.models import User

HREF = re.compile(r'href="([^"]+)"')


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def cycle_pages(*, district: str, cycle: str, lead_email: str, limit: int = 400) -> list[dict]:
    """[{name, path, queries, bytes}] for each URL name reachable from the cycle's dashboard."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=lead_email))
    prefix = f"/d/{district}/{cycle}/"
    queue, seen, pages, names = [prefix], {prefix}, [], set()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        name = _url_name(path)
        if name in names:
            continue
        response = client.get(path)
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith("text/html"):
            continue
        names.add(name)
        client.get(path)  # the first request warms Django's own caches (templates, URLs)
        cache.clear()  # count what a page costs when it computes everything (dashboard cards)
        with CaptureQueriesContext(connection) as captured:
            again = client.get(path)
        pages.append(
            {"name": name, "path": path, "queries": len(captured), "bytes": len(again.content)}
        )
        for href in HREF.findall(again.content.decode()):
            link = urldefrag(unescape(href)).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or parts.query or not parts.path.startswith(prefix):
                continue
            if parts.path not in seen and _url_name(parts.path) not in names:
                seen.add(parts.path)
                queue.append(parts.path)
    return pages
