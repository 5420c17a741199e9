"""The dashboard's counts, filters, sort and pages: pure functions over its rows.

A busy clinic reads the counts first (who needs attention today, this week, who is on track,
who has magnesium paused), then narrows the table. Everything is driven by query parameters, so
sorting and filtering work without JavaScript and every view has a URL to bookmark or share:

- ``status``: ``today`` | ``week`` | ``on_track`` | ``paused``;
- ``flag``: a flag code (``item9``, ``missed_doses``…), ``any`` or ``none``;
- ``phase``: ``baseline`` | ``titration`` | ``maintenance`` | ``withdrawal`` | ``none``;
- ``adherence``: ``low`` (under 80 %), ``ok`` (80 % or more) or ``unknown`` (not on magnesium);
- ``seen``: ``today``, ``3d`` (within 3 days), ``quiet`` (4 days or more, or never);
- ``q``: part of a name (any case);
- ``sort``: ``attention`` (default) | ``name`` | ``phase`` | ``adherence`` | ``seen``, and
  ``order``: ``asc`` | ``desc``; ``page`` from 1.

Unknown values are ignored (the view says what it applied), never an error page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from mgcalm.app.clinic.safety_flags import URGENT

STATUSES = ("today", "week", "on_track", "paused")
STATUS_LABELS = {
    "today": "Needs attention today",
    "week": "Needs attention this week",
    "on_track": "On track",
    "paused": "Magnesium paused",
}
PHASES = ("baseline", "titration", "maintenance", "withdrawal", "none")
ADHERENCE = ("low", "ok", "unknown")
SEEN = ("today", "3d", "quiet")
SORTS = ("attention", "name", "phase", "adherence", "seen")
PAGE_SIZE = 100
#: The filters a page offers: (parameter, label, ((value, words), …)).
FILTERS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "flag",
        "Flag",
        (
            ("any", "any flag"),
            ("none", "no flag"),
            ("item9", "PHQ-9 item 9"),
            ("pcl5_item16", "PCL-5 item 16"),
            ("crisis", "crisis"),
            ("distress", "distress 9–10"),
            ("stop", "magnesium paused"),
            ("red_flag", "magnesium warning sign"),
            ("worsening", "worsening"),
            ("side_effects", "side effects"),
            ("missed_doses", "missed doses"),
            ("phase_ending", "phase ending"),
            ("not_logging", "not logging"),
        ),
    ),
    ("phase", "Phase", tuple((p, "not started" if p == "none" else p) for p in PHASES)),
    (
        "adherence",
        "Doses",
        (("low", "under 80 %"), ("ok", "80 % or more"), ("unknown", "not on magnesium")),
    ),
    (
        "seen",
        "Last logged",
        (("today", "today"), ("3d", "within 3 days"), ("quiet", "4 days ago or more")),
    ),
)
_LOW_ADHERENCE = 80
_QUIET_DAYS = 4
_ATTENTION_RANK = {"today": 0, "paused": 1, "week": 2, "on_track": 3}
_PHASE_ORDER = {"baseline": 0, "titration": 1, "maintenance": 2, "withdrawal": 3}


@dataclass(frozen=True, slots=True)
class DashboardQuery:
    """What the clinician asked to see (each field empty when not asked)."""

    status: str = ""
    flag: str = ""
    phase: str = ""
    adherence: str = ""
    seen: str = ""
    q: str = ""
    sort: str = "attention"
    order: str = "asc"
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> DashboardQuery:
        """The query from URL parameters; values it does not know are left out."""

        def pick(name: str, allowed: tuple[str, ...], default: str = "") -> str:
            value = str(params.get(name, "")).strip()
            return value if value in allowed else default

        page = str(params.get("page", "1")).strip()
        return cls(
            status=pick("status", STATUSES),
            flag=pick("flag", tuple(value for value, _ in FILTERS[0][2])),
            phase=pick("phase", PHASES),
            adherence=pick("adherence", ADHERENCE),
            seen=pick("seen", SEEN),
            q=str(params.get("q", "")).strip()[:80],
            sort=pick("sort", SORTS, "attention"),
            order=pick("order", ("asc", "desc"), "asc"),
            page=max(1, int(page)) if page.isdigit() and len(page) < 6 else 1,
        )

    def params(self, **changes: Any) -> dict[str, str]:
        """The non-default parameters of this query with ``changes`` (for links)."""
        values = asdict(replace(self, **changes))
        defaults = asdict(DashboardQuery())
        return {k: str(v) for k, v in values.items() if v != defaults[k]}


def status_of(row: Mapping[str, Any]) -> str:
    """One of :data:`STATUSES`: an urgent flag comes first, then a pause, then any flag."""
    codes = {flag["code"] for flag in row["flags"]}
    if codes & (set(URGENT) - {"stop"}):
        return "today"
    if "stop" in codes:
        return "paused"
    return "week" if codes else "on_track"


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many people are in each status (every person counts once)."""
    found = dict.fromkeys(STATUSES, 0)
    for row in rows:
        found[row["status"]] += 1
    return found


