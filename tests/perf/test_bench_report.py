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
    assert "about 0.50 of the 4,000-5,700/s it served" in text


def test_a_run_recorded_before_the_reference_existed_still_reads(run):
    run.pop("reference", None)
    text = report.markdown(run)
    assert "Machine speed" not in text
    assert "## Targets" in text
