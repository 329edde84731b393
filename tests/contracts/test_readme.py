from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "contracts" / "README.md"


def test_the_python_examples_in_the_contracts_readme_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 3
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - our own documentation
