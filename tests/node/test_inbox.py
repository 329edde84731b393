from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.catalogue.models import FederatedService
from node.exchange.models import InboxMessage
from node.exchange.services import PullReport, inbox_accept
from tests.factories import service_data, signed_service_message
from tests.node.conftest import Federation


def _accept(federation: Federation, pulled: object) -> PullReport:
    report = PullReport()
    inbox_accept(pulled, report)  # type: ignore[arg-type]
    return report


def test_a_verified_message_from_a_peer_is_applied_to_the_federated_catalogue(federation: Federation) -> None:
    data = service_data(name={"mk": "Советување", "en": "Counselling"})
    report = _accept(
        federation,
        federation.pulled(signed_service_message(key=federation.peer_key, source="MK-CAIR", data=data)),
    )
    assert report.applied == 1
    entry = FederatedService.objects.get(service_id=data.id)
    assert (entry.origin, entry.revision, entry.data["name"]["mk"]) == ("MK-CAIR", 1, "Советување")


def test_applying_the_same_message_twice_changes_nothing(federation: Federation) -> None:
    envelope = signed_service_message(key=federation.peer_key, source="MK-CAIR")
    _accept(federation, federation.pulled(envelope, log_index=5))
    report = _accept(federation, federation.pulled(envelope, log_index=5))
    assert (report.applied, report.duplicates) == (0, 1)
    assert (FederatedService.objects.count(), InboxMessage.objects.count()) == (1, 1)


def test_an_older_revision_arriving_after_a_newer_one_changes_nothing(federation: Federation) -> None:
    service_id = uuid.uuid4()
    newer = service_data(id=service_id, revision=3, name={"en": "New name"})
    older = service_data(id=service_id, revision=2, name={"en": "Old name"})
    _accept(
        federation,
        federation.pulled(
            signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=3, data=newer)
        ),
    )
    _accept(
        federation,
        federation.pulled(
            signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=2, data=older)
        ),
    )
    assert FederatedService.objects.get().data["name"] == {"en": "New name"}


def test_it_rejects_a_message_signed_with_a_key_outside_the_directory(federation: Federation) -> None:
    forger = Ed25519PrivateKey.generate()
    report = _accept(federation, federation.pulled(signed_service_message(key=forger, source="MK-CAIR")))
    assert report.rejected == 1
    assert InboxMessage.objects.get().reason.startswith("unknown-key")
    assert FederatedService.objects.count() == 0


def test_it_rejects_a_message_whose_hub_receipt_is_forged(federation: Federation) -> None:
    envelope = signed_service_message(key=federation.peer_key, source="MK-CAIR")
    report = _accept(federation, federation.pulled(envelope, receipt_key=Ed25519PrivateKey.generate()))
    assert report.rejected == 1
    assert InboxMessage.objects.get().reason.startswith("unknown-key")
    assert FederatedService.objects.count() == 0


def test_it_rejects_a_receipt_issued_for_another_payload(federation: Federation) -> None:
    envelope = signed_service_message(key=federation.peer_key, source="MK-CAIR")
    report = _accept(federation, federation.pulled(envelope, payload_sha256="0" * 64))
    assert report.rejected == 1
    assert InboxMessage.objects.get().reason.startswith("receipt-mismatch")


def test_it_rejects_a_change_to_an_entry_another_node_owns(federation: Federation) -> None:
    from node.catalogue.services import service_create

    own = service_create(fields={"name": {"en": "Ours"}, "organization_name": {"en": "Butel"}})
    hijack = service_data(id=own.id, revision=99, name={"en": "Theirs"})
    report = _accept(
        federation,
        federation.pulled(signed_service_message(key=federation.peer_key, source="MK-CAIR", data=hijack)),
    )
    assert report.rejected == 1
    assert InboxMessage.objects.get().reason.startswith("not-owner")
    assert FederatedService.objects.get(service_id=own.id).data["name"] == {"en": "Ours"}


