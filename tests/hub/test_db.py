"""The COPY helpers store exactly what the ORM would, on both backends."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from common.db import bulk_insert, insert_values
from hub.exchange.models import Message, MessageRecipient
from hub.federation.models import Member

pytestmark = pytest.mark.django_db


def _member() -> Member:
    return Member.objects.create(code="MK-BUTEL", name="Бутел", country="MK")


def _fields(message: Message) -> dict[str, object]:
    message.refresh_from_db()
    return {
        f.attname: bytes(v) if isinstance(v := getattr(message, f.attname), memoryview) else v
        for f in Message._meta.concrete_fields
    }


def test_rows_inserted_from_values_read_back_as_the_values_given_with_defaults_for_the_rest() -> None:
    member = _member()
    given: dict[str, object] = {
        "log_index": 7,
        "message_id": uuid.uuid4(),
        "source_id": member.pk,
        "type": "catalogue.service",
        "version": "1.2",
        "stream": "catalogue",
        "sequence": 3,
        "broadcast": False,
        "envelope": b'{"payloadType":"x"}',
        "payload_sha256": "a" * 64,
        "received_at": dt.datetime(2026, 11, 23, 12, 30, 15, 123456, tzinfo=dt.UTC),
    }
    insert_values(Message, [given])
    stored = Message.objects.get(log_index=7)
    assert _fields(stored) == given | {"receipt": b"", "leaf_hash": b""}  # the fields' defaults


def test_bulk_insert_stores_the_same_row_as_saving_the_instance() -> None:
    member = _member()
    at = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)

    def message(index: int) -> Message:
        return Message(
            log_index=index,
            message_id=uuid.UUID(int=index),
            source=member,
            type="catalogue.service",
            version="1.2",
            sequence=index,
            envelope=memoryview(b"\x00\xffenvelope"),
            payload_sha256="b" * 64,
            receipt=b"receipt",
            leaf_hash=bytes(range(32)),
            received_at=at,
        )

    saved = message(1)
    saved.save()
    bulk_insert(Message, [message(2)])
    bulk_insert(MessageRecipient, [MessageRecipient(message_id=2, member=member)])
    copied = _fields(Message.objects.get(log_index=2))
    expected = _fields(saved) | {"log_index": 2, "message_id": uuid.UUID(int=2), "sequence": 2}
    assert copied == expected
    assert MessageRecipient.objects.get().message_id == 2


def test_the_any_lookup_finds_the_same_rows_as_in_and_nothing_for_no_values() -> None:
    member = _member()
    ids = [uuid.uuid4() for _ in range(5)]
    insert_values(
        Message,
        [
            {
                "log_index": index,
                "message_id": message_id,
                "source_id": member.pk,
                "type": "catalogue.service",
                "version": "1.2",
                "sequence": index,
                "envelope": b"{}",
                "payload_sha256": "c" * 64,
            }
            for index, message_id in enumerate(ids, start=1)
        ],
    )
    wanted = [ids[1], ids[3], uuid.uuid4()]
    by_any = set(Message.objects.filter(message_id__any=wanted).values_list("log_index", flat=True))
    by_in = set(Message.objects.filter(message_id__in=wanted).values_list("log_index", flat=True))
    assert by_any == by_in == {2, 4}
    assert set(Message.objects.filter(log_index__any=[1, 5, 9]).values_list("log_index", flat=True)) == {1, 5}
    assert not Message.objects.filter(log_index__any=[]).exists()
