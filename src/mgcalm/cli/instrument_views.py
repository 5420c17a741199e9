"""How questionnaire results and crisis resources read in the terminal (shared by commands).

Every screen that shows a safety flag (such as ``suicidal_ideation``) shows crisis resources
with it, in readable output and in ``--json`` (as ``crisis_resources``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mgcalm.instruments import CrisisResource, Score


def chosen_region(region: str | None, person: str | None = None) -> str:
    """The region asked for, else the person's saved country, else ``MGCALM_REGION``.

    A crisis path must always answer: if the data cannot be read, the setting is used.
    """
    if region:
        return region
    from mgcalm.app.settings import load_settings

    try:
        from mgcalm.app import open_app
        from mgcalm.app.safety.country import region_for

        app = open_app()
        try:
            people = app.people()
            who = person if person else (people[0].id if len(people) == 1 else None)
            return region_for(app, who)
        finally:
            app.close()
    except Exception:  # never let a storage problem hide the crisis lines
        return load_settings().region


def resource_lines(resources: tuple[CrisisResource, ...]) -> list[str]:
    """Each resource on one line, then the reminder that mgcalm is not monitored."""
    from mgcalm.instruments import NOT_MONITORED

    lines = [f"  - {r.one_line()}" for r in resources]
    return [*lines, f"  {NOT_MONITORED}"]


def crisis_block(region: str) -> list[str]:
    """The crisis resources for a region as readable lines, headed by the region code."""
    from mgcalm.instruments import normalise_region, region_note, resources_for

    code = normalise_region(region)
    note = region_note(region)
    head = [f"Crisis resources ({code}):", *([f"  {note}"] if note else [])]
    return [*head, *resource_lines(resources_for(code))]


def score_lines(result: Score, region: str, previous: Score | None = None) -> list[str]:
    """A score in readable lines: total, band, clusters, meaning, change, flags, resources."""
    from mgcalm.instruments import check_score, describe_change, meaning, reliable_change

    lines = [_headline(result)]
    if result.subscales:
        parts = ", ".join(f"{k} {v}" for k, v in result.subscales.items())
        met = "met" if result.provisional_ptsd else "not met"
        lines += [f"Clusters: {parts}", f"Provisional DSM-5 symptom rule: {met}"]
    lines.append(meaning(result))
    if previous is not None and previous.instrument == result.instrument:
        change = reliable_change(result.instrument, previous.total, result.total)
        lines.append(f"Since last time: {describe_change(change)}")
    alerts = check_score(result, previous)
    for alert in alerts:
        lines += ["", f"!! {alert.message}", *[f"   {a}" for a in alert.actions]]
    if any(a.show_crisis_resources for a in alerts):
        lines += ["", *crisis_block(region)]
    return lines


def _headline(result: Score) -> str:
    from mgcalm.instruments import get_instrument

    instrument = get_instrument(result.instrument)
    return f"{instrument.name} total: {result.total} of {instrument.max_total} ({result.band})"


def score_json(result: Score, region: str) -> dict[str, Any]:
    """The score contract, plus ``crisis_resources`` whenever a flag calls for them."""
    from mgcalm.instruments import check_score, resources_for

    data = result.to_json()
    if any(a.show_crisis_resources for a in check_score(result)):
        data["crisis_resources"] = [r.to_json() for r in resources_for(region)]
    return data