def test_a_withdrawn_entry_disappears_from_the_catalogue(federation: Federation) -> None:
    from common.catalogue.selectors import Search, catalogue_search

    service_id = uuid.uuid4()
    for sequence, status in ((1, "active"), (2, "defunct")):
        data = service_data(id=service_id, revision=sequence, status=status)
        _accept(
            federation,
            federation.pulled(
                signed_service_message(
                    key=federation.peer_key, source="MK-CAIR", sequence=sequence, data=data
                )
            ),
        )
    assert catalogue_search(Search()).count() == 0
    assert catalogue_search(Search(include_withdrawn=True)).count() == 1


def test_a_message_from_a_node_one_minor_version_behind_is_applied_at_the_current_version(
    federation: Federation,
) -> None:
    data = service_data()
    envelope = signed_service_message(key=federation.peer_key, source="MK-CAIR", data=data, version="1.0")
    report = _accept(federation, federation.pulled(envelope))
    assert report.applied == 1
    entry = FederatedService.objects.get(service_id=data.id)
    assert entry.data["schedules"] == []  # a 1.1 field, filled in by the upcaster
    assert InboxMessage.objects.get().version == "1.0"  # what was signed is what is recorded


def test_a_page_is_applied_like_one_message_after_another(federation: Federation) -> None:
    from node.exchange.services import inbox_accept_page

    mine, theirs = uuid.uuid4(), uuid.uuid4()
    forger = Ed25519PrivateKey.generate()

    def from_cair(sequence: int, **data: object) -> object:
        return signed_service_message(
            key=federation.peer_key, source="MK-CAIR", sequence=sequence, data=service_data(**data)
        )

    owned_by_butel = signed_service_message(
        key=federation.node_key, source="MK-BUTEL", data=service_data(id=mine, revision=1)
    )
    page = [
        federation.pulled(owned_by_butel),
        federation.pulled(from_cair(1, id=theirs, revision=1, name={"en": "First"})),
        federation.pulled(from_cair(2, id=theirs, revision=3, name={"en": "Third"})),
        federation.pulled(from_cair(3, id=theirs, revision=2, name={"en": "Second, late"})),
        federation.pulled(from_cair(4, id=mine, revision=5)),  # not CAIR's entry
        federation.pulled(signed_service_message(key=forger, source="MK-CAIR", sequence=5)),
    ]
    report = PullReport()
    inbox_accept_page(page, report)  # type: ignore[arg-type]
    inbox_accept_page(page[:2], report)  # type: ignore[arg-type]
    # An older revision after a newer one changes nothing and is refused with its code.
    assert (report.applied, report.rejected, report.duplicates) == (3, 3, 2)
    assert FederatedService.objects.get(service_id=theirs).data["name"] == {"en": "Third"}
    assert FederatedService.objects.get(service_id=mine).origin == "MK-BUTEL"
    reasons = sorted(InboxMessage.objects.filter(status="rejected").values_list("reason", flat=True))
    assert [r.split(":")[0] for r in reasons] == ["not-owner", "stale-revision", "unknown-key"]


def test_a_key_revoked_after_the_hub_logged_a_message_leaves_that_message_valid(
    federation: Federation,
) -> None:
    import datetime as dt

    from node.federation.models import PeerKey

    logged_before = federation.pulled(
        signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=1),
        received_at=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
    )
    logged_after = federation.pulled(
        signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=2),
        received_at=dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC),
    )
    # The directory issued at 10:00 says the key is revoked (as a refresh would record it).
    PeerKey.objects.filter(peer__code="MK-CAIR").update(
        status="revoked", revoked_as_of=dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    )
    assert _accept(federation, logged_before).applied == 1
    report = _accept(federation, logged_after)
    assert report.rejected == 1
    assert InboxMessage.objects.get(log_index=logged_after.log_index).reason.startswith("revoked-key")


