"""Albanian date formats Django's own locale leaves to the American default (03/04/2026 a.m.)."""

from __future__ import annotations

DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
