"""The node's settings for its test suite: the real settings, on the backend chosen for the run."""

from __future__ import annotations

from tests.backends import configure

configure("node")

from node.config.settings import *  # noqa: E402, F403
