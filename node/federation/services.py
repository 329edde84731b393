from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from contracts.client import HubAPI
from contracts.directory import KeyRotationResponse, VerifiedDirectory, key_rotation_write, read_directory
from contracts.envelope import Envelope, TrustedKey, mapping_resolver
from contracts.errors import (
    AlreadyEnrolledError,
    ContractError,
    HubKeyMismatchError,
    HubUnavailableError,
    InvalidInputError,
)
from contracts.keys import (
    generate_encryption_key,
    key_id,
    load_encryption_key,
    load_or_create_private_key,
    load_public_key,
    public_key_text,
)
from node.federation.models import Enrolment, NodeKey, Peer, PeerKey
from node.federation.selectors import (
    HUB_OWNER,
    enrolment_get,
    hub_client,
    hub_client_for,
    hub_key_resolver,
    node_signing_key,
)

logger = logging.getLogger("node.federation")


def node_enrol(*, hub_url: str, token: str, hub_keyid: str | None = None) -> Enrolment:
    """Create this node's key (if needed), enrol it with the hub and store the signed directory;
    then publish an encryption key, where the hub takes one."""
    existing = Enrolment.objects.first()
    if existing is not None:
        raise AlreadyEnrolledError(
            f"This node is already enrolled as {existing.node_code} at {existing.hub_url}."
        )
    key = load_or_create_private_key(settings.NODE_SIGNING_KEY_PATH)
    response = hub_client_for(hub_url).enrol(token=token, key=key)
    # 1. The hub key must match the fingerprint the hub operator gave, when one was given.
    hub_public_key = load_public_key(response.hub_public_key)
    if key_id(hub_public_key) != response.hub_keyid or (hub_keyid and hub_keyid != response.hub_keyid):
        raise HubKeyMismatchError(f"The hub presented {response.hub_keyid}, not {hub_keyid}.")
    # 2. The directory must be signed by that key.
    resolver = mapping_resolver({response.hub_keyid: TrustedKey(owner=HUB_OWNER, public_key=hub_public_key)})
    directory = read_directory(response.directory, resolve_key=resolver)
    with transaction.atomic():
        enrolment = Enrolment.objects.create(
            node_code=response.node_code,
            node_name=response.node_name,
            hub_url=hub_url.rstrip("/"),
            hub_public_key=response.hub_public_key,
            hub_keyid=response.hub_keyid,
        )
        _signing_key_record()
        directory_apply(directory=directory)
    logger.info("enrolled as %s at %s with key %s", enrolment.node_code, hub_url, key_id(key.public_key()))
    # 3. An encryption key, for what is sealed to this node. Enrolment stays as the previous
    #    release had it (a hub of that release refuses anything new in it); the key follows in
    #    a signed request, and a hub that takes none yet gets it at a later directory refresh.
    try:
        directory_refresh()
        encryption_key_ensure()
    except ContractError as exc:
        logger.warning("enrolled, but no encryption key published yet: %s: %s", exc.code, exc.message)
    return enrolment


def directory_refresh(*, client: HubAPI | None = None) -> VerifiedDirectory:
    """Fetch the hub's signed directory (asking for 2.0; a hub of the previous release answers
    1.0), verify it against the pinned hub key and apply it. ``client`` is the hub (the enrolled
    one when not given)."""
    hub: HubAPI = client if client is not None else hub_client()
    envelope = hub.directory(version="2.0")
    directory = read_directory(envelope.to_wire(), resolve_key=hub_key_resolver())
    directory_apply(directory=directory)
    _signing_key_adopt(directory)
    return directory


