from __future__ import annotations

import json
from pathlib import Path

from contracts.vectors import LOG_VECTORS_FILE, VECTORS_FILE, build, build_log, check, check_log


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


def test_every_committed_log_vector_verifies_or_fails_exactly_as_recorded() -> None:
    assert check_log() == []


def test_the_log_vectors_are_reproducible_from_their_entries() -> None:
    assert json.loads(LOG_VECTORS_FILE.read_text(encoding="utf-8")) == json.loads(json.dumps(build_log()))


def test_the_log_vectors_cover_every_proof_of_the_log_and_both_failure_codes() -> None:
    cases = json.loads(LOG_VECTORS_FILE.read_text())["cases"]
    valid = [c for c in cases if not c["expect"]]
    assert len([c for c in valid if c["kind"] == "inclusion"]) == 9 * 10 // 2  # every entry of every size
    assert len([c for c in valid if c["kind"] == "consistency"]) == sum(n + 1 for n in range(1, 10))
    assert {c["expect"].get("error") for c in cases} == {None, "bad-log-proof", "log-inconsistent"}


def test_the_log_check_reports_a_vector_whose_expectation_is_wrong(tmp_path: Path) -> None:
    vectors = json.loads(LOG_VECTORS_FILE.read_text())
    vectors["cases"][0]["expect"] = {"error": "bad-log-proof"}
    path = tmp_path / "log_proofs.json"
    path.write_text(json.dumps(vectors))
    assert check_log(path) == ["entry 1 is in the tree of 1: expected bad-log-proof, got success"]
