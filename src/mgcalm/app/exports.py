"""Use cases: reminders in the person's calendar and data for their clinician (ICS, FHIR, CSV).

This module only gathers: it reads the plan, the trial and the entries through :class:`App` and
hands plain records to the pure serialisers in :mod:`mgcalm.interop`.

The private calendar feed (``/calendar/<token>.ics``) is keyed by a random token. Only the
token's SHA-256 is kept, in ``<data_dir>/calendar_feeds.json`` (the store has no key-value table
yet), so a copy of the data directory cannot be used to read the feed. Creating a token replaces
the person's old one; revoking removes it; deleting the person makes the feed answer nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from mgcalm.app.core import App
from mgcalm.domain.entries import EntryBase, NotFoundError, QuestionnaireResponse
from mgcalm.domain.plan import Plan
from mgcalm.instruments import GAD7, INSTRUMENTS, PCL5, PCL5_WEEK, PHQ9
from mgcalm.instruments.schedule import PclVersion
from mgcalm.interop.entry_series import PhaseOf, entry_points
from mgcalm.interop.fhir_bundle import ClinicianExport, build_bundle
from mgcalm.interop.fhir_medications import MagnesiumDose, MedicineUse
from mgcalm.interop.fhir_questionnaires import CompletedQuestionnaire
from mgcalm.interop.ics import build_calendar, zone
from mgcalm.interop.questionnaire_days import questionnaire_days
from mgcalm.interop.reminders import Reminder, plan_reminders, trial_reminders
from mgcalm.interop.series import SeriesPoint
from mgcalm.interop.tidy_csv import read_series_csv, write_evaluate_csv, write_series_csv

#: How far ahead questionnaire days are put in the calendar.
CALENDAR_HORIZON = timedelta(days=120)
FEEDS_FILE = "calendar_feeds.json"
SERIES_FILE = "series.csv"
NO_PLAN = (
    "No plan is stored yet, so the calendar holds no doses or routine; "
    "it will once a plan is made (the subscription feed follows by itself)."
)


@dataclass(frozen=True, slots=True)
class Written:
    """What an export wrote: the files and how many items of each kind."""

    paths: tuple[Path, ...]
    counts: dict[str, int]
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` form of an export command."""
        paths = [str(p) for p in self.paths]
        return {"paths": paths, "counts": self.counts, "notes": list(self.notes)}


# -- calendar ----------------------------------------------------------------------------------
def calendar_text(app: App, person_id: str, tz: str, today: date | None = None) -> str:
    """The person's reminders as iCalendar text in the time zone ``tz``."""
    zone(tz)  # an unknown zone is reported before any work is done
    person = app.person(person_id)  # NotFoundError for a person who was deleted
    day = today or app.today()
    return build_calendar(calendar_reminders(app, person.id, day), tz=tz, now=app.now())


def calendar_reminders(app: App, person_id: str, today: date) -> tuple[Reminder, ...]:
    """Doses and routine from the active plan, trial phases and questionnaire days ahead."""
    plan = app.active_plan(person_id, today)
    state = app.trial(person_id)
    found: list[Reminder] = []
    if plan is not None:
        found += plan_reminders(plan.to_json(), _plan_start(app, person_id, plan, today))
    phases = [(p.start, p.phase) for p in state.phases]
    stored = app.history(person_id, kinds=["questionnaire"])
    last_done = _last_done([s.entry for s in stored])
    version: PclVersion = "week" if "pcl5_week" in last_done else "month"
    days = questionnaire_days(last_done, today, today + CALENDAR_HORIZON, pcl5_version=version)
    found += trial_reminders(phases, days)
    return tuple(found)


def write_calendar(app: App, path: Path, tz: str, person_id: str | None = None) -> Written:
    """Write the person's calendar to ``path``."""
    person = app.person(person_id)
    text = calendar_text(app, person.id, tz)
    _write_text(path, text)
    notes = () if app.active_plan(person.id) else (NO_PLAN,)
    return Written((path,), {"events": text.count("BEGIN:VEVENT")}, notes)


