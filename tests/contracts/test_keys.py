from __future__ import annotations

import stat
from pathlib import Path

import pytest

from contracts.errors import MalformedEnvelopeError
from contracts.keys import generate_private_key, key_id, load_private_key, load_public_key, public_key_text


def test_a_new_private_key_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "node.key"
    generate_private_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_it_never_overwrites_an_existing_key(tmp_path: Path) -> None:
    path = tmp_path / "node.key"
    generate_private_key(path)
    with pytest.raises(FileExistsError):
        generate_private_key(path)


def test_it_refuses_to_load_a_key_others_can_read(tmp_path: Path) -> None:
    path = tmp_path / "node.key"
    generate_private_key(path)
    path.chmod(0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        load_private_key(path)


def test_a_public_key_round_trips_through_its_text_form_and_keeps_its_id(tmp_path: Path) -> None:
    key = generate_private_key(tmp_path / "k").public_key()
    assert key_id(load_public_key(public_key_text(key))) == key_id(key)
    assert key_id(key).startswith("ed25519:")


def test_a_public_key_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(MalformedEnvelopeError, match="32 bytes"):
        load_public_key("AAAA")


def test_processes_racing_to_create_a_key_all_end_up_with_the_same_one(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "hub.key"
    script = (
        "import sys; from pathlib import Path; "
        "from contracts.keys import key_id, load_or_create_private_key; "
        "print(key_id(load_or_create_private_key(Path(sys.argv[1])).public_key()))"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    keyids = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert all(process.returncode == 0 for process in processes)
    assert keyids == {key_id(load_private_key(path).public_key())}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["hub.key"]  # no temporary file left behind
