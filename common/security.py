"""HTTP security settings shared by the hub and the node, safe by default in production.

Production runs behind a TLS-terminating proxy: cookies are sent over HTTPS only, browsers are
told to use HTTPS for a year (HSTS), plain HTTP is redirected, and the proxy's
``X-Forwarded-Proto`` says whether a request came over HTTPS. Each can be changed from the
environment; the demo and the tests, on plain HTTP at 127.0.0.1, turn them off.
"""

from __future__ import annotations

from typing import Any

import environ


def security_settings(env: environ.Env, *, production: bool) -> dict[str, Any]:
    """The settings to merge into a project's settings module."""
    hsts = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if production else 0)
    proxy_header = env.str("SECURE_PROXY_SSL_HEADER", default="HTTP_X_FORWARDED_PROTO" if production else "")
    return {
        "SESSION_COOKIE_SECURE": env.bool("SESSION_COOKIE_SECURE", default=production),
        "CSRF_COOKIE_SECURE": env.bool("CSRF_COOKIE_SECURE", default=production),
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": hsts,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=production),
        "SECURE_HSTS_PRELOAD": env.bool("SECURE_HSTS_PRELOAD", default=production),
        "SECURE_SSL_REDIRECT": env.bool("SECURE_SSL_REDIRECT", default=production),
        # Health checks and metrics are asked by the platform over plain HTTP inside the cluster.
        "SECURE_REDIRECT_EXEMPT": [r"^api/v1/health$", r"^api/v1/status$", r"^metrics$"],
        "SECURE_PROXY_SSL_HEADER": (proxy_header, "https") if proxy_header else None,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        # The origins a browser form may post from, e.g. https://hub.example.org.
        "CSRF_TRUSTED_ORIGINS": env.list("CSRF_TRUSTED_ORIGINS", default=[]),
    }


def data_dirs_ensure() -> None:
    """Make the demo's and the tests' data folders on start-up (never on settings import, and
    never in production, where the operator provides them with the right owner and mode)."""
    from django.conf import settings

    if settings.SOCIALHUB_ENV == "production":
        return
    for folder in (settings.DATA_DIR, settings.STATIC_ROOT):
        folder.mkdir(parents=True, exist_ok=True)