def create_calendar_token(app: App, person_id: str, tz: str) -> str:
    """A new private feed token for the person (any old one stops working)."""
    zone(tz)
    person = app.person(person_id)
    token = secrets.token_urlsafe(32)
    feeds = [f for f in _read_feeds(app) if f["person_id"] != person.id]
    feeds.append(
        {
            "digest": _digest(token),
            "person_id": person.id,
            "tz": tz,
            "created": app.now().isoformat(),
        }
    )
    _write_feeds(app, feeds)
    return token


def revoke_calendar_token(app: App, person_id: str) -> bool:
    """Stop the person's feed; False when there was none."""
    feeds = _read_feeds(app)
    kept = [f for f in feeds if f["person_id"] != person_id]
    _write_feeds(app, kept)
    return len(kept) != len(feeds)


def calendar_feed_info(app: App, person_id: str) -> dict[str, str] | None:
    """Whether the person has a feed, its time zone and when it was made (never the token)."""
    found = next((f for f in _read_feeds(app) if f["person_id"] == person_id), None)
    return None if found is None else {"tz": found["tz"], "created": found["created"]}


def calendar_feed(app: App, token: str) -> str | None:
    """The calendar behind a feed token, or None for an unknown, revoked or orphaned token."""
    digest = _digest(token)
    feeds = _read_feeds(app)
    for feed in feeds:
        if hmac.compare_digest(feed["digest"], digest):
            try:
                return calendar_text(app, feed["person_id"], feed["tz"])
            except NotFoundError:
                # The person was deleted: forget their feed too.
                _write_feeds(app, [f for f in feeds if f is not feed])
                return None
    return None


def new_feed(app: App, person_id: str | None, tz: str) -> dict[str, str]:
    """Make a new feed token and say where to subscribe (the address holds the token)."""
    person = app.person(person_id)
    token = create_calendar_token(app, person.id, tz)
    path = f"/calendar/{token}.ics"
    url = f"http://{app.settings.host}:{app.settings.port}{path}"
    message = (
        f"Subscribe to this address in your calendar app (times in {tz}):\n{url}\n"
        "Keep it private. Any earlier address has stopped working; "
        "`mgcalm export feed --revoke` stops this one."
    )
    return {"path": path, "url": url, "tz": tz, "message": message}


def stop_feed(app: App, person_id: str | None) -> dict[str, Any]:
    """Revoke the person's feed token."""
    person = app.person(person_id)
    revoked = revoke_calendar_token(app, person.id)
    message = "The calendar address no longer works." if revoked else "There was no feed to stop."
    return {"revoked": revoked, "message": message}


# -- FHIR --------------------------------------------------------------------------------------
def clinician_bundle(app: App, person_id: str | None = None) -> dict[str, Any]:
    """Everything about the person as a FHIR R4 Bundle (JSON-ready)."""
    return build_bundle(clinician_export(app, person_id))


def clinician_export(app: App, person_id: str | None = None) -> ClinicianExport:
    """Gather what the FHIR bundle holds: profile medicines, plan, responses and series."""
    person = app.person(person_id)
    profile = app.profile(person.id)
    today = app.today()
    plan = app.active_plan(person.id, today)
    entries = [s.entry for s in app.history(person.id)]
    phase_of = _phase_of(app, person.id)
    responses = tuple(_completed(e, phase_of(e.day)) for e in entries if _is_response(e))
    used_week = any(r.instrument_id == "pcl5_week" for r in responses)
    return ClinicianExport(
        pseudonym=_pseudonym(person.id, person.created_at),
        generated=app.now(),
        gender=profile.person.sex,
        magnesium=_magnesium(plan),
        magnesium_status=_magnesium_status(phase_of(today)),
        magnesium_start=_plan_start(app, person.id, plan, today) if plan else None,
        magnesium_note=_plan_note(plan),
        medicines=_medicines(profile),
        instruments=(PCL5, *((PCL5_WEEK,) if used_week else ()), GAD7, PHQ9),
        responses=responses,
        series=tuple(p for p in entry_points(entries, phase_of) if p.measure not in INSTRUMENTS),
    )