def test_the_directory_records_when_a_key_was_first_seen_revoked(federation: Federation) -> None:
    import datetime as dt

    from contracts.control import Directory
    from contracts.keys import key_id, public_key_text
    from node.federation.models import PeerKey
    from node.federation.services import directory_apply

    issued = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
    key = federation.peer_key.public_key()
    directory = Directory.model_validate(
        {
            "hub_keyid": "ed25519:hub",
            "issued_at": issued,
            "members": [
                {
                    "code": "MK-CAIR",
                    "name": "Чаир",
                    "country": "MK",
                    "keys": [
                        {
                            "keyid": key_id(key),
                            "public_key": public_key_text(key),
                            "status": "revoked",
                            "added_at": issued,
                        }
                    ],
                }
            ],
        }
    )
    directory_apply(directory=federation.verified_directory(directory, version="1.0"))
    later = directory.model_copy(update={"issued_at": issued + dt.timedelta(hours=1)})
    directory_apply(directory=federation.verified_directory(later, version="1.0"))
    row = PeerKey.objects.get(keyid=key_id(key))
    assert (row.status, row.revoked_as_of) == ("revoked", issued)


class _PagedHub:
    """A hub that hands out fixed pages of two and can fail to apply one (by a bad page)."""

    def __init__(self, messages: list[object]) -> None:
        self.messages = messages
        self.asked: list[str] = []
        self.asked_for_more = threading.Event()

    def pull(self, *, after: str, limit: int = 500, wait: float = 0) -> object:
        from contracts.client import PullPage

        self.asked.append(after)
        if after != "0":
            self.asked_for_more.set()
        start = int(after)
        page = self.messages[start : start + 2]
        return PullPage(
            messages=page,  # type: ignore[arg-type]
            next_cursor=str(start + len(page)),
            has_more=start + 2 < len(self.messages),
            log_size=len(self.messages),
        )


def test_a_node_catching_up_applies_every_page_in_order_and_saves_the_cursor_after_each(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from node.exchange import services
    from node.exchange.models import SyncState

    envelopes = [
        signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=i) for i in range(1, 6)
    ]
    # The fourth is forged: a known key's signature over another payload.
    envelopes[3] = envelopes[3].model_copy(update={"payload": envelopes[4].payload})
    pulled = [federation.pulled(envelope, log_index=i) for i, envelope in enumerate(envelopes, start=1)]
    hub = _PagedHub(pulled)
    monkeypatch.setattr(services, "hub_client", lambda: hub)
    real_accept = services.inbox_accept_page
    asked_while_applying: list[bool] = []

    def accept(messages: list[object], report: PullReport, **seal: Any) -> None:
        if not asked_while_applying:  # the first page: the second is asked for meanwhile
            asked_while_applying.append(hub.asked_for_more.wait(timeout=5))
        real_accept(messages, report, **seal)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "inbox_accept_page", accept)
    real_check_ahead = services._check_ahead
    checked_ahead: list[int] = []

    def check_ahead(page: Any, **keys: Any) -> Any:
        outcomes = real_check_ahead(page, **keys)
        checked_ahead.extend(outcomes or ())
        return outcomes

    monkeypatch.setattr(services, "_check_ahead", check_ahead)
    report = services.inbox_pull(limit=2)
    assert (report.applied, report.rejected, report.pages) == (4, 1, 3)
    assert checked_ahead == [3, 4, 5]  # pages 2 and 3 were verified ahead of their turn
    assert hub.asked == ["0", "2", "4"]  # each page asked for once
    assert asked_while_applying == [True]
    applied = InboxMessage.objects.order_by("log_index").values_list("log_index", flat=True)
    assert list(applied) == [1, 2, 3, 4, 5]
    assert SyncState.objects.get().cursor == "5"
    # Page 2 was checked ahead, while page 1 was applied: its forged message is refused all the same.
    assert InboxMessage.objects.get(log_index=4).reason.startswith("bad-signature")


def test_when_a_page_fails_to_apply_the_cursor_stays_after_the_last_page_applied(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from node.exchange import services
    from node.exchange.models import SyncState

    pulled = [
        federation.pulled(
            signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=i), log_index=i
        )
        for i in range(1, 7)
    ]
    hub = _PagedHub(pulled)
    monkeypatch.setattr(services, "hub_client", lambda: hub)
    real_accept = services.inbox_accept_page

    def accept(messages: list[object], report: PullReport, **seal: Any) -> None:
        if any(m.log_index == 3 for m in messages):  # type: ignore[attr-defined]
            raise RuntimeError("the database went away")
        real_accept(messages, report, **seal)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "inbox_accept_page", accept)
    with pytest.raises(RuntimeError):
        services.inbox_pull(limit=2)
    assert list(InboxMessage.objects.values_list("log_index", flat=True)) == [1, 2]
    assert SyncState.objects.get().cursor == "2"


