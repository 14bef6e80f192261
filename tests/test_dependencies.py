"""The lock files pin every dependency that pyproject.toml names, at a version it allows."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _pins(lock: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements(specs: list[str]) -> list[Requirement]:
    return [Requirement(spec) for spec in specs]


@pytest.mark.parametrize(
    ("lock", "groups"),
    [("requirements.lock", ["runtime"]), ("requirements-dev.lock", ["runtime", "dev"])],
)
def test_every_dependency_is_pinned_within_its_bounds(lock, groups):
    project = _project()
    specs = {"runtime": project["dependencies"], "dev": project["optional-dependencies"]["dev"]}
    pins = _pins(lock)
    for group in groups:
        for requirement in _requirements(specs[group]):
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{requirement.name} is not in {lock}"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"{lock} pins {requirement.name} {pins[name]}, outside {requirement.specifier}"
            )


def test_the_runtime_lock_is_the_dev_lock_without_the_tools():
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_every_runtime_dependency_has_an_upper_bound():
    for requirement in _requirements(_project()["dependencies"]):
        assert any(spec.operator in {"<", "<=", "==", "~="} for spec in requirement.specifier), (
            f"{requirement.name} has no upper bound"
        )
