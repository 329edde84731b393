"""The one-command demo: a hub and nine municipal nodes, syncing on their own.

    python -m deploy.demo            (or: make demo)

Everything lives in ``var/demo/`` (SQLite databases, the embedded broker's folders, keys, logs);
nothing else needs to be installed or running. Ctrl-C stops every process.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from deploy.local import REPO, LocalFederation, NodeSpec, get_json

# The seed municipalities; each imports and publishes its demo catalogue, the HSDS data package
# deploy/demo-data/<code>/.
NODES = [
    NodeSpec(code="MK-CAIR", name="Чаир", country="MK", port=8101, region="Скопски регион"),
    NodeSpec(code="MK-BUTEL", name="Бутел", country="MK", port=8102, region="Скопски регион"),
    NodeSpec(code="MK-CUCER", name="Чучер-Сандево", country="MK", port=8103, region="Скопски регион"),
    NodeSpec(code="BG-STRELCHA", name="Стрелча", country="BG", port=8104, region="Област Пазарджик"),
    NodeSpec(code="BG-PLOVDIV", name="Пловдив", country="BG", port=8105, region="Област Пловдив"),
    NodeSpec(code="RS-ADA", name="Ада", country="RS", port=8106, region="Севернобанатски округ"),
    NodeSpec(code="RS-NCRNJA", name="Нова Црња", country="RS", port=8107, region="Средњобанатски округ"),
    NodeSpec(code="RS-SMITROVICA", name="Сремска Митровица", country="RS", port=8108, region="Сремски округ"),
    NodeSpec(code="RS-RUMA", name="Рума", country="RS", port=8109, region="Сремски округ"),
]
HUB_PORT = 8100
ADMIN_USER = "admin"
MINISTRY_USER = "ministry"
MINISTRY_PASSWORD = "demo-ministry"  # noqa: S105 - demo only, as the admin's
MAX_RESTARTS_PER_MINUTE = 5
# The register's demo staff (node.register.demo.DEMO_LOGINS), whose password is demo-<login>.
REGISTER_LOGINS = ("caseworker", "supervisor", "auditor")
ADMIN_PASSWORD = "demo-admin"  # noqa: S105 - demo only: the node databases live in var/demo and hold synthetic data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--root", type=Path, default=REPO / "var" / "demo", help="Where the demo keeps its state."
    )
    parser.add_argument("--keep", action="store_true", help="Reuse the state of a previous run.")
    parser.add_argument("--exit-after", type=float, default=None, help="Stop after this many seconds.")
    args = parser.parse_args(argv)

    busy = [port for port in [HUB_PORT, *(n.port for n in NODES)] if _port_in_use(port)]
    if busy:
        _say(
            f"Port(s) {', '.join(map(str, busy))} on 127.0.0.1 are in use: "
            "is another demo running? Stop it first."
        )
        return 2
    if args.root.exists() and not args.keep:
        shutil.rmtree(args.root)
    started = time.monotonic()
    federation = LocalFederation(args.root, hub_port=HUB_PORT, nodes=NODES, env_for=demo_env, log=_say)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    # Ctrl-C (SIGINT) and SIGTERM stop the demo at any point, set-up included.
    signal.signal(signal.SIGTERM, on_term)
    try:
        _say(f"Starting the hub on {federation.hub.url} …")
        federation.start_hub()
        _hub_admin(federation)
        _say(f"Hub up after {time.monotonic() - started:.1f} s.")

        def bring_up(spec: NodeSpec) -> None:
            role = federation.nodes[spec.code]
            if not (role.data_dir / "node.sqlite3").exists():
                out = federation.enrol(spec.code, admin=f"{ADMIN_USER}:{ADMIN_PASSWORD}").strip()
                _say(f"  {spec.name}: {out}")
            federation.start_processes(role)
            federation.wait_http(role, "/api/v1/status")
            _say(f"  {spec.code} web, worker and beat running on {role.url}")

        with ThreadPoolExecutor(max_workers=len(NODES)) as pool:
            for future in [pool.submit(bring_up, spec) for spec in NODES]:
                future.result()
        _say(f"All up after {time.monotonic() - started:.1f} s.")
        _demo_transfers(federation)
        _say("")
    except KeyboardInterrupt:
        _stop(federation)
        return 0
    except Exception as exc:
        _say(f"The demo could not start: {exc}")
        _say(f"Logs are in {_shown(args.root)}/<hub|node code>/*.log")
        _stop(federation)
        return 1
    try:
        _print_urls(federation, root=args.root)
        _watch(federation, started=started, exit_after=args.exit_after)
    except KeyboardInterrupt:
        pass
    except DemoFailedError as exc:
        _say(f"The demo stopped: {exc}")
        _stop(federation)
        return 1
    _stop(federation)
    return 0


class DemoFailedError(Exception):
    """A process of the demo keeps dying: the demo says so and stops."""


def _stop(federation: LocalFederation) -> None:
    # A second Ctrl-C, or a second SIGTERM (a supervisor and `timeout` may both send one), must
    # not leave processes behind half-way through stopping.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _say("Stopping every process …")
    federation.stop()
    _say("Stopped.")


def demo_env(name: str, project: str, data_dir: Path) -> dict[str, str]:
    """The demo's nodes publish their statistics on their own: the supervisor's approval is
    given for them (a real node leaves it to a supervisor), every few minutes."""
    if project != "node":
        return {}
    return {
        "NODE_STATISTICS_APPROVE_AS": "supervisor",
        "NODE_STATISTICS_INTERVAL": "180",
        # A year and a month back: the ministry's overview compares each month with a year earlier.
        "NODE_STATISTICS_MONTHS_BACK": "13",
    }


def _hub_admin(federation: LocalFederation) -> None:
    """The hub's admin login, as for the nodes (demo only)."""
    try:
        federation.manage(
            federation.hub,
            "createsuperuser",
            "--noinput",
            f"--username={ADMIN_USER}",
            "--email=admin@hub.invalid",
            env={"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
        )
    except RuntimeError as exc:
        if "already taken" not in str(exc):  # a demo started again with --keep
            raise
    # The ministry's read-only login: the statistics pages and API, nothing else of the hub.
    federation.manage(federation.hub, "ministry_user", MINISTRY_USER, f"--password={MINISTRY_PASSWORD}")
    # The demo's policy adds noise (differential privacy) besides the threshold, so that the
    # ministry's pages show every mark: suppressed, lower bounds, ±margins. A demo started again
    # with --keep keeps the policy it had.
    if '"differential_privacy": null' in federation.manage(federation.hub, "statistics_policy"):
        federation.manage(
            federation.hub, "statistics_policy", "--issue", "--dp", "discrete_gaussian",
            "--per-release", "0.5", "--budget", "10",
        )  # fmt: skip


def _demo_transfers(federation: LocalFederation) -> None:
    """A few of Butel's people consent to their case going to Čair; the first case is sent. The
    demo goes on without them should this fail (the register and the rest do not need it)."""
    try:
        out = federation.manage(federation.nodes["MK-BUTEL"], "demo_transfers", "--to=MK-CAIR").strip()
        _say(f"  Case transfers: MK-BUTEL → MK-CAIR: {out}")
    except Exception as exc:  # the demo's extra, never its failure
        _say(f"  Case transfers: not set up ({exc})")


def _shown(path: Path) -> str:
    """A path as the person who typed `make demo` in the repository can paste it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _print_urls(federation: LocalFederation, *, root: Path) -> None:
    _say(f"  Hub dashboard      {federation.hub.url}/   (the operators' page: log in as {ADMIN_USER})")
    _say(f"  Public portal      {federation.hub.url}/portal/   (also at every node's /portal/)")
    _say(f"  HSDS API           {federation.hub.url}/api/hsds/services")
    _say(
        f"  Ministry           {federation.hub.url}/ministry/   ({MINISTRY_USER} / {MINISTRY_PASSWORD}: "
        "the dashboard, the API and its tokens; the nodes publish each month on their own)"
    )
    for code, role in federation.nodes.items():
        _say(
            f"  {code:<13} node {role.url}/   (catalogue search: {role.url}/catalogue/, "
            f"admin: {role.url}/admin/, API: {role.url}/api/docs/)"
        )
    _say(f"  Login              {ADMIN_USER} / {ADMIN_PASSWORD}   (hub and every node; demo only)")
    _say(
        "  Register           <node>/register/ and <node>/admin/register/ with synthetic people: "
        + ", ".join(f"{login} / demo-{login}" for login in REGISTER_LOGINS)
        + "   (every node; demo only)"
    )
    _say(
        f"  Case transfers     {federation.nodes['MK-BUTEL'].url}/register/transfers/ (sent, under Butel's "
        f"consents) → {federation.nodes['MK-CAIR'].url}/register/transfers/ (received, sealed)"
    )
    python = _shown(Path(sys.executable).parent / "python")
    hub_dir, butel_dir = _shown(root / "hub"), _shown(root / "MK-BUTEL")
    _say(
        "  Operator commands (paste from the repository's folder; another node: its own folder):\n"
        f"    SOCIALHUB_DATA_DIR={hub_dir} {python} -m hub.manage log_audit\n"
        f"    SOCIALHUB_DATA_DIR={butel_dir} {python} -m node.manage dead_letters\n"
        f"    SOCIALHUB_DATA_DIR={butel_dir} {python} -m node.manage log_alarms\n"
        f"  Logs: {_shown(root)}/<hub|node code>/{{web,worker,beat}}.log"
    )
    _say(
        "  Try it: create a service on one node and watch it arrive at the others:\n"
        f"    curl -u {ADMIN_USER}:{ADMIN_PASSWORD} -H 'Content-Type: application/json' "
        f"{federation.nodes['MK-BUTEL'].url}/api/v1/services \\\n"
        '      -d \'{"name": {"mk": "Нова услуга", "en": "A new service"}, '
        '"organization_name": {"en": "Municipality of Butel"}}\'\n'
    )
    _say("Watching sync (Ctrl-C to stop):")


def _watch(federation: LocalFederation, *, started: float, exit_after: float | None) -> None:
    last: dict[str, str] = {}
    restarts: list[float] = []
    while True:
        if exit_after is not None and time.monotonic() - started > exit_after:
            return
        for code, role in federation.nodes.items():
            try:
                status = get_json(role.url + "/api/v1/status")
                catalogue = get_json(role.url + "/api/v1/catalogue?limit=1000")
            except (OSError, ValueError) as exc:
                line = f"not answering ({exc})"
            else:
                origins = sorted({s["origin"] for s in catalogue["results"]})
                line = (
                    f"{catalogue['count']} services from {len(origins)} municipalities "
                    f"({', '.join(origins)}); outbox waiting {status['outbox_pending']}, "
                    f"received {status['inbox_applied']}"
                    + (f"; last error: {status['last_error']}" if status["last_error"] else "")
                )
            if last.get(code) != line:
                last[code] = line
                _say(f"[{time.monotonic() - started:6.1f} s] {code:<13} {line}")
        for exited in federation.revive():
            restarts.append(time.monotonic())
            _say(
                f"[{time.monotonic() - started:6.1f} s] {exited.role} {exited.kind} exited "
                f"({exited.returncode}); started it again. See {_shown(exited.log)}"
            )
        recent = [at for at in restarts if at > time.monotonic() - 60]
        if len(recent) > MAX_RESTARTS_PER_MINUTE:
            raise DemoFailedError(
                f"{len(recent)} processes exited within a minute; see the logs in "
                f"{_shown(federation.root)}/<hub|node code>/"
            )
        time.sleep(0.5)


def _port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _say(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
