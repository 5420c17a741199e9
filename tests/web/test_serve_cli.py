"""``mgcalm serve``: "running" only once the port answers; a busy port is named, with a hint."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

STARTUP_S = 180  # a loaded two-core machine may take this long to import and open the app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(data_dir: Path, port: int, *more: str) -> subprocess.Popen[str]:
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir)}
    env.pop("MGCALM_DATABASE_URL", None)
    command = [sys.executable, "-m", "mgcalm", "serve", "--port", str(port), *more]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.fixture
def server(mgcalm_data_dir: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = _free_port()
    process = _serve(mgcalm_data_dir, port)
    try:
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=60)
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def _first_line(process: subprocess.Popen[str], seconds: float) -> str:
    """The first line the server prints, waiting at most ``seconds``."""
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    return lines.get(timeout=seconds)


def test_running_is_said_only_once_the_port_answers(
    server: tuple[subprocess.Popen[str], int],
) -> None:
    process, port = server
    line = _first_line(process, STARTUP_S)
    assert line.strip() == f"mgcalm is running at http://127.0.0.1:{port} (Ctrl+C to stop)."
    # No retry: at the moment it says so, the app answers.
    assert httpx.get(f"http://127.0.0.1:{port}/practices", timeout=60).status_code == 200


def test_a_busy_port_exits_2_with_a_hint(mgcalm_data_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(mgcalm_data_dir, port)
        out, err = process.communicate(timeout=STARTUP_S)
    assert process.returncode == 2
    assert out == ""  # never "running"
    assert f"--port: {port} is already in use on 127.0.0.1" in err
    assert f"--port {port + 1}" in err and "Traceback" not in err


def test_a_stop_really_stops(server: tuple[subprocess.Popen[str], int]) -> None:
    process, _ = server
    _first_line(process, STARTUP_S)
    started = time.monotonic()
    process.terminate()
    assert process.wait(timeout=60) is not None
    assert time.monotonic() - started < 60


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_workers_run_as_processes_said_once_all_answer_and_stop_together(
    mgcalm_data_dir: Path,
) -> None:
    port = _free_port()
    process = _serve(mgcalm_data_dir, port, "--workers", "2")
    try:
        line = _first_line(process, STARTUP_S)
        assert line.strip() == (
            f"mgcalm is running at http://127.0.0.1:{port} with 2 workers (Ctrl+C to stop)."
        )
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        workers = [int(pid) for pid in children if "spawn_main" in _command_line(int(pid))]
        assert len(workers) >= 2
        for _ in range(6):  # a new connection each time: either worker may answer
            assert httpx.get(f"http://127.0.0.1:{port}/practices", timeout=60).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=60)
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    deadline = time.monotonic() + 60
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not any(_alive(pid) for pid in workers)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""
