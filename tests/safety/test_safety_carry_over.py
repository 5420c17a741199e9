"""Crisis answers an older version stored become safety events when the database is upgraded.

Older versions stored a client's score as it was sent, so a row may say ``flags: []`` beside
PHQ-9 item 9 answered 3. The migration that adds safety events reads the answers themselves, so
such a lie never hides item 9 from Today or the clinician.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from tests.conftest import FIXED_NOW

from mgcalm.app import Settings, open_app
from mgcalm.app.safety.events import stored_events
from mgcalm.app.tracking.due import due_today
from mgcalm.domain.entries import document_digest
from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.store import entries as entries_repo
from mgcalm.store.engine import write_transaction
from mgcalm.store.entries import NewEntry
from mgcalm.store.migrate import alembic_config

PROFILE = Path(__file__).parents[1] / "app" / "profile_minimal.toml"
BEFORE_SAFETY = "0007_trial_registration"
ITEM9 = [0, 0, 0, 0, 0, 0, 0, 0, 3]
LIE = {"instrument": "phq9", "total": 0, "band": "none-minimal", "flags": []}
RISKY = [1] * 15 + [3] + [1] * 4  # PCL-5 item 16 "Quite a bit"


def _older_row(entry_id: str, instrument: str, answers: list[int], score: Any, day: date) -> Any:
    document = {
        "kind": "questionnaire",
        "day": day.isoformat(),
        "note": "",
        "id": entry_id,
        "instrument": instrument,
        "answers": answers,
        "score": score,
    }
    return NewEntry(entry_id, "questionnaire", day, document, document_digest(document))


def test_a_lying_stored_score_still_raises_its_crisis_events(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    app = open_app(settings, clock=lambda: FIXED_NOW)
    try:
        profile, _ = parse_profile_toml(PROFILE.read_text(encoding="utf-8"))
        assert profile is not None
        person, _, _ = app.set_up(profile)
        day = app.today()
        config = alembic_config()
        with write_transaction(app.store.engine) as conn:  # back to the schema before events
            config.attributes["connection"] = conn
            command.downgrade(config, BEFORE_SAFETY)
        # What an older version wrote: its schema had no dashboard summaries to keep up to date.
        monkeypatch.setattr(entries_repo, "summarise", lambda conn, rows: None)
        with write_transaction(app.store.engine) as conn:
            rows = [
                _older_row("old-phq9", "phq9", ITEM9, LIE, day),
                _older_row("old-pcl5", "pcl5", RISKY, {"total": 0, "flags": []}, day),
                _older_row("old-calm", "phq9", [1] * 8 + [0], {"total": 8, "flags": []}, day),
            ]
            entries_repo.put_entries(conn, person.id, rows, app.now())
    finally:
        app.close()
        monkeypatch.undo()
    app = open_app(settings, clock=lambda: FIXED_NOW)  # opening upgrades to the newest schema
    try:
        codes = {(e.source_id, e.alert.code) for e in stored_events(app, person.id)}
        assert ("old-phq9", "suicidal_ideation") in codes
        assert ("old-pcl5", "risky_behaviour") in codes
        assert not any(source == "old-calm" for source, _ in codes)
        assert due_today(app, person.id).to_json()["crisis"] is True
    finally:
        app.close()
