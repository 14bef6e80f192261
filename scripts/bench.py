"""Time the main pages with the demo district: median milliseconds and queries per page.

Usage: .venv/bin/python scripts/bench.py [rounds]   (uses a throwaway SQLite database)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sel_planner.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(rounds: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from rubric.models import Assessment
    from sel_planner.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="lead@riverbend.example"))
    closed = Assessment.objects.filter(status="closed").order_by("-opens_on").first()
    pages = [
        "/d/riverbend/",
        "/d/riverbend/2026-27/",
        "/d/riverbend/members/",
        "/d/riverbend/2026-27/vision/",
        "/d/riverbend/2026-27/vision/stakeholders/",
        "/d/riverbend/2026-27/rubric/",
        f"/d/riverbend/2025-26/rubric/{closed.code}/review/",
        f"/d/riverbend/2025-26/rubric/{closed.code}/results/",
    ]
    print(f"{'page':<70} {'median ms':>9} {'queries':>8}")
    for url in pages:
        client.get(url)  # warm the template cache
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{url:<70} {statistics.median(times):>9.1f} {len(captured):>8}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
