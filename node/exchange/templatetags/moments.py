"""``moment``: a time as the reader's locale writes it. The sync status keeps its times as ISO
strings (the API and the status command print them so); a page shows them like any other date."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def moment(value: str | dt.datetime | None) -> str:
    """An ISO 8601 time (or a datetime) in the current time zone, in the locale's short format."""
    if not value:
        return ""
    try:
        when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if timezone.is_aware(when):
        when = timezone.localtime(when)
    return formats.date_format(when, "SHORT_DATETIME_FORMAT")
