from __future__ import annotations

from django.contrib import admin

from hub.federation.models import EnrolmentToken, Member, MemberKey


class MemberKeyInline(admin.TabularInline[MemberKey, Member]):
    model = MemberKey
    extra = 0
    fields = ("keyid", "purpose", "status", "valid_from", "valid_until", "revoked_at", "revocation_reason")
    readonly_fields = fields


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin[Member]):
    list_display = ("code", "name", "country", "enrolled_at", "last_seen_at")
    search_fields = ("code", "name")
    inlines = (MemberKeyInline,)


@admin.register(EnrolmentToken)
class EnrolmentTokenAdmin(admin.ModelAdmin[EnrolmentToken]):
    list_display = ("member", "created_at", "expires_at", "used_at")
    readonly_fields = ("token_sha256",)
