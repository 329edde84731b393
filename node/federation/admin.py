from __future__ import annotations

from django.contrib import admin

from node.federation.models import Enrolment, Peer


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin[Enrolment]):
    list_display = ("node_code", "node_name", "hub_url", "hub_keyid", "enrolled_at", "directory_fetched_at")
    readonly_fields = [f.name for f in Enrolment._meta.fields]


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin[Peer]):
    list_display = ("code", "name", "country")
