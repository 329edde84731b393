from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from contracts.client import HubAPI, HubClient
from contracts.control import Directory, read_control
from contracts.envelope import TrustedKey, mapping_resolver
from contracts.errors import AlreadyEnrolledError, HubKeyMismatchError
from contracts.keys import key_id, load_or_create_private_key, load_public_key
from node.federation.models import Enrolment, Peer, PeerKey
from node.federation.selectors import HUB_OWNER, hub_client, hub_key_resolver

logger = logging.getLogger("node.federation")


def node_enrol(*, hub_url: str, token: str, hub_keyid: str | None = None) -> Enrolment:
    """Create this node's key (if needed), enrol it with the hub and store the signed directory."""
    existing = Enrolment.objects.first()
    if existing is not None:
        raise AlreadyEnrolledError(
            f"This node is already enrolled as {existing.node_code} at {existing.hub_url}."
        )
    key = load_or_create_private_key(settings.NODE_SIGNING_KEY_PATH)
    response = HubClient(hub_url, timeout=settings.NODE_HUB_TIMEOUT).enrol(token=token, key=key)
    # 1. The hub key must match the fingerprint the hub operator gave, when one was given.
    hub_public_key = load_public_key(response.hub_public_key)
    if key_id(hub_public_key) != response.hub_keyid or (hub_keyid and hub_keyid != response.hub_keyid):
        raise HubKeyMismatchError(f"The hub presented {response.hub_keyid}, not {hub_keyid}.")
    # 2. The directory must be signed by that key.
    resolver = mapping_resolver({response.hub_keyid: TrustedKey(owner=HUB_OWNER, public_key=hub_public_key)})
    directory = read_control(response.directory, model=Directory, resolve_key=resolver)
    with transaction.atomic():
        enrolment = Enrolment.objects.create(
            node_code=response.node_code,
            node_name=response.node_name,
            hub_url=hub_url.rstrip("/"),
            hub_public_key=response.hub_public_key,
            hub_keyid=response.hub_keyid,
        )
        directory_apply(directory=directory)
    logger.info("enrolled as %s at %s with key %s", enrolment.node_code, hub_url, key_id(key.public_key()))
    return enrolment


def directory_refresh(*, client: HubAPI | None = None) -> Directory:
    """Fetch the hub's signed directory, verify it against the pinned hub key and apply it."""
    hub: HubAPI = client if client is not None else hub_client()
    envelope = hub.directory()
    directory = read_control(envelope.to_wire(), model=Directory, resolve_key=hub_key_resolver())
    directory_apply(directory=directory)
    return directory


@transaction.atomic
def directory_apply(*, directory: Directory) -> None:
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
                keyid=key.keyid, defaults={"peer": peer, "public_key": key.public_key, "status": key.status}
            )
    listed = {key.keyid for member in directory.members for key in member.keys}
    # A key the hub no longer lists is no longer trusted.
    PeerKey.objects.exclude(keyid__in=listed).update(status="revoked")
    # Remember when a key was first seen revoked, by the hub's clock: what the hub logged
    # before then stays valid at this node, whenever it is pulled.
    PeerKey.objects.filter(status="revoked", revoked_as_of__isnull=True).update(
        revoked_as_of=directory.issued_at
    )
    enrolment.directory_issued_at = directory.issued_at
    enrolment.directory_fetched_at = timezone.now()
    enrolment.save(update_fields=["directory_issued_at", "directory_fetched_at"])
