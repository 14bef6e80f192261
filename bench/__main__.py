"""python -m bench: build the data set, serve it with gunicorn, load it, write docs/performance.md.

    python -m bench [--districts 200] [--cycles 3] [--members 20] [--seconds 10] [--users 1,10,50]
                    [--rebuild] [--drop-db] [--output docs/performance.md]

The databases are named after their shape and a hash of the migrations and the demo content,
and kept: the next run with the same shape reuses them (`--rebuild` builds them again).
"""

import argparse
import contextlib
import hashlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The sources whose change makes a built database stale.
# Migrations are not among them: a reused database is migrated before each run.
SOURCES = [
    "*/demo.py",
    "sel_planner/*/demo.py",
    "bench/build.py",
    "sel_planner/districts/management/commands/seed_demo.py",
]


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def content_hash() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted({p for pattern in SOURCES for p in ROOT.glob(pattern)}):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:10]


# -- PostgreSQL -------------------------------------------------------------------------------


def _admin(pg: str):
    import psycopg

    return psycopg.connect(f"{pg}/postgres", autocommit=True)


def db_comment(pg: str, name: str) -> dict | None:
    """The build record of a finished database, or None when there is none."""
    with _admin(pg) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def db_execute(pg: str, *statements: str) -> None:
    with _admin(pg) as conn:
        for statement in statements:
            conn.execute(statement)


# -- child processes --------------------------------------------------------------------------


