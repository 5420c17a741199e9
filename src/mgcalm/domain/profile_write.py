"""Write a Profile as ``mgcalm.profile/1`` TOML that ``parse_profile_toml`` reads back unchanged."""

from __future__ import annotations

from collections.abc import Iterable

from mgcalm.domain.profile import DAY_FIELDS, PROFILE_SCHEMA, Profile


def profile_to_toml(profile: Profile) -> str:
    """Write a profile as ``mgcalm.profile/1`` TOML that ``parse_profile_toml`` reads back."""
    person, health, day = profile.person, profile.health, profile.day
    lines = [f'schema = "{PROFILE_SCHEMA}"', "", "[person]", f"age = {person.age}"]
    lines += [f'sex = "{person.sex}"', f"pregnant = {_bool(person.pregnant)}"]
    lines += [f"lactating = {_bool(person.lactating)}", "", "[health]"]
    if health.egfr is not None:
        lines.append(f"egfr = {_number(health.egfr)}")
    if health.egfr_date is not None:
        lines.append(f"egfr_date = {health.egfr_date.isoformat()}")
    if health.kidney is not None:
        lines.append(f'kidney = "{health.kidney}"')
    lines += [f"conditions = {_strings(health.conditions)}", "", "[day]"]
    at = {name: getattr(day, name) for name in DAY_FIELDS}
    lines += [f'{name} = "{value:%H:%M}"' for name, value in at.items() if value is not None]
    lines += ["", "[goals]", f"focus = {_strings(profile.goals)}", "", "[diet]"]
    if profile.diet_magnesium_mg is not None:
        lines.append(f"magnesium_mg = {_number(profile.diet_magnesium_mg)}")
    for med in profile.medications:
        lines += ["", "[[medications]]", f"name = {_quote(med.name)}"]
        lines.append(f"times = {_strings(f'{t:%H:%M}' for t in med.times)}")
        if med.start is not None and med.end is not None:
            lines += [f"start = {med.start.isoformat()}", f"end = {med.end.isoformat()}"]
        if med.days:
            lines.append(f"days = {_strings(med.days)}")
        if med.every is not None:
            lines.append(f'every = "{med.every}"')
        if med.as_needed:
            lines.append("as_needed = true")
        if med.amount_mg is not None:
            lines.append(f"amount_mg = {_number(med.amount_mg)}")
    for sup in profile.supplements:
        lines += ["", "[[supplements]]", f"name = {_quote(sup.name)}"]
        lines.append(f"amount_mg = {_number(sup.amount_mg)}")
        lines.append(f"times = {_strings(f'{t:%H:%M}' for t in sup.times)}")
    return "\n".join(lines) + "\n"


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _quote(text: str) -> str:
    """A TOML basic string; escapes backslashes, quotes and control characters (incl. DEL)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if " " <= ch != "\x7f" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def _strings(values: Iterable[str]) -> str:
    return "[" + ", ".join(_quote(v) for v in values) + "]"
