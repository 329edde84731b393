"""Running the Node.js tools in ``tests/tools/`` (installed by ``make install`` from
``package-lock.json``). Without Node.js or the tools a test that needs them is skipped, except
where ``SOCIALHUB_REQUIRE_TOOLS=1`` (CI), where that is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

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
        if os.environ.get("SOCIALHUB_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{missing} (SOCIALHUB_REQUIRE_TOOLS=1)")
        pytest.skip(missing)
    assert node is not None
    return node


def run_tool(script: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    node = require_node_tools()
    return subprocess.run(
        [node, str(TOOLS / script), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
