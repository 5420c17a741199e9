"""Group commit for the JSON API: many concurrent entries, one durable transaction per batch.

Each SQLite commit waits for the disk (``synchronous=FULL``), so committing every request on its
own caps logging at a few hundred entries a second, and concurrent writers only queue on the
database lock. Instead every ``POST /api/entries/…`` hands its validated entry to one writer
task, which saves whatever has gathered as a single transaction and then answers each request.
A request is answered only after its entry is committed, so durability is unchanged.

If a batch fails (say one entry reuses an id with different content), the batch is rolled back
and its entries are saved one by one, so each request gets its own answer and nothing else is
lost.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from mgcalm.app.core import App
from mgcalm.domain.entries import EntryBase

MAX_BATCH = 500


@dataclass
class _Pending:
    person_id: str
    entry: EntryBase
    done: asyncio.Future[bool] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class GroupWriter:
    """One writer task per app; :meth:`save` resolves once the entry is durably stored."""

    def __init__(self, services: Callable[[], App]) -> None:
        self._services = services
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def save(self, person_id: str, entry: EntryBase) -> bool:
        """Queue one entry; True if it was new, False if the same entry was already saved."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())
        pending = _Pending(person_id, entry)
        await self._queue.put(pending)
        return await pending.done

    async def close(self) -> None:
        """Stop the writer task (pending requests have already been answered)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            await asyncio.to_thread(self._commit, batch)

    def _commit(self, batch: list[_Pending]) -> None:
        by_person: dict[str, list[_Pending]] = defaultdict(list)
        for pending in batch:
            by_person[pending.person_id].append(pending)
        for person_id, items in by_person.items():
            try:
                created = self._services().log_entries(person_id, [p.entry for p in items])
                for pending, new in zip(items, created, strict=True):
                    _resolve(pending, new)
            except Exception:  # rolled back as a whole: save one by one to answer each request
                for pending in items:
                    self._commit_one(person_id, pending)

    def _commit_one(self, person_id: str, pending: _Pending) -> None:
        try:
            _resolve(pending, self._services().log_entries(person_id, [pending.entry])[0])
        except Exception as error:  # each request gets its own error (a problem or a failure)
            _fail(pending, error)


def _resolve(pending: _Pending, value: bool) -> None:
    loop = pending.done.get_loop()
    loop.call_soon_threadsafe(_set, pending.done, value, None)


def _fail(pending: _Pending, error: BaseException) -> None:
    loop = pending.done.get_loop()
    loop.call_soon_threadsafe(_set, pending.done, None, error)


def _set(future: asyncio.Future[bool], value: bool | None, error: BaseException | None) -> None:
    if future.done():
        return  # the request was cancelled (client gone); the entry is saved regardless
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(bool(value))
