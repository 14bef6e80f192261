"""The benchmark's report, from a recorded run: the machine's speed is stated beside the targets."""

import copy
import json
from pathlib import Path

import pytest

from bench import report
from bench.reference import TARGET_MACHINE_RPS, bare

RUN = Path(__file__).resolve().parents[2] / "docs" / "performance.json"


@pytest.fixture
def run():
    return json.loads(RUN.read_text())


def _with_machine(run, *rps):
    out = copy.deepcopy(run)
    out["reference"] = [{"rps": value, "users": 10} for value in rps]
    return out


def test_the_reference_view_answers_without_middleware_or_database():
    response = bare(None)
    assert response.status_code == 200
    assert response.content == b"ok"


def test_the_report_states_the_machine_speed_from_the_better_bare_view_run(run):
    middle = sum(TARGET_MACHINE_RPS) / 2
    text = report.markdown(_with_machine(run, middle / 4, middle / 2))
    assert "Machine speed: a bare Django view" in text
    assert "ran at about 0.50 of that speed" in text


def test_a_slow_machine_gets_the_p95_figures_scaled_and_the_verdict_stays_unscaled(run):
    pages = {n: row for n, row in report._by_level(run["rows"])[10][0].items()}
    worst = max(row["p95"] for row in pages.values())
    slow = _with_machine(run, sum(TARGET_MACHINE_RPS) / 2 * 0.3)
    for row in slow["rows"]:
        if row["users"] == 10 and row["name"] != "healthz":
            row["p95"] = row["p95"] * 2
    text = report.markdown(slow)
    assert "| every page p95 <= 150 ms at 10 users |" in text
    assert f"worst {worst * 2:.0f} ms | **missed** |" in text
    scaled_ok = sum(1 for row in pages.values() if row["p95"] * 2 * 0.3 <= 150)
    assert f"Scaled by that factor, {scaled_ok} of {len(pages)} pages are within 150 ms p95" in text


def test_a_machine_at_full_speed_gets_no_scaled_figures(run):
    text = report.markdown(_with_machine(run, TARGET_MACHINE_RPS[1]))
    assert "Scaled by that factor" not in text
    assert "Machine speed" in text


def test_a_run_recorded_before_the_reference_existed_still_reads(run):
    text = report.markdown(run)
    assert "Machine speed" not in text
    assert "## Targets" in text
