from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.catalogue.models import FederatedService
from contracts.errors import ContractError
from contracts.messages import Event
from node.exchange.inbox import PullReport, applier_register, inbox_accept, inbox_pull
from node.exchange.models import InboxMessage
from tests.factories import service_data, signed_service_message
from tests.node.conftest import Federation
from tests.node.fakes import FakeHub


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
    from node.exchange.inbox import inbox_accept_page

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


@pytest.fixture
def applying() -> Iterator[list[Callable[[list[Event[Any]]], None]]]:
    """Steps run before each page of services is applied (in the page's transaction), in turn."""
    steps: list[Callable[[list[Event[Any]]], None]] = []
    real = applier_register("catalogue.service", None)
    assert real is not None

    def apply(events: list[Event[Any]]) -> dict[int, ContractError]:
        if steps:
            steps.pop(0)(events)
        return real(events)

    applier_register("catalogue.service", apply)
    yield steps
    applier_register("catalogue.service", real)


def test_a_node_catching_up_applies_every_page_in_order_and_saves_the_cursor_after_each(
    federation: Federation, applying: list[Callable[[list[Event[Any]]], None]]
) -> None:
    from node.exchange.models import SyncState
    from node.federation.models import PeerKey

    envelopes = [
        signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=i) for i in range(1, 6)
    ]
    # The fourth is forged: a known key's signature over another payload.
    envelopes[3] = envelopes[3].model_copy(update={"payload": envelopes[4].payload})
    hub = FakeHub(federation.hub_key, page_size=2)
    hub.messages = [federation.pulled(envelope, log_index=i) for i, envelope in enumerate(envelopes, start=1)]
    cair = PeerKey.objects.filter(peer__code="MK-CAIR")
    asked_while_applying: list[bool] = []

    def first_page(events: list[Event[Any]]) -> None:
        # The second page is asked for while the first is applied; and the directory changes
        # now, after the second page's keys were read: a page checked ahead keeps its verdicts.
        asked_while_applying.append(hub.asked_for_more.wait(timeout=5))
        cair.update(status="revoked")

    def second_page(events: list[Event[Any]]) -> None:
        cair.update(status="active")  # the third page was checked ahead while CAIR was revoked

    applying.extend([first_page, second_page])
    report = inbox_pull(client=hub, limit=2)
    assert (report.applied, report.rejected, report.pages) == (3, 2, 3)
    assert [after for after, _ in hub.pulls] == ["0", "2", "4"]  # each page asked for once
    assert [thread.startswith("inbox-prefetch") for _, thread in hub.pulls] == [False, True, True]
    assert asked_while_applying == [True]
    applied = InboxMessage.objects.order_by("log_index").values_list("log_index", flat=True)
    assert list(applied) == [1, 2, 3, 4, 5]
    assert SyncState.objects.get().cursor == "5"
    # Page 2 was checked ahead, while page 1 was applied: its forged message is refused all the same.
    assert InboxMessage.objects.get(log_index=4).reason.startswith("bad-signature")
    # Page 2 was judged with the keys as read before CAIR's was revoked, page 3 while it was.
    assert InboxMessage.objects.get(log_index=3).status == InboxMessage.Status.APPLIED
    assert InboxMessage.objects.get(log_index=5).reason.startswith("revoked-key")


def test_when_a_page_fails_to_apply_the_cursor_stays_after_the_last_page_applied(
    federation: Federation, applying: list[Callable[[list[Event[Any]]], None]]
) -> None:
    from django.db import OperationalError

    from node.exchange.models import SyncState

    hub = FakeHub(federation.hub_key, page_size=2)
    hub.messages = [
        federation.pulled(
            signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=i), log_index=i
        )
        for i in range(1, 7)
    ]

    def database_gone(events: list[Event[Any]]) -> None:
        raise OperationalError("the database went away")

    applying.extend([lambda events: None, database_gone])
    with pytest.raises(OperationalError, match="the database went away"):
        inbox_pull(client=hub, limit=2)
    assert list(InboxMessage.objects.values_list("log_index", flat=True)) == [1, 2]
    assert SyncState.objects.get().cursor == "2"


def test_a_large_page_checked_by_several_threads_keeps_each_verdict_with_its_message(
    federation: Federation, settings: Any
) -> None:
    from django.db import transaction

    from node.exchange.inbox import inbox_accept_page

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


def _sealed_page_accept(page: list[Any], seal: dict[str, Any]) -> PullReport:
    from django.db import transaction

    from node.exchange.inbox import inbox_accept_page

    report = PullReport()
    with transaction.atomic():
        inbox_accept_page(page, report, seal=seal)
    return report


def _page(federation: Federation, count: int, *, receipt_key: Ed25519PrivateKey | None = None) -> list[Any]:
    """A page from CAIR; with ``receipt_key``, each receipt is signed by that key, not the hub's."""
    return [
        federation.pulled(
            signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=i),
            receipt_key=receipt_key,
            log_index=i,
        )
        for i in range(1, count + 1)
    ]


def test_a_page_the_hub_sealed_is_applied_without_checking_each_receipt_on_its_own(
    federation: Federation,
) -> None:
    # Every receipt's own signature is broken; the hub's seal over their payloads is good.
    page = _page(federation, 5, receipt_key=Ed25519PrivateKey.generate())
    report = _sealed_page_accept(page, federation.page_seal(page))
    assert (report.applied, report.rejected) == (5, 0)


def test_a_receipt_changed_on_a_sealed_page_is_caught_by_its_own_check_and_the_rest_applied(
    federation: Federation,
) -> None:
    page = _page(federation, 4)
    seal = federation.page_seal(page)
    forger = Ed25519PrivateKey.generate()
    envelope = signed_service_message(key=federation.peer_key, source="MK-CAIR", sequence=9)
    page[2] = federation.pulled(envelope, receipt_key=forger, log_index=3)  # after the seal
    report = _sealed_page_accept(page, seal)
    assert (report.applied, report.rejected) == (3, 1)
    assert InboxMessage.objects.get(log_index=3).reason.startswith("unknown-key")


@pytest.mark.parametrize("who", ["another key", "another member"])
def test_a_seal_that_is_not_the_hubs_for_this_node_is_ignored_and_each_receipt_checked(
    federation: Federation, who: str
) -> None:
    # Receipts whose own signatures are broken: had the seal stood for them, they would pass.
    page = _page(federation, 3, receipt_key=Ed25519PrivateKey.generate())
    seal = (
        federation.page_seal(page, key=Ed25519PrivateKey.generate())
        if who == "another key"
        else federation.page_seal(page, member="MK-CAIR")
    )
    report = _sealed_page_accept(page, seal)
    assert (report.applied, report.rejected) == (0, 3)
    reasons = InboxMessage.objects.values_list("reason", flat=True)
    assert all(reason.startswith("unknown-key") for reason in reasons)
