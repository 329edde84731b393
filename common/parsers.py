"""Request parsers shared by hub and node."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import IO, Any

from rest_framework.parsers import JSONParser

from contracts.limits import check_json_depth


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser behind ``contracts.limits``: a body nested deeper than any contract is
    refused with ``json-too-deep`` before ``json.load`` could recurse into a ``RecursionError``."""

    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        raw = stream.read()
        check_json_depth(raw, what="The body")
        return super().parse(io.BytesIO(raw), media_type, parser_context)