def write_fhir(app: App, path: Path, person_id: str | None = None) -> Written:
    """Write the FHIR bundle as JSON to ``path``."""
    bundle = clinician_bundle(app, person_id)
    _write_text(path, json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    return Written((path,), {kind: kinds.count(kind) for kind in sorted(set(kinds))})


# -- CSV ---------------------------------------------------------------------------------------
def series_points(app: App, person_id: str | None = None) -> tuple[SeriesPoint, ...]:
    """Every series the person has, as tidy points labelled with trial phases."""
    person = app.person(person_id)
    entries = [s.entry for s in app.history(person.id)]
    return entry_points(entries, _phase_of(app, person.id))


def write_csv(app: App, directory: Path, person_id: str | None = None) -> Written:
    """``series.csv`` with every series, plus ``evaluate/<measure>.csv`` for ``mgcalm evaluate``."""
    points = series_points(app, person_id)
    paths = [directory / SERIES_FILE]
    _write_text(paths[0], write_series_csv(points))
    for measure in sorted({p.measure for p in points}):
        paths.append(directory / "evaluate" / f"{measure}.csv")
        _write_text(paths[-1], write_evaluate_csv(points, measure))
    return Written(tuple(paths), {"rows": len(points), "measures": len(paths) - 1})


def read_csv(path: Path) -> tuple[SeriesPoint, ...]:
    """Read and validate a tidy CSV file; every bad cell is reported with its row and column."""
    from mgcalm.domain import InvalidInputError, Problem

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError([Problem(str(path), f"cannot be read: {error}")]) from None
    return read_series_csv(text, source=path.name)


def csv_summary(points: Sequence[SeriesPoint]) -> dict[str, Any]:
    """Rows per measure with their dates and unit (what ``read-csv`` reports)."""
    measures: dict[str, dict[str, Any]] = {}
    for p in points:
        seen = measures.setdefault(p.measure, {"rows": 0, "first": p.date, "last": p.date})
        seen["rows"] += 1
        seen["first"], seen["last"] = min(seen["first"], p.date), max(seen["last"], p.date)
        seen["unit"] = p.unit
    for seen in measures.values():
        seen["first"], seen["last"] = seen["first"].isoformat(), seen["last"].isoformat()
    return {"rows": len(points), "measures": measures}


def csv_summary_text(summary: dict[str, Any]) -> str:
    """The summary as lines a person reads."""
    lines = [f"{summary['rows']} rows, all valid."]
    for measure, seen in sorted(summary["measures"].items()):
        lines.append(f"  {measure}: {seen['rows']} from {seen['first']} to {seen['last']}")
    return "\n".join(lines)


# -- helpers -----------------------------------------------------------------------------------
def _plan_start(app: App, person_id: str, plan: Plan | None, today: date) -> date:
    """Day 1 of the plan: the titration phase's start, else the day the first plan began.

    A later plan version (a dose moved to another time) does not restart the titration.
    """
    titration = [p.start for p in app.trial(person_id).phases if p.phase == "titration"]
    if titration:
        return titration[-1]
    active = [
        v.active_from
        for v in app.plan_history(person_id)
        if v.active_from is not None and v.active_from <= today
    ]
    return min(active) if active else today


def _phase_of(app: App, person_id: str) -> PhaseOf:
    """A function from a day to its trial phase name ("" outside the trial)."""
    state = app.trial(person_id)

    def phase_of(day: date) -> str:
        phase = state.phase_on(day)
        return phase.phase if phase is not None else ""

    return phase_of


def _last_done(entries: Sequence[EntryBase]) -> dict[str, date | None]:
    """The last day each questionnaire was done."""
    last: dict[str, date | None] = {}
    for entry in entries:
        if isinstance(entry, QuestionnaireResponse):
            previous = last.get(entry.instrument)
            last[entry.instrument] = max(entry.day, previous) if previous else entry.day
    return last


def _is_response(entry: EntryBase) -> bool:
    return isinstance(entry, QuestionnaireResponse)


def _completed(entry: EntryBase, phase: str) -> CompletedQuestionnaire:
    """A stored questionnaire as the FHIR export reads it."""
    assert isinstance(entry, QuestionnaireResponse)
    total = entry.score.get("total")
    return CompletedQuestionnaire(
        key=entry.id,
        instrument_id=entry.instrument,
        authored=entry.day,
        answers=entry.answers,
        total=int(total) if isinstance(total, int | float) else sum(entry.answers),
        phase=phase,
        band=str(entry.score.get("band") or ""),
        subscales=tuple(
            (str(name), int(value)) for name, value in (entry.score.get("subscales") or {}).items()
        ),
        flags=tuple(str(flag) for flag in entry.score.get("flags") or ()),
    )


def _magnesium(plan: Plan | None) -> tuple[MagnesiumDose, ...]:
    """The maintenance doses of the plan (none when the plan holds magnesium back)."""
    if plan is None:
        return ()
    return tuple(
        MagnesiumDose(d.time, d.form, d.elemental_mg, d.compound_mg, d.with_food)
        for d in plan.doses
    )


def _magnesium_status(phase: str) -> str:
    """MedicationStatement status from the trial phase today."""
    return {"titration": "active", "maintenance": "active", "withdrawal": "stopped"}.get(
        phase, "intended"
    )


def _plan_note(plan: Plan | None) -> str:
    """The titration and the plan's status, in words, for the clinician."""
    if plan is None:
        return ""
    steps = "; ".join(f"day {s.day} {s.elemental_mg_per_day} mg/day" for s in plan.titration)
    note = f"mgcalm plan status: {plan.status}. Doses listed are the maintenance day."
    return note + (f" Titration: {steps}." if steps else "")


def _medicines(profile: Any) -> tuple[MedicineUse, ...]:
    """Listed medications and supplements from the profile."""
    found = [MedicineUse(m.name, m.times, None, m.start, m.end) for m in profile.medications]
    found += [
        MedicineUse(s.name, s.times, s.amount_mg, kind="supplement") for s in profile.supplements
    ]
    return tuple(found)


def _pseudonym(person_id: str, created: datetime) -> str:
    """A stable identifier that reveals neither the person's id nor their name."""
    seed = f"{person_id}|{created.isoformat()}".encode()
    return "mgcalm-" + hashlib.sha256(seed).hexdigest()[:16]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _feeds_path(app: App) -> Path:
    return app.settings.data_dir.expanduser() / FEEDS_FILE


def _read_feeds(app: App) -> list[dict[str, str]]:
    """The stored feed records (an absent or unreadable file means no feeds)."""
    try:
        data = json.loads(_feeds_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    feeds = data.get("feeds", []) if isinstance(data, dict) else []
    return [f for f in feeds if isinstance(f, dict)]


def _write_feeds(app: App, feeds: list[dict[str, str]]) -> None:
    path = _feeds_path(app)
    _write_text(path, json.dumps({"feeds": feeds}, indent=2) + "\n")
    path.chmod(0o600)  # the digests are not secrets, but the file names people


def _write_text(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    temporary.replace(path)


def local_timezone_name() -> str:
    """This machine's IANA time zone (``TZ``, then ``/etc/localtime``), else ``UTC``."""
    from zoneinfo import available_timezones

    known = available_timezones()
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        candidates.append(target.split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    return next((name for name in candidates if name in known), "UTC")
