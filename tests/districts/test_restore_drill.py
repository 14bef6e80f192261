"""The backup restore drill of the README: pg_dump, pg_restore into a scratch database, migrate.

It runs against the suite's own PostgreSQL test database, so the backup is of real rows (the
demo district), and proves that a restored copy holds the same number of rows in every table
and needs no migration to be served.
"""

import glob
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from ..conftest import require_service

ROOT = Path(settings.BASE_DIR)


def _tool(name: str) -> str | None:
    """The PostgreSQL client program on PATH, else the newest in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _libpq_env(params: dict) -> dict:
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _counts(cursor, tables) -> dict:
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def _load_rubric_framework():
    """The CASEL rubric its data migration loads;
    an earlier transactional test's flush removed it."""
    from rubric.models import Framework

    if not Framework.objects.filter(is_current=True).exists():
        migration = importlib.import_module("rubric.migrations.0002_load_casel_2021")
        migration.load(apps, None)


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_scratch_database_with_equal_row_counts(tmp_path):
    if connection.vendor != "postgresql":
        require_service(
            "The restore drill needs PostgreSQL: set DATABASE_URL=postgres://… to run it"
        )
    pg_dump, pg_restore = _tool("pg_dump"), _tool("pg_restore")
    if not (pg_dump and pg_restore):
        require_service("The restore drill needs pg_dump and pg_restore (postgresql-client)")

    _load_rubric_framework()
    call_command("seed_demo")
    params = connection.settings_dict
    source = params["NAME"]
    scratch = f"{source}_restore_drill"[:63]
    env = _libpq_env(params)
    dump = tmp_path / "backup.dump"
    subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", f"--file={dump}", source],
        env=env,
        check=True,
        capture_output=True,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        subprocess.run(
            [pg_restore, "--no-owner", "--exit-on-error", f"--dbname={scratch}", str(dump)],
            env=env,
            check=True,
            capture_output=True,
        )
        conninfo = {
            "dbname": scratch,
            "host": params.get("HOST") or None,
            "port": params.get("PORT") or None,
            "user": params.get("USER") or None,
            "password": params.get("PASSWORD") or None,
        }
        url_env = {
            **env,
            "DATABASE_URL": (
                f"postgres://{params.get('USER') or ''}:{params.get('PASSWORD') or ''}@"
                f"{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{scratch}"
            ),
        }
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=url_env,
            capture_output=True,
            text=True,
        )
        assert migrate.returncode == 0, migrate.stderr
        assert "No migrations to apply" in migrate.stdout

        tables = connection.introspection.table_names()
        assert "districts_district" in tables
        with connection.cursor() as cursor:
            expected = _counts(cursor, tables)
        with (
            psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as scratch_db,
            scratch_db.cursor() as cursor,
        ):
            restored = _counts(cursor, tables)
        assert restored == expected
        assert expected["districts_district"] >= 1 and expected["rubric_rating"] > 0
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch))
            )
