"""Contracts of the social-protection data-exchange federation.

Everything that crosses the wire between a municipal node and the hub is defined here:
the signed envelope, the message models and their versions, the HTTP request signatures,
the error codes, and a small client. This package imports nothing from Django, ``hub`` or
``node``; other agencies can install and use it on its own.
"""

from __future__ import annotations

__version__ = "0.1.0"
