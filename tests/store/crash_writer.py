"""Crash-test driver (not a test module): fork writers, SIGKILL each at a random moment.

Usage: python crash_writer.py DATABASE_URL ROUNDS SEED

Each round forks a child that opens the app and logs entries, alone or in batches of five, and
after each commit returns writes the committed ids to a pipe. The parent kills the child with
SIGKILL at a random moment after its first commit, then collects what the child acknowledged.
At the end it prints one JSON object: the acknowledged ids, the batches, and how many kills
landed while a child was writing. Forking from an already-imported parent keeps each round
to milliseconds.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from datetime import date

from mgcalm.app import Settings, open_app
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = '[person]\nage = 40\nsex = "female"\n[day]\nwake = "07:00"\nbreakfast = "07:30"\n'
PROFILE += 'lunch = "12:30"\ndinner = "18:30"\nbedtime = "23:00"\n'


def child(url: str, round_no: int, out: int) -> None:
    """Log entries until killed, acknowledging each commit on the pipe."""
    app = open_app(Settings(database_url=url))
    os.write(out, b"ready\n")
    for n in range(1_000_000):
        base = {"day": date(2026, 1, 1 + n % 28).isoformat()}
        if n % 3 == 2:
            ids = [f"r{round_no}-{n}-{k}" for k in range(5)]
            app.log_many(
                "me", [{"kind": "checkin", "id": i, **base, "mood": k} for k, i in enumerate(ids)]
            )
        else:
            ids = [f"r{round_no}-{n}"]
            app.log(
                "me", "practice", {"id": ids[0], **base, "practice": "breathwork", "minutes": 5}
            )
        os.write(out, (" ".join(ids) + "\n").encode())


def one_round(url: str, round_no: int, rng: random.Random) -> list[list[str]]:
    """Fork one writer, kill it at a random moment, return the id groups it acknowledged."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            child(url, round_no, write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        assert pipe.readline() == b"ready\n"
        # Wait for the first commit (however slow a loaded machine is), then kill mid-stream.
        first = pipe.readline()
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = (first + pipe.read()).decode().splitlines()
    return [line.split() for line in lines if line.strip()]


def main() -> None:
    url, rounds, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    app = open_app(Settings(database_url=url))
    profile, _ = parse_profile_toml(PROFILE)
    assert profile is not None
    app.setup_person(profile, person_id="me")
    app.close()  # no connection may be open across fork
    rng = random.Random(seed)
    groups: list[list[str]] = []
    for round_no in range(rounds):
        groups += one_round(url, round_no, rng)
    print(json.dumps({"rounds": rounds, "groups": groups}))


if __name__ == "__main__":
    main()