@transaction.atomic
def directory_apply(*, directory: VerifiedDirectory) -> None:
    """Store the directory's trusted keys; a key it no longer lists (or no longer trusts) is
    revoked here. Keys it could not trust are logged and kept for the node's status."""
    enrolment = Enrolment.objects.select_for_update().get()
    if enrolment.directory_issued_at and directory.issued_at < enrolment.directory_issued_at:
        logger.warning("ignored a directory older than the one held (%s)", directory.issued_at)
        return
    for member in directory.members:
        peer, _ = Peer.objects.update_or_create(
            code=member.code, defaults={"name": member.name, "country": member.country}
        )
        for key in member.keys:
            PeerKey.objects.update_or_create(
                keyid=key.keyid,
                defaults={
                    "peer": peer,
                    "purpose": key.purpose,
                    "algorithm": key.algorithm,
                    "public_key": key.public_key,
                    "status": key.status,
                    "valid_from": key.valid_from,
                    "valid_until": key.valid_until,
                    "binding_keyid": key.binding.keyid if key.binding else "",
                    "binding_sig": key.binding.sig if key.binding else "",
                },
            )
    listed = {key.keyid for member in directory.members for key in member.keys}
    # A key the hub no longer lists, or lists in a way this node cannot trust, is no longer trusted.
    PeerKey.objects.exclude(keyid__in=listed).update(status="revoked")
    # Remember when a key was first seen revoked, by the hub's clock: what the hub logged
    # before then stays valid at this node, whenever it is pulled.
    PeerKey.objects.filter(status="revoked", revoked_as_of__isnull=True).update(
        revoked_as_of=directory.issued_at
    )
    for problem in directory.problems:
        logger.warning(
            "directory: key %s of %s not trusted: %s: %s",
            problem.keyid,
            problem.member,
            problem.code,
            problem.message,
        )
    enrolment.directory_issued_at = directory.issued_at
    enrolment.directory_fetched_at = timezone.now()
    enrolment.directory_version = directory.version
    enrolment.directory_problems = [dataclasses.asdict(p) for p in directory.problems]
    enrolment.save(
        update_fields=[
            "directory_issued_at",
            "directory_fetched_at",
            "directory_version",
            "directory_problems",
        ]
    )
    _own_keys_reconcile(directory, code=enrolment.node_code)


def _own_keys_reconcile(directory: VerifiedDirectory, *, code: str) -> None:
    """Follow what the hub lists of this node's own encryption keys: a key it accepted though
    the answer never arrived is active, one it retired or revoked is retired here (and kept
    for what was sealed to it)."""
    listed = {k.keyid: k for m in directory.members if m.code == code for k in m.keys}
    now = timezone.now()
    for row in NodeKey.objects.filter(purpose=NodeKey.Purpose.ENCRYPTION, keyid__in=listed):
        status = listed[row.keyid].status
        if status == "active" and row.status == NodeKey.Status.PENDING:
            NodeKey.objects.filter(purpose=NodeKey.Purpose.ENCRYPTION, status=NodeKey.Status.ACTIVE).update(
                status=NodeKey.Status.RETIRED, retired_at=now
            )
            row.status, row.published_at = NodeKey.Status.ACTIVE, now
            row.save(update_fields=["status", "published_at"])
        elif status != "active" and row.status == NodeKey.Status.ACTIVE:
            row.status, row.retired_at = NodeKey.Status.RETIRED, now
            row.save(update_fields=["status", "retired_at"])


# --- this node's own keys ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Rotation:
    key: NodeKey
    """The new key, listed by the hub and in use."""
    replaced: NodeKey | None
    """The key it replaced, now retired; none for a first encryption key."""


def key_rotate(*, purpose: str, overlap: dt.timedelta | None = None) -> Rotation:
    """Make this node's next key of ``purpose`` and have the hub list it, in a
    ``control.key_rotation`` 2.0 signed with the current signing key. The hub applies it before
    it answers; only then does the node use the new key.

    A signing key: the new key signs everything from then on; the hub still accepts the old one
    for ``overlap`` (``NODE_KEY_ROTATION_OVERLAP_HOURS``), for what the outbox signed before.
    An encryption key: the old one is retired and kept (``NODE_ENCRYPTION_KEY_RETENTION_DAYS``).
    Should the hub not answer, the new key waits, and running this again presents that same
    key; a refusal discards it. Raises a ``ContractError``."""
    enrolment = enrolment_get()
    if purpose == NodeKey.Purpose.SIGNING:
        return _signing_key_rotate(
            code=enrolment.node_code,
            overlap=overlap or dt.timedelta(hours=settings.NODE_KEY_ROTATION_OVERLAP_HOURS),
        )
    if purpose == NodeKey.Purpose.ENCRYPTION:
        return _encryption_key_rotate(code=enrolment.node_code)
    raise InvalidInputError(f"{purpose[:20]!r} is not a key purpose; use signing or encryption.")


