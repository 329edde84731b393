from __future__ import annotations

import ast
import importlib.metadata
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import contracts

REPO = Path(__file__).resolve().parents[2]


def test_the_contracts_import_without_django_hub_or_node() -> None:
    modules = [f"contracts.{m.name}" for m in pkgutil.iter_modules(contracts.__path__)]
    script = (
        "import sys\n"
        "for blocked in ('django', 'rest_framework', 'hub', 'node', 'celery'):\n"
        "    sys.modules[blocked] = None\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert len(modules) >= 8


def _imports(package: str) -> set[str]:
    found: set[str] = set()
    for path in (REPO / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_hub_and_node_never_import_each_other() -> None:
    assert "node" not in _imports("hub")
    assert "hub" not in _imports("node")
    assert not {"hub", "node", "django"} & _imports("contracts")


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_core_dependencies_are_exactly_what_the_contracts_import() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    core = {_normalised(re.split(r"[=<>\[ ;]", dep)[0]) for dep in project["dependencies"]}
    # What the core packages themselves require comes along (pydantic brings pydantic-core).
    brought = {
        _normalised(re.split(r"[=<>\[ ;(!~]", req)[0])
        for dist in core
        for req in (importlib.metadata.requires(dist) or [])
        if "extra ==" not in req
    }
    modules = {m for m in _imports("contracts") if m not in sys.stdlib_module_names and m != "contracts"}
    distributions = importlib.metadata.packages_distributions()
    needed = {_normalised(distributions[module][0]) for module in modules}
    assert needed <= core | brought, f"contracts import {needed - core - brought}, not core dependencies"
    assert core <= needed, f"core dependencies the contracts do not use: {core - needed}"
    assert not {"django", "djangorestframework", "celery"} & core
