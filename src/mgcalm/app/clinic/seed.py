"""A made-up clinic for benchmarks and demonstrations: one clinician, many people, a year each.

Every person logs a daily check-in and sleep diary for ``days`` days. Their trial starts on a
staggered day in the last three months (baseline 14 days, titration 14, then maintenance), with
planned doses on magnesium days (some people miss many), occasional side effects, and PCL-5,
GAD-7 and PHQ-9 every two weeks (a few answer PHQ-9 item 9 above 0). Documents are built from
entries validated once by the domain models, then copied with new ids, days and values, and
loaded in bulk; questionnaire answers come from a pool scored once, and each document is encoded
to JSON once for both its digest and the load (2000 people × a year is about 1.7 million rows).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from mgcalm.app.clinic.auth import hasher
from mgcalm.app.clinic.settings import ClinicSettings
from mgcalm.app.plans.people import profile_document
from mgcalm.domain.entries import document_digest, entry_document, parse_entry
from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile
from mgcalm.instruments import score
from mgcalm.store import Store
from mgcalm.store.clinic.seed import JsonText, analyze, bulk_insert
from mgcalm.store.clinic.summaries import rebuild

INSTRUMENT_ITEMS = {"pcl5_week": 20, "gad7": 7, "phq9": 9}
#: Answer sets per instrument, each scored once (item 9 above 0 is drawn apart, 2 in 100).
POOL = 64


@dataclass(frozen=True, slots=True)
class SeedSummary:
    """What was seeded."""

    clinician: str
    people: int
    entries: int


@cache
def _templates() -> dict[str, dict[str, Any]]:
    """One validated document per kind, to copy."""
    day = "2026-01-01"
    raw: dict[str, dict[str, Any]] = {
        "checkin": {"anxiety": 5, "sleep_quality": 5, "tension": 5},
        "dose": {"taken_time": "08:00", "form": "glycinate", "elemental_mg": 100},
        "side_effect": {"bristol_type": 6},
        "sleep": {
            "into_bed": "2025-12-31T23:00",
            "tried_to_sleep": "2025-12-31T23:10",
            "latency_min": 20,
            "awakenings": 1,
            "waso_min": 15,
            "final_wake": "2026-01-01T06:45",
            "out_of_bed": "2026-01-01T07:00",
            "quality": 3,
        },
    }
    return {k: entry_document(parse_entry(k, {"id": "t", "day": day, **v})) for k, v in raw.items()}


def _entries(
    rng: random.Random, person: int, first: date, today: date, trial_start: date, doses: int
) -> Iterator[tuple[str, date, dict[str, Any]]]:
    """(kind, day, document) for one person's history."""
    t = _templates()
    missing = rng.random() < 0.1  # about one in ten takes far fewer doses than planned
    day, n = first, 0
    while day <= today:
        n += 1
        yield (
            "checkin",
            day,
            {
                **t["checkin"],
                "id": f"c{person}-{n}",
                "day": day.isoformat(),
                "anxiety": 2 + int(rng.random() * 7),
                "sleep_quality": 2 + int(rng.random() * 7),
            },
        )
        yield "sleep", day, _sleep(t["sleep"], f"n{person}-{n}", day, 1 + int(rng.random() * 5))
        on_magnesium = (day - trial_start).days >= 14
        for k in range(doses if on_magnesium else 0):
            if rng.random() < (0.5 if missing else 0.95):
                yield "dose", day, {**t["dose"], "id": f"d{person}-{n}-{k}", "day": day.isoformat()}
        if on_magnesium and rng.random() < 0.08:
            yield (
                "side_effect",
                day,
                {
                    **t["side_effect"],
                    "id": f"s{person}-{n}",
                    "day": day.isoformat(),
                    "bristol_type": 5 + int(rng.random() * 3),
                },
            )
        if (today - day).days % 14 == 0:
            yield from _questionnaires(rng, person, n, day)
        day += timedelta(days=1)


def _sleep(template: dict[str, Any], entry_id: str, day: date, quality: int) -> dict[str, Any]:
    """The night before ``day``: in bed at 23:00, up at 07:00."""
    night, morning = (day - timedelta(days=1)).isoformat(), day.isoformat()
    return {
        **template,
        "id": entry_id,
        "day": morning,
        "into_bed": f"{night}T23:00:00",
        "tried_to_sleep": f"{night}T23:10:00",
        "final_wake": f"{morning}T06:45:00",
        "out_of_bed": f"{morning}T07:00:00",
        "quality": quality,
    }


@cache
def _answer_pool(instrument: str, item9: bool) -> tuple[tuple[list[int], dict[str, Any]], ...]:
    """Answer sets with their scores; for PHQ-9, with item 9 above 0 or at 0 as asked."""
    rng = random.Random(f"{instrument}-{item9}")
    pool = []
    for _ in range(POOL):
        answers = [rng.randint(0, 2) for _ in range(INSTRUMENT_ITEMS[instrument])]
        if instrument == "phq9":
            answers[8] = rng.randint(1, 2) if item9 else 0
        pool.append((answers, score(instrument, answers).to_json()))
    return tuple(pool)


