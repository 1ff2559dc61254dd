"""The shape of the code: the core runs without Django, and the web apps import one way.

Core (outline, assess, reports, errors) is plain Python, so it installs and runs without the web
extra. Among the web apps every import points down (``settings.INSTALLED_APPS`` lists them
lowest first); a circle would make each app's meaning depend on the other's.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

WEB = Path(__file__).resolve().parents[2] / "planwatch" / "web"
CORE_PACKAGES = (
    "planwatch.outline",
    "planwatch.assess",
    "planwatch.reports",
    "planwatch.errors",
    "planwatch.limits",
    "planwatch.workbooks",
)


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_the_core_imports_no_django(package):
    probe = (
        f"import importlib, pkgutil, sys; pkg = importlib.import_module({package!r});"
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages("
        "getattr(pkg, '__path__', []), pkg.__name__ + '.')];"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["planwatch", "web"] else None


def app_imports() -> dict[str, dict[str, list[str]]]:
    """For each web app, the other web apps its modules import at module level (and where)."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in WEB.rglob("*.py"):
        relative = path.relative_to(WEB)
        if len(relative.parts) < 2 or "migrations" in relative.parts:
            continue  # settings, urls, wsgi, the CLI: the top, above every app
        app = relative.parts[0]
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                other = _app_of(name)
                if other and other != app and (WEB / other).is_dir():
                    graph.setdefault(app, {}).setdefault(other, []).append(str(relative))
    return graph


def test_the_web_apps_import_one_way_only():
    graph = app_imports()
    order = [a.rsplit(".", 1)[1] for a in settings.INSTALLED_APPS if a.startswith("planwatch.")]
    for app, imported in graph.items():
        for other, where in imported.items():
            assert order.index(other) < order.index(app), (
                f"{app} imports {other} ({', '.join(sorted(set(where)))}), "
                f"but {other} is not below {app} in INSTALLED_APPS"
            )


def test_the_web_apps_import_graph_has_no_cycle():
    graph = {app: set(others) for app, others in app_imports().items()}
    visiting, done = set(), set()

    def visit(app, path):
        assert app not in visiting, f"import circle: {' → '.join([*path, app])}"
        if app in done:
            return
        visiting.add(app)
        for other in sorted(graph.get(app, ())):
            visit(other, [*path, app])
        visiting.discard(app)
        done.add(app)

    for app in sorted(graph):
        visit(app, [])


def test_no_function_hides_an_import_of_another_app():
    hidden = []
    for path in WEB.rglob("*.py"):
        relative = path.relative_to(WEB)
        if len(relative.parts) < 2 or "migrations" in relative.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = set(map(id, tree.body))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and id(node) not in top:
                other = _app_of(node.module)
                if other and other != relative.parts[0]:
                    hidden.append(f"{relative}:{node.lineno} {node.module}")
    assert hidden == []


def test_only_app_start_up_imports_inside_a_function():
    """A function-local import of our own code hides a dependency (or dodges a circle); only
    ``AppConfig.ready`` needs one (the registry is not ready before)."""
    hidden = []
    for path in WEB.rglob("*.py"):
        relative = path.relative_to(WEB)
        if len(relative.parts) < 2 or "migrations" in relative.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if relative.name == "apps.py" and function.name == "ready":
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("planwatch"):
                    hidden.append(f"{relative}:{node.lineno} {node.module}")
    assert hidden == []


LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def template_libraries() -> dict[str, str]:
    """Each template tag library of a web app → that app."""
    return {
        path.stem: path.relative_to(WEB).parts[0]
        for path in WEB.glob("*/templatetags/*.py")
        if path.stem != "__init__"
    }


def template_loads() -> list[tuple[str, str, str]]:
    """(app, template, library) for every ``{% load %}`` in the web apps' templates."""
    found = []
    for path in WEB.glob("*/templates/**/*.html"):
        app = path.relative_to(WEB).parts[0]
        for names in LOAD.findall(path.read_text(encoding="utf-8")):
            words = names.split()
            if "from" in words:  # {% load tag from library %}
                words = words[words.index("from") + 1 :]
            found += [(app, str(path.relative_to(WEB)), name) for name in words]
    return found


def loads_from_above() -> list[str]:
    order = [a.rsplit(".", 1)[1] for a in settings.INSTALLED_APPS if a.startswith("planwatch.")]
    libraries = template_libraries()
    return [
        f"{template} loads {name} ({libraries[name]})"
        for app, template, name in template_loads()
        if name in libraries and order.index(libraries[name]) > order.index(app)
    ]


def test_a_template_loads_no_tag_library_of_an_app_above_its_own():
    """A lower app's page may not load a higher app's tags (it would depend on that app's code);
    the higher app registers its part instead (e.g. reporting.task_parts)."""
    assert {"pw_supervision", "pw_reporting", "planwatch"} <= set(template_libraries())
    assert loads_from_above() == []


def test_the_template_check_catches_a_lower_app_loading_a_higher_apps_tags(tmp_path, monkeypatch):
    """The check itself: a reporting template loading pw_supervision is found."""
    web = tmp_path / "web"
    for app, library in (("reporting", "pw_reporting"), ("supervision", "pw_supervision")):
        (web / app / "templatetags").mkdir(parents=True)
        (web / app / "templatetags" / f"{library}.py").write_text("", encoding="utf-8")
    page = web / "reporting" / "templates" / "reporting" / "page.html"
    page.parent.mkdir(parents=True)
    page.write_text("{% load i18n pw_reporting %}{% load pw_supervision %}", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "WEB", web)
    assert template_loads() == [
        ("reporting", "reporting/templates/reporting/page.html", "i18n"),
        ("reporting", "reporting/templates/reporting/page.html", "pw_reporting"),
        ("reporting", "reporting/templates/reporting/page.html", "pw_supervision"),
    ]
    assert loads_from_above() == [
        "reporting/templates/reporting/page.html loads pw_supervision (supervision)"
    ]
