"""Run the node's management commands: ``python -m node.manage <command>``."""

from __future__ import annotations

from common.manage import run


def main() -> None:
    run("node")


if __name__ == "__main__":
    main()