def _questionnaires(
    rng: random.Random, person: int, n: int, day: date
) -> Iterator[tuple[str, date, dict[str, Any]]]:
    for instrument in INSTRUMENT_ITEMS:
        item9 = instrument == "phq9" and rng.random() < 0.02  # about 2 in 100
        pool = _answer_pool(instrument, item9)
        answers, scored = pool[int(rng.random() * len(pool))]
        yield (
            "questionnaire",
            day,
            {
                "kind": "questionnaire",
                "id": f"q{person}-{n}-{instrument}",
                "day": day.isoformat(),
                "note": "",
                "instrument": instrument,
                "answers": answers,
                "score": scored,
            },
        )


def seed_clinic(
    store: Store,
    settings: ClinicSettings,
    profile: Profile,
    plan: Plan,
    *,
    people: int,
    days: int,
    clinician: str,
    password: str,
    today: date,
    now: datetime,
) -> SeedSummary:
    """Load a clinic of ``people`` people, ``days`` days each, all granted to ``clinician``."""
    # One hash for every made-up account: hashing 500 times would only slow the seeding down.
    password_hash = hasher(settings).hash(password)
    clinician_id = f"acct-{clinician}"
    ids = [f"bench-{i:05d}" for i in range(people)]
    tables = _tables(ids, clinician, clinician_id, password_hash, profile, plan, now, today, days)
    with store.write() as conn:
        for table, rows in tables:
            bulk_insert(conn, table, rows)
        starts = [_trial_start(today, i) for i in range(people)]
        first = today - timedelta(days=days - 1)
        rng = random.Random(20261126)
        count = bulk_insert(
            conn,
            "entries",
            (
                _entry_row(pid, kind, day, doc, now)
                for i, (pid, start) in enumerate(zip(ids, starts, strict=True))
                for kind, day, doc in _entries(rng, i, first, today, start, len(plan.doses) or 1)
            ),
        )
        rebuild(conn)  # the dashboard's summaries, as every other write keeps them
        analyze(conn)
    return SeedSummary(clinician, people, count)


def _trial_start(today: date, person: int) -> date:
    """Staggered over the last three months, so people are in every phase."""
    return today - timedelta(days=10 + (person * 13) % 90)


def _tables(
    ids: list[str],
    clinician: str,
    clinician_id: str,
    password_hash: str,
    profile: Profile,
    plan: Plan,
    now: datetime,
    today: date,
    days: int,
) -> list[tuple[str, Iterable[dict[str, Any]]]]:
    """Every table but entries, as (table, rows), in the order foreign keys need."""
    profile_doc, plan_doc = profile_document(profile), plan.to_json()
    first = today - timedelta(days=days - 1)
    clinician_row = _account(clinician_id, clinician, "clinician", None, password_hash, now)
    stamps = {"created_at": now, "updated_at": now}
    plan_dates = {"profile_version": 1, "active_from": first, "active_to": None}
    return [
        ("accounts", [clinician_row]),
        ("accounts", (_account(f"acct-{p}", p, "person", p, password_hash, now) for p in ids)),
        (
            "people",
            ({"id": p, "display_name": f"Person {i + 1:03d}", **stamps} for i, p in enumerate(ids)),
        ),
        ("profile_versions", (_version(p, profile_doc, now) for p in ids)),
        (
            "plan_versions",
            ({**_version(p, plan_doc, now), **plan_dates, "updated_at": now} for p in ids),
        ),
        (
            "phases",
            (
                row
                for i, p in enumerate(ids)
                for row in _phases(p, _trial_start(today, i), today, now)
            ),
        ),
        (
            "grants",
            (
                {
                    "id": f"g-{p}",
                    "person_id": p,
                    "clinician_id": clinician_id,
                    "created_at": now,
                    "revoked_at": None,
                }
                for p in ids
            ),
        ),
    ]


def _account(
    account_id: str,
    username: str,
    role: str,
    person_id: str | None,
    password_hash: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "id": account_id,
        "username": username,
        "display_name": username,
        "role": role,
        "password_hash": password_hash,
        "person_id": person_id,
        "created_at": now,
        "updated_at": now,
    }


def _version(person_id: str, document: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "version": 1,
        "document": document,
        "digest": document_digest(document),
        "created_at": now,
    }


def _phases(person_id: str, start: date, today: date, now: datetime) -> list[dict[str, Any]]:
    """Baseline and titration of 14 days each, then maintenance; the latest begun one runs on."""
    spans = [(n, b, e) for n, b, e in _SPANS if start + timedelta(days=b) <= today]
    rows = []
    for index, (name, begin, end) in enumerate(spans):
        first = start + timedelta(days=begin)
        last = None if index == len(spans) - 1 or end is None else start + timedelta(days=end)
        document = {
            "id": f"{name}-{person_id}",
            "phase": name,
            "start": first.isoformat(),
            "end": last.isoformat() if last else None,
        }
        rows.append(
            {
                "person_id": person_id,
                "id": document["id"],
                "phase": name,
                "start": first,
                "end": last,
                "digest": document_digest(document),
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


_SPANS: tuple[tuple[str, int, int | None], ...] = (
    ("baseline", 0, 13),
    ("titration", 14, 27),
    ("maintenance", 28, None),
)


def _entry_row(
    person_id: str, kind: str, day: date, document: dict[str, Any], now: datetime
) -> dict[str, Any]:
    # Encoded once, the way document_digest encodes it, for both the digest and the load.
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {
        "person_id": person_id,
        "id": document["id"],
        "kind": kind,
        "day": day,
        "document": JsonText(text),
        "digest": hashlib.sha256(text.encode()).hexdigest(),
        "created_at": now,
        "updated_at": now,
    }
