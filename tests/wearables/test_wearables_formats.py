"""Each export format read into one value per day and measure, from the kept small exports.

Expected values are worked out by hand from ``make_exports.py`` (minutes between the samples'
times), not read back from the code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mgcalm.interop.wearables import WearableImport, read_export

EXPORTS = Path(__file__).parent / "exports"
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def _values(result: WearableImport) -> dict[tuple[date, str], float]:
    return {(v.day, v.measure): v.value for v in result.values}


@pytest.mark.parametrize("name", ["export.xml", "apple_health_export.zip"])
def test_apple_health_nights_land_on_the_day_the_person_wakes(name: str) -> None:
    result = read_export(EXPORTS / name, zone=PARIS)
    values = _values(result)
    assert result.source == "apple-health"
    sleep = {day: v for (day, m), v in values.items() if m == "sleep_minutes"}
    assert sleep == {
        # 23:10–01:00, 01:15–06:45 asleep (the 15-minute awake spell left out; the stage
        # written twice counted once): 110 + 330 minutes.
        date(2024, 3, 29): 440.0,
        date(2024, 3, 30): 420.0,  # 23:30–06:30
        date(2024, 3, 31): 420.0,  # 23:00 +01:00 to 07:00 +02:00 is seven hours, not eight
        date(2024, 4, 1): 460.0,  # the 40-minute nap ending 19:40 the evening before + 7 h
        date(2024, 4, 10): 720.0,  # Los Angeles 23:30–11:30 local, 20:30 in Paris
    }
    # Efficiency needs the device's own awake or in-bed time: 440 / 455 and 420 / 430.
    assert values[(date(2024, 3, 29), "sleep_efficiency")] == 96.7
    assert values[(date(2024, 3, 30), "sleep_efficiency")] == 97.7
    assert (date(2024, 3, 31), "sleep_efficiency") not in values


def test_apple_health_daily_measures() -> None:
    values = _values(read_export(EXPORTS / "export.xml"))
    assert values[(date(2024, 3, 29), "resting_heart_rate")] == 58.0
    assert values[(date(2024, 3, 31), "resting_heart_rate")] == 56.0
    assert values[(date(2024, 3, 29), "hrv_sdnn")] == 45.0  # mean of 40 and 50
    # 120 + 80 mg at the top level; the meal's copy inside its correlation is not added again.
    assert values[(date(2024, 3, 29), "dietary_magnesium_mg")] == 200.0
    assert values[(date(2024, 3, 29), "mindful_minutes")] == 5.0  # one session written twice
    assert not any(m in ("hrv_rmssd",) for _, m in values)


def test_two_devices_recording_the_same_nights_are_not_summed() -> None:
    result = read_export(EXPORTS / "export.xml")
    assert result.devices["sleep_minutes"] == "Marie’s Apple Watch"  # 5 nights against 2
    ring = [s for s in result.skipped if s.what == "sleep_minutes from Oura"]
    assert ring and ring[0].count == 2 and "Apple Watch is used" in ring[0].reason
    # The phone recorded time in bed only: it never becomes sleep.
    assert not any("iPhone" in v.device for v in result.values)


def test_the_persons_preferred_device_is_used_when_it_recorded_the_measure() -> None:
    result = read_export(EXPORTS / "export.xml", preferred=["oura"])
    values = _values(result)
    assert result.devices["sleep_minutes"] == "Oura"
    assert values[(date(2024, 3, 29), "sleep_minutes")] == 440.0  # ring: 23:20–06:40
    assert values[(date(2024, 3, 30), "sleep_minutes")] == 400.0  # ring: 23:40–06:20
    assert result.devices["resting_heart_rate"] == "Marie’s Apple Watch"  # the ring has none


def test_google_takeout_fitbit() -> None:
    result = read_export(EXPORTS / "takeout-fitbit.zip")
    values = _values(result)
    assert result.source == "google-fitbit"
    assert values[(date(2024, 3, 2), "sleep_minutes")] == 410.0
    assert values[(date(2024, 3, 2), "sleep_efficiency")] == pytest.approx(91.1)  # 410 / 450
    # The nap ending 19:10 on 2 March joins the night that ends on 3 March: 35 + 420 of 520.
    assert values[(date(2024, 3, 3), "sleep_minutes")] == 455.0
    assert values[(date(2024, 3, 3), "sleep_efficiency")] == 87.5
    assert values[(date(2024, 3, 2), "resting_heart_rate")] == 61.3
    assert (date(2024, 3, 3), "resting_heart_rate") not in values  # Fitbit's 0: no reading
    assert values[(date(2024, 3, 3), "hrv_rmssd")] == 35.0


def test_oura_json_across_the_clock_change_with_a_nap_and_a_rest_period() -> None:
    result = read_export(EXPORTS / "oura_sleep.json")
    values = _values(result)
    assert result.source == "oura"
    assert values[(date(2024, 3, 30), "sleep_minutes")] == 420.0
    assert values[(date(2024, 3, 30), "resting_heart_rate")] == 52.0
    # Wakes 31 March at 07:30 +02:00; the afternoon nap adds 35 minutes (40 in bed); the
    # rest-mode period is not sleep. Heart rate and HRV come from the long night.
    assert values[(date(2024, 3, 31), "sleep_minutes")] == 435.0
    assert values[(date(2024, 3, 31), "sleep_efficiency")] == pytest.approx(88.8)  # 435 / 490
    assert values[(date(2024, 3, 31), "resting_heart_rate")] == 51.0
    assert values[(date(2024, 3, 31), "hrv_rmssd")] == 50.0
    assert not any(m == "hrv_sdnn" for _, m in values)


def test_oura_older_trends_csv() -> None:
    values = _values(read_export(EXPORTS / "oura_trends.csv", source="oura"))
    assert values == {
        (date(2024, 4, 2), "sleep_minutes"): 440.0,
        (date(2024, 4, 2), "sleep_efficiency"): pytest.approx(91.7),
        (date(2024, 4, 2), "resting_heart_rate"): 53.0,
        (date(2024, 4, 2), "hrv_rmssd"): 46.0,
    }


def test_garmin_fit_sleep_with_its_own_offset() -> None:
    result = read_export(EXPORTS / "2024-03-02-sleep.fit", zone=NEW_YORK)
    values = _values(result)
    assert result.source == "garmin" and result.devices["sleep_minutes"] == "Garmin fenix6"
    # Light, deep, REM from 22:30 UTC to 05:45 UTC with 15 minutes awake: 420 of 435 minutes;
    # the file says UTC+1, so the night ends 06:45 on 2 March whatever the person's zone.
    assert values[(date(2024, 3, 2), "sleep_minutes")] == 420.0
    assert values[(date(2024, 3, 2), "sleep_efficiency")] == pytest.approx(96.6)
    assert values[(date(2024, 3, 2), "hrv_rmssd")] == 41.5


@pytest.mark.parametrize(("zone", "day"), [(NEW_YORK, date(2024, 3, 3)), (PARIS, date(2024, 3, 4))])
def test_garmin_utc_only_file_is_read_in_the_persons_zone(zone: ZoneInfo, day: date) -> None:
    # 02:00 UTC on 4 March is 21:00 on 3 March in New York and 03:00 on 4 March in Paris.
    values = _values(read_export(EXPORTS / "2024-03-04-monitor.fit", zone=zone))
    assert values == {(day, "resting_heart_rate"): 53.0}


def test_garmin_export_with_its_fit_files_in_a_zip_inside_the_zip() -> None:
    result = read_export(EXPORTS / "garmin-export.zip", zone=NEW_YORK)
    assert result.summary()["measures"] == {
        "sleep_minutes": 1,
        "sleep_efficiency": 1,
        "resting_heart_rate": 1,
        "hrv_rmssd": 1,
    }


def test_summary_has_the_documented_keys() -> None:
    summary = read_export(EXPORTS / "export.xml").summary()
    assert summary["source"] == "apple-health"
    assert (summary["days"], summary["first_day"], summary["last_day"]) == (
        5,
        "2024-03-29",
        "2024-04-10",
    )
    assert summary["measures"] == {
        "sleep_minutes": 5,
        "sleep_efficiency": 2,
        "resting_heart_rate": 3,
        "hrv_sdnn": 2,
        "dietary_magnesium_mg": 1,
        "mindful_minutes": 1,
    }
    assert isinstance(summary["skipped"], list)
