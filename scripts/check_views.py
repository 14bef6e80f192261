"""The house rules of views, checked: one way in, and no tenant records fetched around it.

In every view module (`views.py`, `views/*.py`, `*_views.py`):
- a view (a module-level function whose first argument is `request`, not named `_...`, outside
  a package's `_common.py`) starts
  with a call to an access helper (`access_cycle`, `access_district`, or another `access_*`
  that checks a public link's token), unless it is listed in OPEN_VIEWS with the reason;
- no `<Model>.objects` and no `get_object_or_404(`: records are reached through the cycle the
  access helper returned, with `pages.cycle_object` or a selector.

Run: python scripts/check_views.py [paths...]; exits 1 and lists each finding.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", "node_modules", "tests", "migrations", "staticfiles"}

# Views open to anyone, or to anyone signed in, that read no district's records.
OPEN_VIEWS = {
    "sel_planner/accounts/views.py": {
        "rate_limited": "the polite page of a rate limit",
        "login": "the login page",
        "keep_alive": "renews the signed-in person's own session",
        "password_reset": "the password reset form",
        "invitation_accept_view": "checks the invitation's token itself (accounts.services)",
    },
    "sel_planner/districts/views.py": {
        "home": "lists the signed-in person's own districts",
        "healthz": "the health check",
    },
}


def view_modules(paths: list[Path]) -> list[Path]:
    found = []
    for base in paths:
        candidates = [base] if base.is_file() else base.rglob("*.py")
        for path in candidates:
            if SKIP & set(path.relative_to(ROOT).parts):
                continue
            in_package = path.parent.name == "views" and path.name != "__init__.py"
            if path.name == "views.py" or path.name.endswith("_views.py") or in_package:
                found.append(path)
    return sorted(set(found))


def _called_name(statement: ast.stmt) -> str:
    value = getattr(statement, "value", None)
    if not isinstance(value, ast.Call):
        return ""
    func = value.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def findings(path: Path) -> list[str]:
    relative = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
    problems = []
    allowed = OPEN_VIEWS.get(relative, {})
    # A package's shared helpers (views/_common.py) are not views, but read no records either.
    helpers_only = path.name == "_common.py"
    for node in tree.body if not helpers_only else []:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        if not node.args.args or node.args.args[0].arg != "request" or node.name in allowed:
            continue
        body = node.body
        if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        if not _called_name(body[0]).startswith("access_"):
            problems.append(
                f"{relative}:{node.lineno}: view {node.name}() must start with an access helper"
            )
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            problems.append(
                f"{relative}:{node.lineno}: Model.objects in a view: reach records through the "
                "cycle (pages.cycle_object) or a selector"
            )
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "get_object_or_404"
        ):
            problems.append(
                f"{relative}:{node.lineno}: get_object_or_404 in a view: use pages.cycle_object"
            )
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or [ROOT]
    problems = [problem for path in view_modules(paths) for problem in findings(path)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