def encryption_key_ensure() -> Rotation | None:
    """Publish an encryption key if this node has none the hub accepted, once the hub serves
    directory 2.0 (a hub of the previous release takes none); the key, or ``None``."""
    if NodeKey.objects.filter(purpose=NodeKey.Purpose.ENCRYPTION, status=NodeKey.Status.ACTIVE).exists():
        return None
    enrolment = enrolment_get()
    if enrolment.directory_version != "2.0":
        return None
    return _encryption_key_rotate(code=enrolment.node_code)


def _now() -> dt.datetime:
    # Whole seconds: the validity is signed in the key's binding and read back from databases.
    return timezone.now().replace(microsecond=0)


def _signing_key_record() -> NodeKey:
    """The row of the signing key in use (made here for a node enrolled before rows were kept)."""
    key = node_signing_key()
    row, _ = NodeKey.objects.get_or_create(
        keyid=key_id(key.public_key()),
        defaults={
            "purpose": NodeKey.Purpose.SIGNING,
            "algorithm": "Ed25519",
            "public_key": public_key_text(key.public_key()),
            "status": NodeKey.Status.ACTIVE,
            "path": str(settings.NODE_SIGNING_KEY_PATH),
            "published_at": timezone.now(),
        },
    )
    return row


def _pending_signing_path() -> Path:
    path: Path = settings.NODE_SIGNING_KEY_PATH
    return path.with_name(path.name + ".next")


def _signing_key_rotate(*, code: str, overlap: dt.timedelta) -> Rotation:
    current = node_signing_key()
    replaced = _signing_key_record()
    pending = _pending_signing_path()
    # A key left by an attempt the hub did not answer is presented again: it may have applied it.
    new = load_or_create_private_key(pending)
    now = _now()
    row, _ = NodeKey.objects.get_or_create(
        keyid=key_id(new.public_key()),
        defaults={
            "purpose": NodeKey.Purpose.SIGNING,
            "algorithm": "Ed25519",
            "public_key": public_key_text(new.public_key()),
            "path": str(pending),
            "valid_from": now,
        },
    )
    rotation = key_rotation_write(
        member=code,
        signing_key=current,
        new_key=new,
        valid_from=row.valid_from,
        issued_at=now,
        replaces=key_id(current.public_key()),
        replaced_valid_until=now + overlap,
    )
    answer = _present(rotation, row=row)
    _signing_key_install(row, replaced_until=now + overlap)
    _directory_apply_answer(answer)
    logger.info("signing key rotated to %s; the hub accepts the old one until %s", row.keyid, now + overlap)
    replaced.refresh_from_db()
    return Rotation(key=row, replaced=replaced)


def _signing_key_install(row: NodeKey, *, replaced_until: dt.datetime | None) -> None:
    """Sign with the key of ``row`` (accepted by the hub) from now on: its file takes the place
    of the old key's, in one rename, so that every process picks it up at its next signature."""
    target: Path = settings.NODE_SIGNING_KEY_PATH
    os.replace(row.path, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)
    now = timezone.now()
    with transaction.atomic():
        # The old private key is gone with the rename; the hub still accepts what it signed.
        NodeKey.objects.filter(purpose=NodeKey.Purpose.SIGNING, status=NodeKey.Status.ACTIVE).exclude(
            pk=row.pk
        ).update(
            status=NodeKey.Status.RETIRED,
            retired_at=now,
            destroyed_at=now,
            path="",
            valid_until=replaced_until,
        )
        row.status, row.path, row.published_at = NodeKey.Status.ACTIVE, str(target), now
        row.save(update_fields=["status", "path", "published_at"])