def django_env(pg: str, db: str, media: str, redis: str) -> dict:
    """Production settings (DEBUG off, hashed static files, shared cache) over plain local HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sel_planner.settings",
        "DATABASE_URL": f"{pg}/{db}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-any-real-site-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_MANIFEST": "true",
        "REDIS_URL": redis,
        "CELERY_BROKER_URL": "",  # no worker: the bench's report jobs run in-process
        "CELERY_RESULT_BACKEND": "",
        "LOGIN_RATE": "100000/m",
        "PUBLIC_LINK_RATE": "100000/m",
        "MEDIA_ROOT": media,
        "LOG_LEVEL": "WARNING",
    }


def child(env: dict, task: str, **kwargs):
    """Run one bench task in a fresh Django process; returns what it printed last, as JSON."""
    done = subprocess.run(  # noqa: S603 - this package, fixed arguments
        [PYTHON, "-m", "bench", "_child", task, json.dumps(kwargs)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_child(task: str, kwargs: dict) -> None:
    import django

    django.setup()
    if task == "build":
        from bench.build import build

        result = build(**kwargs, log=log)
    elif task == "pages":
        from bench.pages import cycle_pages

        result = cycle_pages(**kwargs)
    elif task == "pdf_html":
        from bench.pdf import write_html

        result = write_html(**kwargs)
    elif task == "pdf":
        from bench.pdf import measure

        result = measure(**kwargs)
    else:
        raise SystemExit(f"unknown task {task}")
    print(json.dumps(result))


# -- the steps --------------------------------------------------------------------------------


def migrated_name() -> str:
    return f"bench_migrated_{content_hash()}"


def migrated_template(args, env_for) -> float:
    """An empty migrated database that each build copies; returns the seconds migrate took."""
    name = migrated_name()
    record = db_comment(args.pg, name)
    if record:
        return record["migrate_seconds"]
    db_execute(args.pg, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    start = time.perf_counter()
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env_for(name), check=True
    )
    seconds = time.perf_counter() - start
    db_execute(
        args.pg, f"COMMENT ON DATABASE \"{name}\" IS '{json.dumps({'migrate_seconds': seconds})}'"
    )
    return seconds


def ensure_database(args, districts: int, env_for) -> tuple[str, dict]:
    """The cached database of this shape, built first when it does not exist (or --rebuild)."""
    name = f"bench_{districts}x{args.cycles}x{args.members}_{content_hash()}"
    record = db_comment(args.pg, name)
    if record and not args.rebuild:
        log(f"reusing {name} (built in {record['build_seconds']:.0f} s); migrating it")
        subprocess.run(  # noqa: S603 - applies only migrations newer than the build
            [PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env_for(name), check=True
        )
        return name, {**record, "reused": True}
    building = f"{name}_building"
    migrate = migrated_template(args, env_for)
    db_execute(
        args.pg,
        f'DROP DATABASE IF EXISTS "{building}"',
        f'CREATE DATABASE "{building}" TEMPLATE "{migrated_name()}"',
    )
    log(f"building {name}: {districts} districts x {args.cycles} cycles x {args.members} members")
    env = env_for(building)
    start = time.perf_counter()
    jobs = max(1, min(args.jobs, districts))
    share = -(-districts // jobs)
    with ThreadPoolExecutor(jobs) as pool:  # separate processes, one range of districts each
        ranges = [
            (first, min(share, districts - first + 1)) for first in range(1, districts + 1, share)
        ]
        list(
            pool.map(
                lambda r: child(
                    env,
                    "build",
                    first=r[0],
                    districts=r[1],
                    cycles=args.cycles,
                    members=args.members,
                ),
                ranges,
            )
        )
    seconds = time.perf_counter() - start
    record = {
        "districts": districts,
        "cycles": args.cycles,
        "members": args.members,
        "migrate_seconds": migrate,
        "build_seconds": seconds,
        "built": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    comment = json.dumps(record).replace("'", "''")
    db_execute(
        args.pg,
        f'DROP DATABASE IF EXISTS "{name}"',
        f'ALTER DATABASE "{building}" RENAME TO "{name}"',
        f"COMMENT ON DATABASE \"{name}\" IS '{comment}'",
    )
    log(
        f"built {name}: migrate {migrate:.0f} s, {districts} districts in {seconds:.0f} s "
        f"({districts / seconds:.2f} districts/s)"
    )
    return name, {**record, "reused": False}


def next_redis_db(url: str) -> str:
    """The Redis URL of the next database number (redis://host:port/3 -> .../4)."""
    base, _, number = url.rpartition("/")
    return f"{base}/{int(number or 0) + 1}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, app: str = "sel_planner.wsgi:application", ready: str = "/healthz"):
    """gunicorn with 2 sync workers on 127.0.0.1, as docker-compose.yml runs the web service.

    The cache starts empty: both databases number their districts from 1, so what one server
    cached must not reach the other.
    """
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            app,
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(f"{base}{ready}", timeout=2).status == 200:  # noqa: S310
                    break
            time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not answer {ready}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def reference(seconds: float, users: int = 10) -> dict:
    """The bare Django view of bench/reference.py at `users` concurrent users (see there)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    with gunicorn(env, app="bench.reference:application", ready="/bare") as base:
        spec = {
            "reference": True,
            "base": base,
            "path": "/bare",
            "users": users,
            "seconds": max(seconds, 2),
        }
        done = subprocess.run(  # noqa: S603 - the load client, a separate process
            [PYTHON, "-m", "bench.load"],
            cwd=ROOT,
            input=json.dumps(spec),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
    row = json.loads(done.stdout)
    log(f"  {users:>3} users bare Django view             {row['rps']:7.0f}/s")
    return row


def load(
    base: str, pages: list, users: list, seconds: float, *, compare_with: str = ""
) -> list[dict]:
    """Run the load client; with `compare_with`, time each page on both servers in turn."""
    from bench.names import PASSWORD, lead_email

    spec = {
        "base": base,
        "pages": pages,
        "users": users,
        "seconds": seconds,
        "email": lead_email(1),
        "password": PASSWORD,
    }
    if compare_with:
        spec.update(compare=True, bases=[base, compare_with])
    done = subprocess.run(  # noqa: S603 - the load client, a separate process
        [PYTHON, "-m", "bench.load"],
        cwd=ROOT,
        input=json.dumps(spec),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout)


class LoadAverage(threading.Thread):
    """Samples the machine's 1-minute load average while the bench runs."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self.stop.wait(5)


def measure_pdfs(env: dict, folder: str, rounds: int) -> dict:
    target = {"district": "bench-001", "cycle": "2026-27"}
    child(env, "pdf_html", **target, folder=folder)
    out = {}
    for kind in ("annual", "workbook"):
        for alone in (False, True):
            runs = [
                child(env, "pdf", **target, kind=kind, alone=alone, folder=folder)
                for _ in range(rounds)
            ]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            out[f"{kind}-{'weasyprint' if alone else 'job'}"] = median
            what = "WeasyPrint alone" if alone else "whole job"
            log(
                f"  {kind:<8} {what:<17} {median['seconds']:.2f} s, "
                f"peak {median['rss_peak_mb']:.0f} MB, {median['pages']:.0f} pages"
            )
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--districts", type=int, default=200)
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10, help="per page and number of users")
    parser.add_argument("--users", default="1,10,50", help="concurrent users, comma-separated")
    parser.add_argument("--pdf-rounds", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--jobs", type=int, default=2, help="processes building districts")
    parser.add_argument("--build-only", action="store_true", help="build (or reuse) and stop")
    parser.add_argument("--drop-db", action="store_true", help="drop the databases afterwards")
    parser.add_argument(
        "--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/3")
    )
    parser.add_argument("--output", default="docs/performance.md")
    args = parser.parse_args(argv)
    users = [int(n) for n in args.users.split(",")]
    from bench import report

    started = time.time()
    loadavg = LoadAverage()
    loadavg.start()
    with tempfile.TemporaryDirectory(prefix="bench-") as media:

        def env_for(db):
            return django_env(args.pg, db, media, args.redis)

        big, big_record = ensure_database(args, args.districts, env_for)
        small, small_record = ensure_database(args, 1, env_for)
        if args.build_only:
            return
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env_for(big),
            check=True,
        )
        from bench.names import lead_email

        where = {"district": "bench-001", "cycle": "2026-27", "lead_email": lead_email(1)}
        pages = child(env_for(big), "pages", **where)
        small_pages = {p["name"]: p for p in child(env_for(small), "pages", **where)}
        steps = len(pages) + 2
        log(
            f"{len(pages)} pages; about "
            f"{(steps * len(users) + 2 * steps) * (args.seconds + 0.2) / 60:.0f} min of load"
        )
        machine = [reference(args.seconds)]
        with gunicorn(env_for(big)) as base:
            rows = load(base, pages, users, args.seconds)
        # Both databases number their districts from 1: each server gets a cache of its own.
        own_cache = {**env_for(small), "REDIS_URL": next_redis_db(args.redis)}
        with gunicorn(env_for(big)) as base, gunicorn(own_cache) as small_base:
            matched = [
                {"name": p["name"], "paths": [p["path"], small_pages[p["name"]]["path"]]}
                for p in pages
                if p["name"] in small_pages
            ]
            compared = load(base, matched, [1], args.seconds, compare_with=small_base)
        small_rows = [{"name": row["name"], "p50": row["p50"][1]} for row in compared]
        big_alternating = {row["name"]: row["p50"][0] for row in compared}
        log("PDFs")
        pdfs = measure_pdfs(env_for(big), media, args.pdf_rounds)
        machine.append(reference(args.seconds))
    loadavg.stop.set()
    result = {
        "args": vars(args),
        "users": users,
        "pages": pages,
        "rows": rows,
        "small_rows": small_rows,
        "big_alternating": big_alternating,
        "small_pages": small_pages,
        "pdfs": pdfs,
        "big": {"name": big, **big_record},
        "small": {"name": small, **small_record},
        "load_average": loadavg.samples,
        "reference": machine,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "minutes": (time.time() - started) / 60,
    }
    text = report.markdown(result)
    output = ROOT / args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    (output.with_suffix(".json")).write_text(json.dumps(result, indent=1))
    print(text)
    if args.drop_db:
        db_execute(
            args.pg, f'DROP DATABASE IF EXISTS "{big}"', f'DROP DATABASE IF EXISTS "{small}"'
        )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "_child":
        run_child(sys.argv[2], json.loads(sys.argv[3]))
    else:
        main()
