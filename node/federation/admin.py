from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from node.federation.models import Enrolment, NodeKey, Peer


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin[Enrolment]):
    list_display = ("node_code", "node_name", "hub_url", "hub_keyid", "enrolled_at", "directory_fetched_at")
    readonly_fields = [f.name for f in Enrolment._meta.fields]


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin[Peer]):
    list_display = ("code", "name", "country")


@admin.register(NodeKey)
class NodeKeyAdmin(admin.ModelAdmin[NodeKey]):
    """This node's own keys; they change only through rotate_key and prune_keys."""

    list_display = ("purpose", "keyid", "status", "valid_from", "published_at", "retired_at", "destroyed_at")
    list_filter = ("purpose", "status")
    readonly_fields = [f.name for f in NodeKey._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: NodeKey | None = None) -> bool:
        return False