def test_a_large_page_checked_by_several_threads_keeps_each_verdict_with_its_message(
    federation: Federation, settings: Any
) -> None:
    from django.db import transaction

    from node.exchange.services import inbox_accept_page

    settings.NODE_VERIFY_THREADS = 3
    forger = Ed25519PrivateKey.generate()
    forged_at = {7, 64, 65, 149}
    page = [
        federation.pulled(
            signed_service_message(
                key=forger if index in forged_at else federation.peer_key, source="MK-CAIR", sequence=index
            ),
            log_index=index,
        )
        for index in range(1, 151)
    ]
    report = PullReport()
    with transaction.atomic():
        inbox_accept_page(page, report)
    assert (report.applied, report.rejected) == (146, 4)
    rejected = InboxMessage.objects.filter(status=InboxMessage.Status.REJECTED)
    assert set(rejected.values_list("log_index", flat=True)) == forged_at
    applied = InboxMessage.objects.filter(status=InboxMessage.Status.APPLIED).order_by("log_index")
    assert all(row.log_index == row.sequence for row in applied)  # each verdict with its own message
    assert FederatedService.objects.count() == 146


def _sealed_page_accept(
    federation: Federation, page: list[Any], seal: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> tuple[PullReport, int]:
    """Accept a page with a seal; also count the receipts verified one by one."""
    from django.db import transaction

    from node.exchange import services

    receipts_verified = 0
    real_read_control = services.read_control

    def counting(raw: Any, *, model: Any, resolve_key: Any) -> Any:
        nonlocal receipts_verified
        receipts_verified += model is services.Receipt
        return real_read_control(raw, model=model, resolve_key=resolve_key)

    monkeypatch.setattr(services, "read_control", counting)
    report = PullReport()
    with transaction.atomic():
        services.inbox_accept_page(page, report, seal=seal)
    return report, receipts_verified


def _page(federation: Federation, count: int) -> list[Any]:
    return [
        federation.pulled(
            signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=i), log_index=i
        )
        for i in range(1, count + 1)
    ]


def test_a_page_the_hub_sealed_is_applied_without_checking_each_receipt_on_its_own(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(federation, 5)
    report, receipts_verified = _sealed_page_accept(federation, page, federation.page_seal(page), monkeypatch)
    assert (report.applied, report.rejected, receipts_verified) == (5, 0, 0)


def test_a_receipt_changed_on_a_sealed_page_is_caught_by_its_own_check_and_the_rest_applied(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(federation, 4)
    seal = federation.page_seal(page)
    forger = Ed25519PrivateKey.generate()
    envelope = signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=9)
    page[2] = federation.pulled(envelope, receipt_key=forger, log_index=3)  # after the seal
    report, receipts_verified = _sealed_page_accept(federation, page, seal, monkeypatch)
    assert (report.applied, report.rejected, receipts_verified) == (3, 1, 4)
    assert InboxMessage.objects.get(log_index=3).reason.startswith("unknown-key")


@pytest.mark.parametrize("who", ["another key", "another member"])
def test_a_seal_that_is_not_the_hubs_for_this_node_is_ignored_and_each_receipt_checked(
    federation: Federation, monkeypatch: pytest.MonkeyPatch, who: str
) -> None:
    page = _page(federation, 3)
    seal = (
        federation.page_seal(page, key=Ed25519PrivateKey.generate())
        if who == "another key"
        else federation.page_seal(page, member="MK-CAIR")
    )
    report, receipts_verified = _sealed_page_accept(federation, page, seal, monkeypatch)
    assert (report.applied, report.rejected, receipts_verified) == (3, 0, 3)
