"""The :class:`App`: one settings object, one store and one clock, with every use case on it."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgcalm.app.errors import PlanningError
from mgcalm.app.legacy_files import move_legacy_files
from mgcalm.app.plans import held
from mgcalm.app.plans import people as people_service
from mgcalm.app.safety import country
from mgcalm.app.safety import events as safety_events
from mgcalm.app.settings import Settings, load_settings
from mgcalm.app.tracking import entries as tracking
from mgcalm.app.tracking.food_lookup import catalogue_lookup
from mgcalm.app.tracking.questionnaires import parse_logged
from mgcalm.app.tracking.today import TodayStatus, today_status
from mgcalm.app.trial import phases as trial_service
from mgcalm.app.trial import undo_start
from mgcalm.domain.entries import EntryBase, QuestionnaireResponse, parse_phase
from mgcalm.domain.foods import Food
from mgcalm.domain.plan import Plan
from mgcalm.domain.problems import InvalidInputError, NotFoundError, Problem
from mgcalm.domain.profile import Profile
from mgcalm.store import Store, open_store
from mgcalm.store import pending as pending_repo
from mgcalm.store import people as people_repo
from mgcalm.store import preferences as preferences_repo
from mgcalm.store import revisions as revisions_repo
from mgcalm.store.records import OutcomeRecord, PersonRecord, RevisionRecord, VersionRecord

if TYPE_CHECKING:
    from mgcalm.app.privacy.importing import ImportSummary

Clock = Callable[[], datetime]
BACKUP_FOLDER = "backups"
Planner = Callable[[Profile], Plan]
log = logging.getLogger("mgcalm.app")


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def new_id() -> str:
    """A fresh client id for an entry (random; a client that retries must reuse it)."""
    return uuid.uuid4().hex


@dataclass
class App:
    """Use cases over one store. Every write is one transaction; every read one snapshot."""

    settings: Settings
    store: Store
    clock: Clock = utc_now
    planner: Planner | None = None
    food_lookup: Callable[[str], Food | None] | None = None

    # -- time ---------------------------------------------------------------------------------
    def now(self) -> datetime:
        """Now, from the app's clock, in UTC (every stored timestamp is UTC)."""
        return self.clock().astimezone(UTC)

    def today(self) -> date:
        """Today's date on this machine's local calendar."""
        return self.clock().astimezone().date()

    # -- people, profiles, plans --------------------------------------------------------------
    def create_person(
        self, profile: Profile, *, person_id: str | None = None, display_name: str = ""
    ) -> PersonRecord:
        """Create a person from a profile (same id and same profile again: no change)."""
        return people_service.create_person(
            self.store, profile, self.now(), person_id=person_id, display_name=display_name
        )

    def setup_person(
        self, profile: Profile, *, person_id: str = "me", display_name: str = ""
    ) -> tuple[PersonRecord, int]:
        """Create the person, or give an existing one a new profile version; returns both."""
        with self.store.read() as conn:
            exists = people_repo.get_person(conn, person_id) is not None
        if not exists:
            return self.create_person(profile, person_id=person_id, display_name=display_name), 1
        version = self.update_profile(person_id, profile).version
        return self.person(person_id), version

    def set_up(
        self,
        profile: Profile,
        *,
        person_id: str = "me",
        display_name: str = "",
        begin: tuple[str, str] | None = None,
        country_code: str | None = None,
    ) -> tuple[PersonRecord, int, Plan]:
        """Person (or new profile version), plan and, if ``begin``, the trial: all or nothing.

        The plan is made before anything is written, so a planner failure leaves no trace.
        ``begin`` is ``(outcome, first phase)``; it starts the trial only if none has started.
        ``country_code`` (checked first) chooses the crisis lines shown everywhere.
        Returns the person, the profile version and the plan.
        """
        day, now = self.today(), self.now()
        if country_code is not None:
            country.check_country(country_code)
        plan = self._plan(person_id, profile, day, keep_step_down=True)
        with self.store.write() as conn:
            person, version = people_service.set_up_person(
                conn, profile, now, person_id, display_name
            )
            people_service.add_plan(conn, person_id, version, plan, day, now)
            if country_code is not None:
                country.save_country(conn, self, person_id, country_code)
            if begin is not None:
                phase = parse_phase({"id": new_id(), "phase": begin[1], "start": day})
                trial_service.begin_trial(conn, person_id, begin[0], phase, now)
        return person, version, plan

    def people(self) -> list[PersonRecord]:
        """Everyone stored, oldest first."""
        with self.store.read() as conn:
            return people_repo.list_people(conn)

    def person(self, person_id: str | None = None) -> PersonRecord:
        """The named person, or the only one; NotFoundError says what to do otherwise."""
        return people_service.require_person(self.store, person_id)

    def update_profile(self, person_id: str, profile: Profile) -> VersionRecord:
        """Store a new profile version (unchanged content adds nothing)."""
        return people_service.update_profile(self.store, person_id, profile, self.now())

    def profile(self, person_id: str) -> Profile:
        """The person's current profile."""
        return people_service.current_profile(self.store, person_id)[0]

    def profile_history(self, person_id: str) -> list[VersionRecord]:
        """Every profile version, oldest first."""
        with self.store.read() as conn:
            return people_repo.profile_history(conn, person_id)

    def plan_for(
        self, person_id: str, today: date | None = None, *, keep_step_down: bool = True
    ) -> Plan:
        """Make the plan for the current profile and keep it as a version active from today.

        A loose-stools step-down in force stays in force: the new plan's daily total is capped
        at the stepped-down amount, with its note. ``keep_step_down=False`` lifts the cap (an
        explicit choice, say after talking to a clinician).
        """
        profile, version = people_service.current_profile(self.store, person_id)
        day = today or self.today()
        plan = self._plan(person_id, profile, day, keep_step_down=keep_step_down)
        people_service.save_plan(self.store, person_id, version, plan, day, self.now())
        return plan

    def _plan(self, person_id: str, profile: Profile, day: date, *, keep_step_down: bool) -> Plan:
        """The planner's plan for ``profile`` (held at a step-down in force, unless told not to)."""
        try:
            plan = (self.planner or default_planner(day))(profile)
        except InvalidInputError:
            raise
        except Exception as error:  # a planner bug must not half-save anything: say so calmly
            log.exception("the planner failed for %s", person_id)
            raise PlanningError([_PLANNER_FAILED]) from error
        if keep_step_down:
            plan = held.hold_step_down(self.store, person_id, profile, plan, day)
        return plan

    def active_plan(self, person_id: str, today: date | None = None) -> Plan | None:
        """The stored plan active on ``today`` (None before the first plan)."""
        return people_service.active_plan(self.store, person_id, today or self.today())

    def plan_history(self, person_id: str) -> list[VersionRecord]:
        """Every plan version with its active dates, oldest first."""
        with self.store.read() as conn:
            return people_repo.plan_history(conn, person_id)

    # -- tracking -----------------------------------------------------------------------------
    def log(self, person_id: str, kind: str, data: dict[str, Any]) -> tracking.StoredEntry:
        """Validate and save one entry of ``kind``; an ``id`` is made when ``data`` has none."""
        entry = self._parse(kind, {"id": new_id(), **self.completed(kind, data)})
        now = self.now()
        created = tracking.log_entries(
            self.store, person_id, [entry], now, self._food_check, self._on_saved(person_id)
        )
        if created[0]:  # just written: no need to read it back
            return tracking.StoredEntry(entry, now, now)
        return self.history(person_id, ids=(entry.id,))[0]

    def completed(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        """Diary clock times as date-times of the night; a food's magnesium from the catalogue."""
        night_of = _as_date(data.get("day"))
        if kind == "sleep" and night_of is not None:
            data = tracking.resolve_sleep_times(night_of, data)
        if kind == "food" and self.food_lookup is not None:
            data = tracking.fill_food_magnesium(data, self.food_lookup)
        return data

    def _parse(self, kind: str, data: dict[str, Any]) -> EntryBase:
        """Validate, reporting an unknown food id together with every other problem."""
        found: list[Problem] = []
        food_id = data.get("food_id")
        if kind == "food" and isinstance(food_id, str) and self._food_check(food_id) is False:
            found.append(tracking.unknown_food(food_id, "food.food_id"))
        try:
            entry = parse_logged(kind, data)
        except InvalidInputError as error:
            if found:  # the magnesium cannot be looked up for an unknown food: say that once
                kept = [p for p in error.problems if p.location != "food.magnesium_mg"]
                raise InvalidInputError([*kept, *found]) from None
            raise
        if found:
            raise InvalidInputError(found)
        return entry

    def amend(
        self, person_id: str, kind: str, data: dict[str, Any], reason: str = ""
    ) -> tracking.StoredEntry:
        """Replace a saved entry (same id and kind) by ``data``; the old one is kept."""
        entry = self._parse(kind, self.completed(kind, data))
        tracking.amend_entry(
            self.store, person_id, entry, reason, self.now(), self._on_saved(person_id)
        )
        return self.history(person_id, ids=(entry.id,))[0]

    def correct(
        self,
        person_id: str,
        kind: str,
        changes: dict[str, Any],
        reason: str = "",
        clear: Sequence[str] = (),
    ) -> tracking.StoredEntry:
        """Correct some fields of the saved entry ``changes["id"]``; the rest keep their values.

        Fields named in ``clear`` go back to empty (or are refused when the entry needs them);
        the earlier version is kept as a revision, as with :meth:`amend`.
        """
        entry_id = str(changes.get("id", ""))
        saved = self.history(person_id, ids=(entry_id,))
        if not saved:
            raise NotFoundError(
                [Problem("id", f"no entry {entry_id!r}", "the id of a saved entry")]
            )
        if saved[0].entry.kind != kind:  # amend names the kind the id belongs to
            return self.amend(person_id, kind, changes, reason)
        return self.amend(
            person_id, kind, tracking.corrected(saved[0].entry, changes, clear), reason
        )

    def delete_entry(self, person_id: str, entry_id: str, reason: str = "") -> None:
        """Delete a saved entry; its content is kept as a revision."""
        tracking.delete_entry(self.store, person_id, entry_id, reason, self.now())

    def revisions(self, person_id: str) -> list[RevisionRecord]:
        """Earlier versions of amended or deleted entries, by entry and revision."""
        with self.store.read() as conn:
            return revisions_repo.list_revisions(conn, person_id)

    def log_entries(self, person_id: str, entries: Sequence[EntryBase]) -> list[bool]:
        """Save validated entries in one transaction; True for each that was new.

        The safety events they raise (and a stop for a magnesium red flag) are saved in the
        same transaction: there is never an entry without its events.
        """
        return tracking.log_entries(
            self.store, person_id, entries, self.now(), self._food_check, self._on_saved(person_id)
        )

    def _on_saved(self, person_id: str) -> tracking.OnSaved:
        """The safety flow's part of every entry write (no setting can leave it out)."""
        now, today = self.now(), self.today()

        def record(conn: Any, batch: Sequence[EntryBase]) -> None:
            safety_events.record_entries(conn, person_id, batch, now, today)

        return record

    def _food_check(self, food_id: str) -> bool | None:
        return None if self.food_lookup is None else self.food_lookup(food_id) is not None

    def log_many(self, person_id: str, raw: Sequence[dict[str, Any]]) -> list[bool]:
        """Validate many raw entries (each with ``kind``), then save all or none."""
        return self.log_entries(person_id, tracking.parse_entries(raw))

    def record_questionnaire(
        self, person_id: str, instrument: str, answers: Sequence[int], day: date, entry_id: str = ""
    ) -> QuestionnaireResponse:
        """Score a questionnaire with ``mgcalm.instruments`` and save answers with the score."""
        data = {"id": entry_id or new_id(), "day": day, "instrument": instrument}
        entry = parse_logged("questionnaire", {**data, "answers": tuple(answers)}, where="")
        self.log_entries(person_id, [entry])
        assert isinstance(entry, QuestionnaireResponse)
        return entry

    def history(
        self,
        person_id: str,
        *,
        kinds: Sequence[str] | None = None,
        start: date | None = None,
        end: date | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[tracking.StoredEntry]:
        """Stored entries by day, filtered by kind and dates; with ``ids``, just those entries."""
        if ids is not None:
            return tracking.stored_entries(self.store, person_id, ids)
        return tracking.history(self.store, person_id, kinds=kinds, start=start, end=end)

    def last_questionnaire(
        self, person_id: str, instrument: str, end: date | None = None, other_than: str = ""
    ) -> QuestionnaireResponse | None:
        """The last questionnaire of one form up to ``end`` (any day: None), but ``other_than``."""
        with self.store.read() as conn:
            return tracking.last_questionnaire(conn, person_id, instrument, end, other_than)

    def series(
        self, person_id: str, start: date, end: date, kinds: Sequence[str] | None = None
    ) -> dict[str, list[EntryBase]]:
        """Every series between two days (inclusive; only ``kinds``, if given), by kind."""
        return tracking.series(self.store, person_id, start, end, kinds)

    def today_status(self, person_id: str, today: date | None = None) -> TodayStatus:
        """What is due today and what is done."""
        day = today or self.today()
        return today_status(
            self.active_plan(person_id, day), self.history(person_id, start=day, end=day), day
        )

    def crisis_resources(self, person_id: str | None = None) -> list[dict[str, Any]]:
        """Crisis services for the person's country (shown whenever a crisis is marked)."""
        from mgcalm.instruments import resources_for

        return [r.to_json() for r in resources_for(country.region_for(self, person_id))]

    # -- the trial ----------------------------------------------------------------------------
    def start_phase(self, person_id: str, data: dict[str, Any]) -> Any:
        """Start a trial phase (``id``, ``phase``, ``start``, optional ``end``)."""
        return trial_service.start_phase(
            self.store, person_id, {"id": new_id(), **data}, self.now()
        )

    def undo_phase_start(self, person_id: str, phase_id: str) -> Any:
        """Take back a phase started moments ago; the phase before it runs on."""
        return undo_start.undo_phase_start(
            self.store, person_id, phase_id, self.today(), self.now()
        )

    def end_phase(self, person_id: str, phase_id: str, end: date) -> None:
        """End a running phase on ``end`` (its last day)."""
        trial_service.end_phase(self.store, person_id, phase_id, end, self.now())

    def choose_outcome(
        self, person_id: str, outcome: str, reason: str = "", today: date | None = None
    ) -> OutcomeRecord:
        """Choose or change the primary outcome (after the start: recorded, with a reason)."""
        day = today or self.today()
        return trial_service.choose_outcome(self.store, person_id, outcome, day, reason, self.now())

    def trial(self, person_id: str) -> trial_service.TrialState:
        """The phases, the primary outcome and its history."""
        return trial_service.trial_state(self.store, person_id)

    # -- privacy ------------------------------------------------------------------------------
    # Export and import load their modules when used: most commands never need them.
    def export(self, person_id: str | None = None) -> dict[str, Any]:
        """Everything stored (or everything about one person), as ``mgcalm.export/1``."""
        if person_id is not None:
            self.person(person_id)  # an unknown person is an error, not an empty export
        from mgcalm.app.privacy import document as privacy

        return privacy.export_all(self.store, self.now(), person_id)

    def write_export(self, path: Path, person_id: str | None = None) -> dict[str, int]:
        """Write the export to a file; returns the counts it holds."""
        if person_id is not None:
            self.person(person_id)  # an unknown person is an error, not an empty file
        from mgcalm.app.privacy import document as privacy

        return privacy.write_export(self.store, path, self.now(), person_id)

    def import_document(self, document: dict[str, Any]) -> ImportSummary:
        """Import an export document: all of it, or (on any problem) nothing."""
        from mgcalm.app.privacy import importing

        return importing.import_all(self.store, document, self.now())

    def import_file(self, path: Path) -> ImportSummary:
        """Import an export file, or restore from a SQLite backup file (merged the same way)."""
        from mgcalm.app.privacy import document as privacy

        return self.import_document(privacy.read_export(path, self.now()))

    def backup(self, path: Path) -> dict[str, int]:
        """A consistent copy while running: the SQLite file itself, or for PostgreSQL an export."""
        if self.store.is_sqlite:
            self.store.backup_sqlite(path)
            from mgcalm.app.privacy import document as privacy

            return privacy.export_counts(self.export())
        return self.write_export(path)

    def delete_person(self, person_id: str) -> None:
        """Delete one person and everything stored about them (clinic mode: one of many)."""
        with self.store.write() as conn:
            people_service.check_person(conn, person_id)
            people_repo.delete_people(conn, person_id)
            country.forget_person(conn, person_id)
        self.store.compact()

    def delete_all(self) -> int:
        """Delete every person, everything about them, the preferences and the app's own backups.

        The backups the settings page made in ``<data dir>/backups/`` hold the same data, so
        they go too; copies written elsewhere (``mgcalm backup FILE``, exports) are the person's
        own files and are named in what the interfaces say. Returns how many people were deleted.
        """
        with self.store.write() as conn:
            count = people_repo.delete_people(conn)
            preferences_repo.delete_preferences(conn)
            pending_repo.drop_pending(conn)
        self.store.compact()
        for path in self.own_backups():
            path.unlink(missing_ok=True)
        return count

    def own_backups(self) -> list[Path]:
        """The backup files the app itself made in ``<data dir>/backups/``."""
        folder = self.settings.data_dir.expanduser() / BACKUP_FOLDER
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("mgcalm-*") if p.is_file())

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()


_PLANNER_FAILED = Problem(
    "plan",
    "mgcalm could not make your plan just now, so nothing was saved",
    "your answers as they are: please try again; if it happens again, report it",
)


def default_planner(today: date | None = None) -> Planner:
    """The planner from ``mgcalm.planning`` with the packaged knowledge base and foods.

    With ``today``, medicine courses that have already ended no longer shape the plan.
    """
    from mgcalm.app.plans.planner import packaged_planner

    return packaged_planner(today)


def _as_date(value: object) -> date | None:
    """The day as a date, or None (the entry's own validation then reports it by name)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def open_app(settings: Settings | None = None, *, clock: Clock = utc_now) -> App:
    """Open the app on the configured database (migrating it to the newest schema).

    Feeds and preferences still in files from an earlier version move into the database.
    """
    settings = settings or load_settings()
    store = open_store(settings.resolved_database_url, synchronous=settings.sqlite_synchronous)
    move_legacy_files(store, settings.data_dir, clock().astimezone(UTC))
    return App(settings, store, clock, food_lookup=catalogue_lookup)
