"""The checks of what the hub hands the node stay apart from the database, so that a page can be
checked in another thread while the database is busy with the page before it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_LOADED = """
import json, sys
import node.exchange.verification
print(json.dumps(sorted(sys.modules)))
"""


def test_the_verification_module_loads_neither_the_database_nor_any_model() -> None:
    # In a fresh interpreter, so that what the test run itself loaded does not count.
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", _LOADED],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        ).stdout
    )
    assert "contracts.control" in loaded  # it did load what it checks with
    touching = [
        name
        for name in loaded
        if name == "django.db"
        or name.startswith("django.db.")
        or (name.startswith("node.") and name.endswith(".models"))
        or name.startswith("common.")
    ]
    assert touching == []