def select(rows: list[dict[str, Any]], query: DashboardQuery, today: date) -> list[dict[str, Any]]:
    """The rows that pass every filter, in the asked order (all pages)."""
    tests = _tests(query, today)
    kept = [row for row in rows if all(test(row) for test in tests)]
    key = _SORT_KEYS[query.sort]
    kept.sort(key=lambda row: row["name"].lower())  # ties read alphabetically
    return sorted(kept, key=key, reverse=query.order == "desc")


def page_of(rows: list[dict[str, Any]], page: int) -> tuple[list[dict[str, Any]], int]:
    """The rows of one page (pages of :data:`PAGE_SIZE`), and how many pages there are."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(page, pages)
    return rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], pages


def _tests(query: DashboardQuery, today: date) -> list[Callable[[dict[str, Any]], bool]]:
    tests: list[Callable[[dict[str, Any]], bool]] = []
    if query.status:
        tests.append(lambda row: row["status"] == query.status)
    if query.flag:
        tests.append(lambda row: _has_flag(row, query.flag))
    if query.phase:
        wanted = None if query.phase == "none" else query.phase
        tests.append(lambda row: row["phase"] == wanted)
    if query.adherence:
        tests.append(lambda row: _adherence_band(row["adherence"]) == query.adherence)
    if query.seen:
        tests.append(lambda row: _seen_band(row["last_logged"], today) == query.seen)
    if query.q:
        needle = query.q.casefold()
        tests.append(lambda row: needle in row["name"].casefold())
    return tests


def _has_flag(row: Mapping[str, Any], flag: str) -> bool:
    codes = {f["code"] for f in row["flags"]}
    if flag == "any":
        return bool(codes)
    if flag == "none":
        return not codes
    return flag in codes


def _adherence_band(adherence: int | None) -> str:
    if adherence is None:
        return "unknown"
    return "low" if adherence < _LOW_ADHERENCE else "ok"


def _seen_band(last_logged: str | None, today: date) -> str:
    if last_logged is None:
        return "quiet"
    days = (today - date.fromisoformat(last_logged)).days
    if days <= 0:
        return "today"
    return "3d" if days < _QUIET_DAYS else "quiet"


def _attention_key(row: Mapping[str, Any]) -> tuple[int, int]:
    return (_ATTENTION_RANK[row["status"]], -len(row["flags"]))


def _phase_key(row: Mapping[str, Any]) -> tuple[int, int]:
    return (_PHASE_ORDER.get(row["phase"] or "", 9), row["phase_day"] or 0)


def _adherence_key(row: Mapping[str, Any]) -> int:
    return -1 if row["adherence"] is None else int(row["adherence"])


def _seen_key(row: Mapping[str, Any]) -> str:
    return row["last_logged"] or ""


_SORT_KEYS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "attention": _attention_key,
    "name": lambda row: row["name"].lower(),
    "phase": _phase_key,
    "adherence": _adherence_key,
    "seen": _seen_key,
}
