"""Run the hub's management commands: ``python -m hub.manage <command>``."""

from __future__ import annotations

from common.manage import run


def main() -> None:
    run("hub")


if __name__ == "__main__":
    main()
