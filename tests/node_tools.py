"""Running the Node.js tools in ``tests/tools/`` (installed by ``make install`` from
``package-lock.json``). Without Node.js or the tools a test that needs them is skipped, except
where ``SOCIALHUB_REQUIRE_TOOLS=1`` (CI), where that is a failure.

Browser checks run ``tests/tools/browser_check.mjs`` (playwright-core) in Debian's headless Chromium:
``SOCIALHUB_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on PATH; missing, likewise
skipped or failed. ``.ci/run`` installs Debian's ``chromium`` package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tests" / "tools"


def require_node_tools() -> str:
    """The path of ``node``, or skip (fail under CI) when it or the tools are missing."""
    node = shutil.which("node")
    missing = "node is not installed" if node is None else None
    if node is not None and not (ROOT / "node_modules" / ".installed").exists():
        missing = "node_modules is missing; run make install"
    if missing:
        _unavailable(missing)
    assert node is not None
    return node


def _unavailable(missing: str) -> NoReturn:
    if os.environ.get("SOCIALHUB_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{missing} (SOCIALHUB_REQUIRE_TOOLS=1)")
    pytest.skip(missing)


def run_tool(script: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    node = require_node_tools()
    return subprocess.run(
        [node, str(TOOLS / script), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


def find_chromium() -> str | None:
    """Chromium's executable: ``SOCIALHUB_CHROMIUM``, ``/usr/bin/chromium`` or ``chromium`` on PATH."""
    configured = os.environ.get("SOCIALHUB_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def run_browser_plan(plan: dict[str, Any], *, tmp_path: Path, timeout: float = 180) -> dict[str, Any]:
    """Run ``plan`` (steps as in ``tests/tools/browser_check.mjs``) in headless Chromium and return
    the tool's report: ``ok``, ``steps``, ``consoleErrors``, ``failedRequests``, ``offsiteRequests``,
    ``title``, ``texts``, ``horizontalOverflow``. Relative paths in the plan are taken from the repository
    root. Skips (fails under ``SOCIALHUB_REQUIRE_TOOLS=1``) without Node.js, playwright-core or Chromium."""
    node = require_node_tools()
    if not (ROOT / "node_modules" / "playwright-core" / "package.json").exists():
        _unavailable("node_modules/playwright-core is missing; run make install")
    chromium = find_chromium()
    if chromium is None:
        where = os.environ.get("SOCIALHUB_CHROMIUM") or "/usr/bin/chromium"
        _unavailable(f"Chromium is not installed ({where}); apt-get install chromium")
    handle, name = tempfile.mkstemp(prefix="browser-plan-", suffix=".json", dir=tmp_path)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump({"executablePath": chromium, **plan}, file, ensure_ascii=False)
    command = [node, str(TOOLS / "browser_check.mjs"), name]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"browser_check.mjs took more than {timeout} s: {expired.stderr!r}")
    lines = done.stdout.strip().splitlines()
    try:
        report: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        pytest.fail(
            f"browser_check.mjs printed no report (exit {done.returncode}): {done.stdout}{done.stderr}"
        )
    if report.get("error") and not report["steps"]:
        pytest.fail(f"browser_check.mjs could not run the plan: {report['error']}\n{done.stderr}")
    return report
