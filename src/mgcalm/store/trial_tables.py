"""Tables of the trial's pre-registration, its sealed allocation and the blinding guesses.

The registration (design, dates, primary outcome, the seal) is what every view may show. The
allocation — which randomised period is magnesium — lives in its own table, read only by the
unblinding step and, once it is recorded, by the analysis; so no view can show it by mistake.
"""

from __future__ import annotations

import sqlalchemy as sa

from mgcalm.store.tables import DIGEST, ID, STAMP, metadata

trial_registrations = sa.Table(
    "trial_registrations",
    metadata,
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("design", sa.String(20), nullable=False),
    sa.Column("blinded", sa.Boolean, nullable=False),
    sa.Column("start", sa.Date, nullable=False),
    sa.Column("planned_end", sa.Date, nullable=False),
    sa.Column("pairs", sa.Integer, nullable=True),
    sa.Column("period_days", sa.Integer, nullable=True),
    sa.Column("baseline_days", sa.Integer, nullable=False),
    sa.Column("transition_days", sa.Integer, nullable=False),
    sa.Column("primary_outcome", sa.String(40), nullable=True),
    sa.Column("registered_on", sa.Date, nullable=False),
    # SHA-256 of the schedule and seed: shown from the start, checked on unblinding.
    sa.Column("seal", DIGEST, nullable=True),
    sa.Column("created_at", STAMP, nullable=False),
)

trial_allocations = sa.Table(
    "trial_allocations",
    metadata,
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("conditions", sa.JSON, nullable=False),
    sa.Column("unblinded_on", sa.Date, nullable=True),
    sa.Column("unblind_reason", sa.Text, nullable=False, server_default=""),
    sa.Column("unblinded_at", STAMP, nullable=True),
)

blinding_guesses = sa.Table(
    "blinding_guesses",
    metadata,
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("period", sa.Integer, nullable=False),
    sa.Column("guess", sa.String(12), nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
)

TRIAL_TABLES = (trial_registrations, trial_allocations, blinding_guesses)
