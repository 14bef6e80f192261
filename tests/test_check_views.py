"""The view rules checker (scripts/check_views.py) finds what it says it finds."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_views", ROOT / "scripts" / "check_views.py")
check_views = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_views)


def _findings(tmp_path, monkeypatch, source: str) -> list[str]:
    monkeypatch.setattr(check_views, "ROOT", tmp_path)
    module = tmp_path / "tool" / "views" / "pages.py"
    module.parent.mkdir(parents=True)
    module.write_text(source, encoding="utf-8")
    paths = check_views.view_modules([tmp_path])
    return [problem for path in paths for problem in check_views.findings(path)]


def test_a_view_that_starts_with_an_access_helper_passes(tmp_path, monkeypatch):
    source = '''
def page(request, district, cycle, code):
    """A page."""
    cycle = access_cycle(request.user, district, cycle, need=need_for(request))
    return render(request, "page.html", page_context(cycle, item=cycle_object(cycle, Item, code)))


def _helper(cycle):
    return 1
'''
    assert _findings(tmp_path, monkeypatch, source) == []


def test_a_view_that_reads_before_the_access_helper_is_found(tmp_path, monkeypatch):
    source = """
def page(request, district, cycle):
    need = Need.EDIT if request.method == "POST" else Need.READ
    cycle = access_cycle(request.user, district, cycle, need=need)
"""
    (problem,) = _findings(tmp_path, monkeypatch, source)
    assert "tool/views/pages.py:2: view page() must start with an access helper" in problem


def test_model_objects_and_get_object_or_404_are_found(tmp_path, monkeypatch):
    source = """
def page(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    item = get_object_or_404(Item, code=code)
    return Item.objects.filter(cycle=cycle)
"""
    problems = _findings(tmp_path, monkeypatch, source)
    assert len(problems) == 2
    assert any("get_object_or_404" in problem for problem in problems)
    assert any("Model.objects" in problem for problem in problems)
