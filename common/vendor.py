"""Front-end libraries the pages use, installed from the npm registry by ``make install`` (pinned
in ``package-lock.json``) and served by the app itself, never from a CDN: the pages work with no
internet.

``VENDORED`` names each file a page may load, by its static path and its place under
``node_modules``; ``VendorFinder`` (a staticfiles finder) serves exactly those, in the demo from
where npm put them and in production through ``collectstatic``. A missing file is a system check
warning (``socialhub.W001``): the pages still answer, with their tables, but without charts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Warning, register
from django.core.files.storage import FileSystemStorage

NODE_MODULES = Path(
    os.environ.get("SOCIALHUB_NODE_MODULES", Path(__file__).resolve().parent.parent / "node_modules")
)

VENDORED: dict[str, str] = {
    # Apache ECharts' common build (line, bar, the components, SVG and canvas), Apache-2.0.
    "vendor/echarts/echarts.common.min.js": "echarts/dist/echarts.common.min.js",
    "vendor/echarts/LICENSE": "echarts/LICENSE",
}


def _source(path: str) -> Path:
    return NODE_MODULES / VENDORED[path]


class _Storage(FileSystemStorage):
    """One vendored file's folder, under the static path's folder (``prefix``, as collectstatic
    reads it)."""

    def __init__(self, location: Path, prefix: str) -> None:
        super().__init__(location=str(location))
        self.prefix = prefix


class VendorFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        """The file's path (all of them, a list of one, with ``find_all``), or none."""
        source = _source(path) if path in VENDORED else None
        found = str(source) if source is not None and source.is_file() else None
        if find_all:
            return [found] if found else []
        return found

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for path in VENDORED:
            source = _source(path)
            if source.is_file():
                yield source.name, _Storage(source.parent, prefix=path.rsplit("/", 1)[0])


@register()
def vendored_files_present(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    missing = [path for path in VENDORED if not _source(path).is_file()]
    if not missing:
        return []
    return [
        Warning(
            f"Front-end files missing from {NODE_MODULES}: {', '.join(missing)}.",
            hint="Run `make install` (npm ci): the ministry's pages show their tables but no charts.",
            id="socialhub.W001",
        )
    ]