def _signing_key_adopt(directory: VerifiedDirectory) -> None:
    """A new signing key the hub lists though its answer to the rotation never arrived: sign
    with it now, before the old one's overlap runs out."""
    pending = NodeKey.objects.filter(purpose=NodeKey.Purpose.SIGNING, status=NodeKey.Status.PENDING).first()
    if pending is None or not Path(pending.path).exists():
        return
    enrolment = enrolment_get()
    listed = {k.keyid: k for m in directory.members if m.code == enrolment.node_code for k in m.keys}
    if pending.keyid in listed and listed[pending.keyid].status == "active":
        old = listed.get(key_id(node_signing_key().public_key()))
        _signing_key_install(pending, replaced_until=old.valid_until if old else None)
        logger.info("signing key %s adopted: the hub had listed it", pending.keyid)


def _encryption_key_rotate(*, code: str) -> Rotation:
    current = NodeKey.objects.filter(purpose=NodeKey.Purpose.ENCRYPTION, status=NodeKey.Status.ACTIVE).first()
    row = NodeKey.objects.filter(purpose=NodeKey.Purpose.ENCRYPTION, status=NodeKey.Status.PENDING).first()
    if row is not None and Path(row.path).exists():
        # Left by an attempt the hub did not answer: present the same key again.
        public = load_encryption_key(Path(row.path)).public_key()
    else:
        if row is not None:
            row.delete()
        now = _now()
        path = settings.NODE_ENCRYPTION_KEY_DIR / f"encryption-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.key"
        public = generate_encryption_key(path).public_key()
        row = NodeKey.objects.create(
            purpose=NodeKey.Purpose.ENCRYPTION,
            algorithm="X25519",
            keyid=key_id(public),
            public_key=public_key_text(public),
            path=str(path),
            valid_from=now,
        )
    rotation = key_rotation_write(
        member=code,
        signing_key=node_signing_key(),
        new_key=public,
        valid_from=row.valid_from,
        issued_at=_now(),
        replaces=current.keyid if current else None,
    )
    answer = _present(rotation, row=row)
    now = timezone.now()
    with transaction.atomic():
        if current is not None:
            current.status, current.retired_at = NodeKey.Status.RETIRED, now
            current.save(update_fields=["status", "retired_at"])
        row.status, row.published_at = NodeKey.Status.ACTIVE, now
        row.save(update_fields=["status", "published_at"])
    _directory_apply_answer(answer)
    logger.info("encryption key %s published%s", row.keyid, f"; {current.keyid} retired" if current else "")
    return Rotation(key=row, replaced=current)


def _present(rotation: Envelope, *, row: NodeKey) -> KeyRotationResponse:
    """Present the rotation; on a refusal, forget the new key (the hub will never list it)."""
    try:
        return hub_client().key_rotation(rotation)
    except HubUnavailableError:
        raise  # the hub may have applied it: keep the key for the next attempt
    except ContractError:
        Path(row.path).unlink(missing_ok=True)
        row.delete()
        raise


def _directory_apply_answer(answer: KeyRotationResponse) -> None:
    directory_apply(directory=read_directory(answer.directory.to_wire(), resolve_key=hub_key_resolver()))


def encryption_keys_prune(*, now: dt.datetime | None = None) -> list[NodeKey]:
    """Destroy the private keys of encryption keys retired longer ago than
    ``NODE_ENCRYPTION_KEY_RETENTION_DAYS``: nothing sealed to them is expected any more. The
    rows stay, as the record of which keys this node had. Returns the keys destroyed."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.NODE_ENCRYPTION_KEY_RETENTION_DAYS)
    destroyed = []
    for row in NodeKey.objects.filter(
        purpose=NodeKey.Purpose.ENCRYPTION, status=NodeKey.Status.RETIRED, retired_at__lt=cutoff
    ):
        if row.path:
            Path(row.path).unlink(missing_ok=True)
        row.status, row.destroyed_at, row.path = NodeKey.Status.DESTROYED, now, ""
        row.save(update_fields=["status", "destroyed_at", "path"])
        destroyed.append(row)
        logger.info("destroyed encryption key %s, retired at %s", row.keyid, row.retired_at)
    return destroyed
