from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from contracts.errors import ContractError, ErrorBody, all_errors, error_for_code

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def test_every_error_code_is_published_once() -> None:
    codes = [cls.code for cls in all_errors()]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)


@pytest.mark.parametrize("cls", all_errors(), ids=lambda cls: cls.code)
def test_each_code_maps_back_to_its_own_error_class(cls: type[ContractError]) -> None:
    assert error_for_code(cls.code) is cls
    assert CODE.match(cls.code), cls.code
    assert 400 <= cls.http_status <= 599, cls.code
    body = cls().to_body()
    assert ErrorBody.model_validate(body).code == cls.code
    assert set(body) == {"code", "message", "detail"}


def test_an_unknown_code_maps_to_the_base_error() -> None:
    assert error_for_code("no-such-code") is ContractError


def test_no_error_class_is_defined_outside_contracts_errors() -> None:
    # A wire code defined in hub/, node/ or common/ is one the client cannot map back.
    strays = []
    for folder in ("hub", "node", "common", "contracts"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "contracts" / "errors.py" or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.ClassDef) and any(
                    isinstance(base, ast.Name) and base.id.endswith("Error") for base in node.bases
                ):
                    strays.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert strays == []
