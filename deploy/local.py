"""A hub and several nodes as real processes on loopback, each with its own data directory.

The demo (``python -m deploy.demo``) and the end-to-end tests both use this. Every process is
the one production runs (gunicorn, celery worker, celery beat); only the database and the
broker differ, chosen by the environment each process is given.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class NodeSpec:
    code: str
    name: str
    country: str
    port: int
    region: str = ""


@dataclass
class Role:
    """One Django project instance (the hub or a node) and its processes."""

    name: str
    project: str  # "hub" or "node"
    port: int
    data_dir: Path
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    by_kind: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    restarts: dict[str, int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class Exited:
    """A process that had exited when the supervisor looked."""

    role: str
    kind: str
    returncode: int
    log: Path


EnvFor = Callable[[str, str, Path], dict[str, str]]
"""Given (role name, project, data dir), the extra environment for that role's processes."""


def embedded_env(name: str, project: str, data_dir: Path) -> dict[str, str]:
    """SQLite and the filesystem broker inside the role's data directory: no servers at all."""
    return {}


class LocalFederation:
    def __init__(
        self,
        root: Path,
        *,
        hub_port: int,
        nodes: list[NodeSpec],
        env_for: EnvFor = embedded_env,
        sync_interval: float = 1.0,
        log: Callable[[str], None] = print,
    ) -> None:
        self.root = root
        self.log = log
        base = {
            "PYTHONUNBUFFERED": "1",
            "SOCIALHUB_ENV": "demo",
            "NODE_PULL_INTERVAL": str(sync_interval),
            "NODE_PUSH_INTERVAL": str(max(sync_interval, 2.0)),
            "NODE_DIRECTORY_INTERVAL": "30",
            "HUB_TREE_HEAD_SECONDS": str(max(sync_interval, 2.0)),
            "NODE_LOG_CHECK_INTERVAL": str(max(sync_interval, 2.0)),
        }
        self.hub = self._role("hub", "hub", hub_port, base, env_for)
        self.nodes = {spec.code: self._role(spec.code, "node", spec.port, base, env_for) for spec in nodes}
        self.specs = {spec.code: spec for spec in nodes}

    def _role(self, name: str, project: str, port: int, base: dict[str, str], env_for: EnvFor) -> Role:
        data_dir = self.root / name
        data_dir.mkdir(parents=True, exist_ok=True)
        # The hub holds a waiting pull of every node in a thread, and keeps threads for the rest.
        web = {"WEB_CONCURRENCY": "1", "WEB_THREADS": "32" if project == "hub" else "8"}
        env = {
            **web,
            **os.environ,
            **base,
            "SOCIALHUB_DATA_DIR": str(data_dir),
            **env_for(name, project, data_dir),
        }
        return Role(name=name, project=project, port=port, data_dir=data_dir, env=env)

    # --- management commands --------------------------------------------------------------

    def manage(self, role: Role, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "-m", f"{role.project}.manage", *args],
            cwd=REPO,
            env={**role.env, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{role.name}: manage {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    # --- processes -------------------------------------------------------------------------

    def start_processes(
        self, role: Role, *, web: bool = True, worker: bool = True, beat: bool = True
    ) -> None:
        app = f"{role.project}.config"
        commands: list[tuple[str, list[str]]] = []
        if web:
            commands.append(
                (
                    "web",
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        f"{app}.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{role.port}",
                        "--workers",
                        role.env["WEB_CONCURRENCY"],
                        "--threads",
                        role.env["WEB_THREADS"],
                        "--worker-class",
                        "gthread",
                        "--graceful-timeout",
                        "5",
                        "--no-control-socket",
                        "--access-logfile",
                        "-",
                    ],
                )
            )
        if worker:
            commands.append(
                (
                    "worker",
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        app,
                        "worker",
                        "--pool",
                        "threads",
                        "--concurrency",
                        "4",
                        "--loglevel",
                        "INFO",
                        "--without-gossip",
                        "--without-mingle",
                        "--without-heartbeat",
                        # A unique worker name: several workers share one RabbitMQ in tests.
                        "--hostname",
                        f"{role.name}-{os.getpid()}@%h",
                    ],
                )
            )
        if beat:
            commands.append(
                (
                    "beat",
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        app,
                        "beat",
                        "--loglevel",
                        "INFO",
                        "--schedule",
                        str(role.data_dir / "celerybeat-schedule"),
                    ],
                )
            )
        for kind, command in commands:
            log_file = open(role.data_dir / f"{kind}.log", "ab")  # noqa: SIM115 - lives as long as the process
            process = subprocess.Popen(
                command,
                cwd=REPO,
                env=role.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            role.processes.append(process)
            role.by_kind[kind] = process

    def kill(self, role: Role, kind: str, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to one of a role's processes (web, worker or beat) and reap it."""
        process = role.by_kind.pop(kind)
        if process.poll() is None:
            os.killpg(process.pid, sig)
        process.wait(timeout=30)
        role.processes.remove(process)

    def restart(self, role: Role, kind: str) -> None:
        """Start a role's process of ``kind`` again (after ``kill``)."""
        self.start_processes(role, web=kind == "web", worker=kind == "worker", beat=kind == "beat")

    def revive(self) -> list[Exited]:
        """Start again every process that has exited, as a process supervisor does; returns
        what had exited. Nothing is lost meanwhile: every message waits in a database."""
        exited = []
        for role in [self.hub, *self.nodes.values()]:
            for kind, process in list(role.by_kind.items()):
                code = process.poll()
                if code is None:
                    continue
                role.by_kind.pop(kind)
                role.processes.remove(process)
                role.restarts[kind] = role.restarts.get(kind, 0) + 1
                exited.append(
                    Exited(role=role.name, kind=kind, returncode=code, log=role.data_dir / f"{kind}.log")
                )
                self.restart(role, kind)
        return exited

    def wait_http(self, role: Role, path: str, *, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            for process in role.processes:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{role.name}: a process exited with {process.returncode}; see {role.data_dir}"
                    )
            try:
                answer: dict[str, Any] = get_json(role.url + path)
                return answer
            except (OSError, ValueError) as exc:
                last = exc
                time.sleep(0.2)
        raise TimeoutError(f"{role.name} did not answer {path} within {timeout:.0f} s: {last}")

    # --- the whole federation ----------------------------------------------------------

    def start_hub(self) -> None:
        self.manage(self.hub, "migrate", "--noinput")
        self.start_processes(self.hub)
        self.wait_http(self.hub, "/api/v1/health")

    def register(self, code: str) -> dict[str, str]:
        """Register a member at the hub; returns its one-time token and the hub key fingerprint."""
        spec = self.specs[code]
        issued: dict[str, str] = json.loads(
            self.manage(
                self.hub,
                "register_member",
                "--code",
                code,
                "--name",
                spec.name,
                "--country",
                spec.country,
                "--region",
                spec.region,
                "--json",
            )
        )
        return issued

    def enrol(self, code: str, *, admin: str, seed: bool = True, hub_url: str | None = None) -> str:
        """Register, migrate, enrol and (for the demo) seed a node, in two processes.

        ``hub_url`` lets a node reach the hub another way (through a test's proxy)."""
        issued = self.register(code)
        args = [
            f"--hub={hub_url or self.hub.url}",
            f"--token={issued['token']}",
            f"--hub-keyid={issued['hub_keyid']}",
        ]
        return self.manage(
            self.nodes[code], "demo_node", *args, "--admin", admin, *([] if seed else ["--no-seed"])
        )

    def stop(self, timeout: float = 10.0) -> None:
        roles = [*self.nodes.values(), self.hub]
        for role in roles:
            for process in role.processes:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for role in roles:
            for process in role.processes:
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            role.processes.clear()
            role.by_kind.clear()


def get_json(url: str, *, auth: tuple[str, str] | None = None, timeout: float = 5.0) -> Any:
    return request_json("GET", url, auth=auth, timeout=timeout)


def request_json(
    method: str, url: str, body: Any = None, *, auth: tuple[str, str] | None = None, timeout: float = 5.0
) -> Any:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("The local federation only talks to loopback.")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - loopback only, checked above
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback only
        return json.loads(response.read())
