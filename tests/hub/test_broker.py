"""The demo's embedded broker (common.broker) through kombu's public API."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from kombu import Connection

from common.broker import folders


def _connection(root: Path) -> Connection:
    return Connection("filesystem://", transport="common.broker:Transport", transport_options=folders(root))


PAYLOAD = "x" * 20_000  # large enough that writing it takes more than one system call


def _write(root: Path, number: int, count: int) -> None:
    with _connection(root) as conn:
        queue = conn.SimpleQueue("race")
        for i in range(count):
            queue.put({"writer": number, "i": i, "body": PAYLOAD})
        queue.close()


def test_a_reader_never_sees_a_half_written_message_while_writers_race_it(tmp_path: Path) -> None:
    # Separate processes, as in the demo: web, worker and beat each write to the same folder.
    writers, per_writer = 4, 250
    with _connection(tmp_path) as conn:
        conn.SimpleQueue("race").close()  # declared first, as a worker does before anyone sends
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_write, args=(tmp_path, n, per_writer)) for n in range(writers)]
    for process in processes:
        process.start()
    received: list[tuple[int, int]] = []
    with _connection(tmp_path) as conn:
        queue = conn.SimpleQueue("race")
        while len(received) < writers * per_writer:
            message = queue.get(timeout=30)
            assert message.payload["body"] == PAYLOAD
            received.append((message.payload["writer"], message.payload["i"]))
            message.ack()
        queue.close()
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert sorted(received) == sorted((n, i) for n in range(writers) for i in range(per_writer))
    # Each writer's messages come out in the order it wrote them.
    for n in range(writers):
        assert [i for w, i in received if w == n] == list(range(per_writer))
    assert list((tmp_path / "rejected").glob("*")) == []


def test_a_file_that_is_not_a_message_is_moved_aside_and_the_next_one_is_delivered(tmp_path: Path) -> None:
    with _connection(tmp_path) as conn:
        queue = conn.SimpleQueue("tasks")
        (tmp_path / "queue").mkdir(parents=True, exist_ok=True)
        (tmp_path / "queue" / "00000000000000000001_bad.tasks.msg").write_bytes(b'{"half": ')
        queue.put({"n": 1})
        message = queue.get(timeout=5)
        assert message.payload == {"n": 1}
        message.ack()
        with pytest.raises(queue.Empty):
            queue.get(timeout=0.5)
        queue.close()
    assert [p.name for p in (tmp_path / "rejected").iterdir()] == ["00000000000000000001_bad.tasks.msg"]
