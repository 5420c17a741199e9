"""Nights, overlaps and the device choice, checked against slow obvious versions (hypothesis)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zipfile import ZipFile

from hypothesis import given
from hypothesis import strategies as st
from tests.wearables.make_exports import EXPORTS, export_files

from mgcalm.interop.wearables import DayBook, choose, choose_device, wake_day
from mgcalm.interop.wearables.days import DeviceDay, merged_seconds

spans = st.lists(
    st.tuples(st.integers(0, 300), st.integers(1, 120)).map(lambda s: (s[0], s[0] + s[1])),
    max_size=12,
)


@given(spans)
def test_merged_length_counts_every_covered_minute_once(found: list[tuple[int, int]]) -> None:
    covered = {minute for start, end in found for minute in range(start, end)}
    assert merged_seconds([(float(a), float(b)) for a, b in found]) == len(covered)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_wake_day_is_the_same_day_before_18h_and_the_next_day_after(moment: datetime) -> None:
    expected = moment.date() + timedelta(days=1 if moment.hour >= 18 else 0)
    assert wake_day(moment) == expected


def test_a_night_crossing_midnight_lands_on_one_day() -> None:
    book = DayBook()
    zone = timezone(timedelta(hours=1))
    evening = datetime(2024, 1, 1, 23, 0, tzinfo=zone)
    book.sleep_span("watch", evening, evening + timedelta(minutes=50), "asleep")
    book.sleep_span("watch", evening + timedelta(hours=1), evening + timedelta(hours=8), "asleep")
    assert [(v.day, v.measure, v.value) for v in book.values()] == [
        (date(2024, 1, 2), "sleep_minutes", 470.0)
    ]


def test_implausible_values_are_skipped_with_the_range() -> None:
    book = DayBook()
    book.reading("resting_heart_rate", "watch", date(2024, 1, 2), 400)
    book.sleep_span(
        "watch", datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 3, tzinfo=UTC), "asleep"
    )
    assert book.values() == ()
    reasons = {s.reason for s in book.skipped}
    assert "outside 25–220 /min" in reasons
    assert "it does not last between 0 and 24 hours" in reasons


@given(
    st.dictionaries(
        st.sampled_from(["watch", "ring", "phone", "band"]), st.integers(1, 30), min_size=1
    )
)
def test_without_a_preference_the_device_with_most_days_is_kept(days: dict[str, int]) -> None:
    chosen = choose_device(days, ())
    assert days[chosen] == max(days.values())
    assert chosen == min(d for d, n in days.items() if n == days[chosen])


def test_preference_then_previous_choice_then_most_days() -> None:
    days = {"Watch": 20, "Ring": 5}
    assert choose_device(days, ["ring"]) == "Ring"
    assert choose_device(days, ["band"], previous="Ring") == "Ring"
    assert choose_device(days, ["band"], previous="Band") == "Watch"


def test_choice_keeps_one_device_per_measure_and_lists_the_rest() -> None:
    day = date(2024, 1, 2)
    found = [
        DeviceDay(day, "sleep_minutes", "Watch", 400.0),
        DeviceDay(day, "sleep_minutes", "Ring", 380.0),
        DeviceDay(day, "hrv_rmssd", "Ring", 40.0),
    ]
    result = choose("apple-health", found, (), preferred=["Watch"])
    assert [(v.measure, v.device, v.value) for v in result.values] == [
        ("hrv_rmssd", "Ring", 40.0),
        ("sleep_minutes", "Watch", 400.0),
    ]
    assert [(s.what, s.count) for s in result.skipped] == [("sleep_minutes from Ring", 1)]


def test_kept_exports_are_what_the_generator_writes() -> None:
    for name, data in export_files().items():
        kept = EXPORTS / name
        if name.endswith(".zip"):  # compare members: deflate output may differ by zlib version
            assert _members(kept) == _members_of_bytes(data), name
        else:
            assert kept.read_bytes() == data, name
        assert kept.stat().st_size < 16_000, f"{name} should stay a few KB"


def _members(path: Path) -> dict[str, bytes]:
    with ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if not n.endswith(".zip")}


def _members_of_bytes(data: bytes) -> dict[str, bytes]:
    import io

    return _members(io.BytesIO(data))  # type: ignore[arg-type]
