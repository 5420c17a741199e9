"""Heavy exports built in a helper process, so the web server's own process stays quick.

A clinician PDF or a FHIR bundle takes a second or more of pure-Python CPU. In a thread of the
server's process it would hold the interpreter lock against every other request (Today's reads
would wait for it at each database call, ten times slower); in a helper process it runs beside
the server on another core, and the libraries only exports need (fpdf2, fhir.resources, the
statistics stack) never load into the server's memory.

The helper opens the same database with the same settings and builds at the instant the request
was made (the parent's clock), so the result is what the server would have built itself. It is
started (spawned, not forked: the server has threads and open connections) on the first export
and kept for the next, at a lower CPU priority than the server; a crashed helper is replaced on
the next export.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from types import MappingProxyType
from typing import Any

from mgcalm.app.core import App, open_app
from mgcalm.app.exports import fhir
from mgcalm.app.settings import Settings
from mgcalm.app.views import progress
from mgcalm.domain import InvalidInputError


def fhir_text(app: App, person_id: str, indent: int | None = None) -> str:
    """The FHIR bundle as JSON text (serialised where it is built, not in the server)."""
    bundle = fhir.clinician_bundle(app, person_id)
    if indent is not None:
        return json.dumps(bundle, indent=indent)
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))  # as FastAPI writes it


HELPER_NICENESS = 10  # an export may take a little longer; Today must not


def everything_text(app: App) -> str:
    """Everything stored (``mgcalm.export/1``) as the JSON file the settings page offers."""
    return json.dumps(app.export(), ensure_ascii=False, indent=1)


#: What a helper can build: name → function of (app, *arguments). Names, not functions, cross
#: the process boundary.
EXPORTS: Mapping[str, Callable[..., Any]] = MappingProxyType(
    {
        "report_pdf": progress.report_pdf,
        "report_json": progress.report_json,
        "fhir_text": fhir_text,
        "everything_text": everything_text,
    }
)


def build(settings: Settings, now: datetime, what: str, *args: Any) -> Any:
    """Build one export on ``settings``' database at ``now`` (runs in the helper).

    Problems come back as data: an exception's own arguments do not always rebuild it.
    """
    app = open_app(settings, clock=lambda: now)
    try:
        return ("ok", EXPORTS[what](app, *args))
    except InvalidInputError as error:  # NotFoundError and others: rebuilt from their problems
        return ("problems", type(error), error.problems)
    finally:
        app.close()


def _unwrap(result: tuple[Any, ...]) -> Any:
    if result[0] == "problems":
        _, kind, problems = result
        raise kind(problems)
    return result[1]


def _yield_to_pages() -> None:
    """In the helper: a lower CPU priority, so when cores are scarce the pages win them."""
    if hasattr(os, "nice"):
        os.nice(HELPER_NICENESS)


def can_run_apart(settings: Settings) -> bool:
    """Whether a helper can open this database (not an in-memory SQLite one)."""
    url = settings.resolved_database_url
    return not (url.startswith("sqlite") and (":memory:" in url or url.rstrip("/") == "sqlite:"))


class ExportHelper:
    """One helper process shared by a web app's requests; :meth:`run` blocks until built."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def run(self, app: App, what: str, *args: Any) -> Any:
        """Build export ``what`` for ``app``'s settings at ``app.now()``; waits for the result.

        Call it from a worker thread: waiting releases the interpreter lock.
        """
        if not can_run_apart(app.settings):
            return EXPORTS[what](app, *args)
        for attempt in (1, 2):  # a helper that died (killed, out of memory) is replaced once
            pool = self._pool_now()
            try:
                return _unwrap(pool.submit(build, app.settings, app.now(), what, *args).result())
            except BrokenProcessPool:
                self._discard(pool)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Stop the helper once an export in flight is done (queued ones are dropped)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _pool_now(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_yield_to_pages
                )
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)
