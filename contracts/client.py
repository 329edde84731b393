"""A small client for the hub's HTTP API, used by the node and usable by any integrator.

Invariants:
- every request after enrolment is signed (``contracts.httpsig``);
- an error answer is raised as the very ``ContractError`` subclass the hub raised;
- network failures are raised as ``HubUnavailableError``, never as a library's exception;
- an answer is parsed only after ``contracts.limits`` found it no deeper than any contract.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlencode

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.api import SyncReport
from contracts.control import EnrolmentProof, EnrolmentRequest, EnrolmentResponse
from contracts.directory import KeyRotationResponse
from contracts.envelope import Envelope
from contracts.errors import ContractError, HubUnavailableError, MalformedJSONError, error_for_code
from contracts.httpsig import sign_request
from contracts.keys import b64u_encode, key_id, public_key_text
from contracts.limits import loads_bounded
from contracts.log import ConsistencyProof, InclusionProof

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class PushResult:
    message_id: str
    status: str  # accepted | duplicate | refused
    code: str | None
    message: str | None
    receipt: dict[str, Any] | None
    log_index: int | None


@dataclass(frozen=True, slots=True)
class PulledMessage:
    log_index: int
    envelope: dict[str, Any]
    receipt: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PullPage:
    messages: list[PulledMessage]
    next_cursor: str
    has_more: bool
    log_size: int = 0
    seal: dict[str, Any] | None = None
    """The hub's ``control.page_seal`` over the page's receipts, as the wire envelope."""


class HubAPI(Protocol):
    """What a member needs from the hub after enrolment. ``HubClient`` is the real one; tests
    give a fake of their own, so that nothing has to patch how a client is made."""

    def directory(self, *, version: str | None = None) -> Envelope: ...

    def push(self, envelopes: Sequence[Envelope | bytes]) -> list[PushResult]: ...

    def pull(self, *, after: str, limit: int = 500, wait: float = 0) -> PullPage: ...

    def sync_report(self, report: SyncReport) -> None: ...

    def tree_head(self) -> dict[str, Any]: ...

    def statistics_policy(self) -> dict[str, Any]: ...

    def inclusion_proof(self, *, log_index: int, tree_size: int) -> InclusionProof: ...

    def consistency_proof(self, *, first: int, second: int) -> ConsistencyProof: ...


class HubClient:
    def __init__(
        self,
        base_url: str,
        *,
        key: Ed25519PrivateKey | None = None,
        session: requests.Session | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.keyid = key_id(key.public_key()) if key is not None else None
        self.session = session or requests.Session()
        self.timeout = timeout

    # --- enrolment (unsigned: the node is not a member yet) -----------------------------

    def enrol(self, *, token: str, key: Ed25519PrivateKey) -> EnrolmentResponse:
        public_key = public_key_text(key.public_key())
        proof = key.sign(EnrolmentProof(token=token, public_key=public_key).to_bytes())
        body = EnrolmentRequest(token=token, public_key=public_key, proof=b64u_encode(proof))
        data = self._request("POST", "/api/v1/enrol", body.model_dump_json().encode(), signed=False)
        return EnrolmentResponse.model_validate(data)

    # --- signed calls --------------------------------------------------------------------

    def directory(self, *, version: str | None = None) -> Envelope:
        """The signed directory; ask for ``version`` 2.0 to have encryption keys too. A hub that
        serves only 1.0 answers 1.0 whatever is asked (read either with ``read_directory``)."""
        query = f"?{urlencode({'version': version})}" if version else ""
        data = self._request("GET", f"/api/v1/directory{query}", b"")
        return Envelope.model_validate(data)

    def key_rotation(self, rotation: Envelope) -> KeyRotationResponse:
        """Present a signed ``control.key_rotation`` 2.0 (``contracts.directory.key_rotation_write``);
        the hub applies it before it answers, with the directory that lists the new key."""
        data = self._request("POST", "/api/v1/keys/rotations", rotation.to_bytes())
        return KeyRotationResponse.model_validate(data)

    def push(self, envelopes: Sequence[Envelope | bytes]) -> list[PushResult]:
        """Push a batch; an envelope given as bytes (as an outbox stores it) goes as it is."""
        body = b'{"messages":[%s]}' % b",".join(
            e if isinstance(e, bytes) else e.to_bytes() for e in envelopes
        )
        data = self._request("POST", "/api/v1/messages", body, accept_refusal=True)
        return [
            PushResult(
                message_id=r.get("message_id", ""),
                status=r["status"],
                code=r.get("code"),
                message=r.get("message"),
                receipt=r.get("receipt"),
                log_index=r.get("log_index"),
            )
            for r in data["results"]
        ]

    def pull(self, *, after: str, limit: int = 500, wait: float = 0) -> PullPage:
        """A page of messages after ``after``; with ``wait``, the hub holds the request up to
        that many seconds until there is something new (long-polling)."""
        query = urlencode({"after": after, "limit": limit} | ({"wait": f"{wait:g}"} if wait else {}))
        data = self._request("GET", f"/api/v1/messages?{query}", b"", timeout=self.timeout + wait)
        return PullPage(
            messages=[
                PulledMessage(log_index=m["log_index"], envelope=m["envelope"], receipt=m["receipt"])
                for m in data["messages"]
            ],
            next_cursor=data["next_cursor"],
            has_more=data["has_more"],
            log_size=data.get("log_size", 0),
            seal=data.get("seal"),
        )

    def sync_report(self, report: SyncReport) -> None:
        """Tell the hub this node's backlog, dead letters, alarms and last error."""
        self._request("POST", "/api/v1/sync-report", report.model_dump_json().encode(), expect_body=False)

    # --- the hub's log ---------------------------------------------------------------------

    def statistics_policy(self) -> dict[str, Any]:
        """The federation's statistics policy in force, as the wire envelope the hub signed
        (verify with ``read_control`` and ``StatisticsPolicy``)."""
        data: dict[str, Any] = self._request("GET", "/api/v1/statistics/policy", b"")
        return data

    def tree_head(self) -> dict[str, Any]:
        """The latest signed tree head, as the wire envelope (verify with ``read_control``)."""
        data: dict[str, Any] = self._request("GET", "/api/v1/log/tree-head", b"")
        return data

    def inclusion_proof(self, *, log_index: int, tree_size: int) -> InclusionProof:
        """RFC 9162's proof that entry ``log_index`` (from 1) is in the tree of ``tree_size``
        entries (check it with ``contracts.log.verify_inclusion``)."""
        query = urlencode({"index": log_index, "size": tree_size})
        data = self._request("GET", f"/api/v1/log/inclusion-proof?{query}", b"")
        return InclusionProof.model_validate(data)

    def consistency_proof(self, *, first: int, second: int) -> ConsistencyProof:
        """RFC 9162's proof that the tree of ``first`` entries is a prefix of the tree of
        ``second`` (check it with ``contracts.log.verify_consistency``)."""
        query = urlencode({"first": first, "second": second})
        data = self._request("GET", f"/api/v1/log/consistency-proof?{query}", b"")
        return ConsistencyProof.model_validate(data)

    def log_entries(self, *, start: int, end: int) -> list[tuple[int, dict[str, Any]]]:
        """Entries ``start``..``end`` as (log index, receipt envelope); at most 1,000 per call."""
        data = self._request("GET", f"/api/v1/log/entries?{urlencode({'start': start, 'end': end})}", b"")
        return [(e["log_index"], e["receipt"]) for e in data["entries"]]

    # --- plumbing --------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        body: bytes,
        *,
        signed: bool = True,
        accept_refusal: bool = False,
        timeout: float | None = None,
        expect_body: bool = True,
    ) -> Any:
        url = self.base_url + path
        headers: dict[str, str] = {"Content-Type": "application/json", "Accept": "application/json"}
        if signed:
            if self.key is None or self.keyid is None:
                raise ContractError("This client has no signing key.")
            sign_request(method=method, url=url, headers=headers, body=body, key=self.key, keyid=self.keyid)
        try:
            response = self.session.request(
                method, url, data=body or None, headers=headers, timeout=timeout or self.timeout
            )
        except requests.RequestException as exc:
            raise HubUnavailableError(f"{method} {url} failed: {exc}") from exc
        if not expect_body and response.status_code == 204:
            return None
        try:
            data = loads_bounded(response.content, what="The hub's answer")
        except MalformedJSONError as exc:
            if response.status_code >= 500:
                raise HubUnavailableError(f"The hub answered {response.status_code}.") from exc
            raise MalformedJSONError(f"The hub answered {response.status_code} without JSON.") from exc
        if response.ok:
            return data
        if accept_refusal and isinstance(data, dict) and isinstance(data.get("detail"), dict):
            # A batch in which nothing was accepted still has per-message results.
            results = data["detail"].get("results")
            if isinstance(results, list):
                return {"results": results}
        if response.status_code >= 500:
            raise HubUnavailableError(f"The hub answered {response.status_code}: {data}")
        code = data.get("code", "") if isinstance(data, dict) else ""
        raise error_for_code(code)(
            data.get("message") if isinstance(data, dict) else None,
            detail=data.get("detail") if isinstance(data, dict) else None,
        )
