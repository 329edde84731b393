from __future__ import annotations

import json
from pathlib import Path

from contracts.vectors import VECTORS_FILE, build, check


def test_every_committed_golden_vector_opens_or_fails_exactly_as_recorded() -> None:
    assert check() == []


def test_the_vectors_are_reproducible_from_their_published_seeds() -> None:
    assert json.loads(VECTORS_FILE.read_text(encoding="utf-8")) == json.loads(json.dumps(build()))


def test_the_vectors_cover_success_and_every_envelope_failure_code() -> None:
    expected = {c["expect"].get("error") for c in json.loads(VECTORS_FILE.read_text())["cases"]}
    assert expected >= {
        None,
        "bad-signature",
        "unknown-key",
        "source-mismatch",
        "payload-type-mismatch",
        "unknown-message-type",
        "unsupported-version",
        "schema-violation",
        "malformed-envelope",
    }


def test_the_check_reports_a_vector_whose_expectation_is_wrong(tmp_path: Path) -> None:
    vectors = json.loads(VECTORS_FILE.read_text())
    vectors["cases"][0]["expect"] = {"error": "bad-signature"}
    path = tmp_path / "envelopes.json"
    path.write_text(json.dumps(vectors))
    assert check(path) == ["a valid catalogue.service 1.0 message: expected bad-signature, got success"]
