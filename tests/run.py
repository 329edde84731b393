"""Run every suite, each in its own pytest process: hub and node need different Django settings.

    python -m tests.run [extra pytest args]

The backend is chosen by SOCIALHUB_TEST_BACKEND (embedded or postgres); see tests/backends.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

SUITES = [
    ("contracts", ["tests/contracts"]),
    ("hub", ["tests/hub", "--ds=tests.hub.settings"]),
    ("node", ["tests/node", "--ds=tests.node.settings"]),
    ("end-to-end", ["tests/e2e"]),
]


def main(argv: list[str]) -> int:
    backend = os.environ.get("SOCIALHUB_TEST_BACKEND", "embedded")
    failed: list[str] = []
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    with tempfile.TemporaryDirectory() as reports:
        for name, args in SUITES:
            print(f"\n=== {name} suite ({backend}) ===", flush=True)
            report = Path(reports) / f"{name}.xml"
            result = subprocess.run(
                [sys.executable, "-m", "pytest", *args, f"--junitxml={report}", *argv], check=False
            )
            if result.returncode != 0:
                failed.append(name)
            if report.exists():
                # pytest wrote this file a moment ago; it is not untrusted input.
                for suite in ET.parse(report).getroot().iter("testsuite"):  # noqa: S314
                    for key in totals:
                        totals[key] += int(suite.get(key, "0"))
    bad = totals["failures"] + totals["errors"]
    passed = totals["tests"] - bad - totals["skipped"]
    if failed:
        print(f"\nfailed suites: {', '.join(failed)}", flush=True)
    print(f"\n{backend}: {passed} passed, {bad} failed, {totals['skipped']} skipped", flush=True)
    return 1 if failed or totals["tests"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
