"""Small wearable exports, written the way each device's export is published, for the tests.

Run ``.venv/bin/python tests/wearables/make_exports.py`` to rewrite ``tests/wearables/exports/``;
``test_wearables_fixtures.py`` checks that the kept files are what this module writes.

The person lives in Paris (UTC+1, UTC+2 from 31 March 2024). The files hold, on purpose:
nights crossing midnight, the spring-forward night, an evening nap that belongs to the next
day, a night slept in Los Angeles (Apple's ``HKTimeZone`` metadata), a watch and a ring that
both recorded the same nights, samples written twice, a meal's magnesium repeated inside a
correlation, Oura's rest-mode period, Fitbit's 0 for "no reading", and FIT files with and
without their own UTC offset.
"""

# ruff: noqa: E501  (one sample per line: the fixture reads like the export it imitates)

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from garmin_fit_sdk import Encoder, Profile

EXPORTS = Path(__file__).parent / "exports"
ZIP_TIME = (2024, 4, 12, 9, 0, 0)
WATCH = "Marie’s Apple Watch"
DEVICE = (
    "&lt;&lt;HKDevice: 0x600000d2c4b0&gt;, name:Apple Watch, manufacturer:Apple Inc., "
    "model:Watch, hardware:Watch6,2, software:10.3.1&gt;"
)

APPLE_DTD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ATTLIST Correlation
  type          CDATA #REQUIRED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
  dateComponents           CDATA #IMPLIED
  activeEnergyBurned       CDATA #IMPLIED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!ELEMENT HeartRateVariabilityMetadataList (InstantaneousBeatsPerMinute*)>
<!ELEMENT InstantaneousBeatsPerMinute EMPTY>
<!ATTLIST InstantaneousBeatsPerMinute
  bpm  CDATA #REQUIRED
  time CDATA #REQUIRED
>
]>
"""


def _record(kind: str, source: str, start: str, end: str, extra: str = "", body: str = "") -> str:
    device = f' device="{DEVICE}"' if source == WATCH else ""
    head = (
        f' <Record type="{kind}" sourceName="{source}" sourceVersion="10.3.1"{device}{extra}'
        f' creationDate="{end}" startDate="{start}" endDate="{end}"'
    )
    return f"{head}>\n{body} </Record>\n" if body else f"{head}/>\n"


def _sleep(source: str, value: str, start: str, end: str, body: str = "") -> str:
    kind = "HKCategoryTypeIdentifierSleepAnalysis"
    return _record(kind, source, start, end, f' value="HKCategoryValueSleepAnalysis{value}"', body)


def _quantity(kind: str, source: str, unit: str, value: str, start: str, end: str) -> str:
    extra = f' unit="{unit}" value="{value}"'
    return _record(f"HKQuantityTypeIdentifier{kind}", source, start, end, extra)


def _watch_nights() -> list[str]:
    la = '  <MetadataEntry key="HKTimeZone" value="America/Los_Angeles"/>\n'
    return [
        # Wakes 29 March: stages across midnight, one awake spell, the last stage written twice.
        _sleep(WATCH, "AsleepCore", "2024-03-28 23:10:00 +0100", "2024-03-29 01:00:00 +0100"),
        _sleep(WATCH, "Awake", "2024-03-29 01:00:00 +0100", "2024-03-29 01:15:00 +0100"),
        _sleep(WATCH, "AsleepDeep", "2024-03-29 01:15:00 +0100", "2024-03-29 02:30:00 +0100"),
        _sleep(WATCH, "AsleepREM", "2024-03-29 02:30:00 +0100", "2024-03-29 03:30:00 +0100"),
        _sleep(WATCH, "AsleepCore", "2024-03-29 03:30:00 +0100", "2024-03-29 06:45:00 +0100"),
        _sleep(WATCH, "AsleepCore", "2024-03-29 03:30:00 +0100", "2024-03-29 06:45:00 +0100"),
        # Wakes 30 March: the older "asleep" value, then ten minutes awake.
        _sleep(
            WATCH, "AsleepUnspecified", "2024-03-29 23:30:00 +0100", "2024-03-30 06:30:00 +0100"
        ),
        _sleep(WATCH, "Awake", "2024-03-30 06:30:00 +0100", "2024-03-30 06:40:00 +0100"),
        # Wakes 31 March: clocks go forward at 02:00, so 23:00 to 07:00 is seven hours.
        _sleep(WATCH, "AsleepCore", "2024-03-30 23:00:00 +0100", "2024-03-31 07:00:00 +0200"),
        # Wakes 1 April: an evening nap (ends after 18:00) and the night after it.
        _sleep(WATCH, "AsleepCore", "2024-03-31 19:00:00 +0200", "2024-03-31 19:40:00 +0200"),
        _sleep(WATCH, "AsleepCore", "2024-03-31 23:00:00 +0200", "2024-04-01 06:00:00 +0200"),
        # Wakes 10 April in Los Angeles at 11:30 (20:30 in Paris, the zone of the export).
        _sleep(WATCH, "AsleepCore", "2024-04-10 08:30:00 +0200", "2024-04-10 20:30:00 +0200", la),
    ]


def _other_sleep() -> list[str]:
    phone, ring = "iPhone de Marie", "Oura"
    return [
        # The phone's bedtime: time in bed only, never sleep.
        _sleep(phone, "InBed", "2024-03-28 22:50:00 +0100", "2024-03-29 06:55:00 +0100"),
        _sleep(phone, "InBed", "2024-03-29 23:15:00 +0100", "2024-03-30 06:45:00 +0100"),
        # A ring that wrote the same two nights to Apple Health.
        _sleep(ring, "Asleep", "2024-03-28 23:20:00 +0100", "2024-03-29 06:40:00 +0100"),
        _sleep(ring, "Asleep", "2024-03-29 23:40:00 +0100", "2024-03-30 06:20:00 +0100"),
    ]


def _daily_records() -> list[str]:
    app = "Cronometer"
    rhr, hrv, mg = "RestingHeartRate", "HeartRateVariabilitySDNN", "DietaryMagnesium"
    meal = (
        ' <Correlation type="HKCorrelationTypeIdentifierFood" sourceName="Cronometer"'
        ' creationDate="2024-03-29 12:40:00 +0100" startDate="2024-03-29 12:30:00 +0100"'
        ' endDate="2024-03-29 12:30:00 +0100">\n'
        '  <Record type="HKQuantityTypeIdentifierDietaryMagnesium" sourceName="Cronometer"'
        ' unit="mg" creationDate="2024-03-29 12:40:00 +0100" startDate="2024-03-29 12:30:00 +0100"'
        ' endDate="2024-03-29 12:30:00 +0100" value="80"/>\n </Correlation>\n'
    )
    mindful = "HKCategoryTypeIdentifierMindfulSession"
    return [
        _quantity(
            rhr, WATCH, "count/min", "58", "2024-03-29 00:03:00 +0100", "2024-03-29 21:58:00 +0100"
        ),
        _quantity(
            rhr, WATCH, "count/min", "57", "2024-03-30 00:01:00 +0100", "2024-03-30 22:10:00 +0100"
        ),
        _quantity(
            rhr, WATCH, "count/min", "56", "2024-03-31 00:02:00 +0100", "2024-03-31 21:40:00 +0200"
        ),
        _quantity(hrv, WATCH, "ms", "40", "2024-03-29 02:10:00 +0100", "2024-03-29 02:11:00 +0100"),
        _quantity(hrv, WATCH, "ms", "50", "2024-03-29 14:20:00 +0100", "2024-03-29 14:21:00 +0100"),
        _quantity(hrv, WATCH, "ms", "38", "2024-03-30 03:05:00 +0100", "2024-03-30 03:06:00 +0100"),
        _quantity(mg, app, "mg", "120", "2024-03-29 08:00:00 +0100", "2024-03-29 08:00:00 +0100"),
        _quantity(mg, app, "mg", "80", "2024-03-29 12:30:00 +0100", "2024-03-29 12:30:00 +0100"),
        meal,
        _record(mindful, WATCH, "2024-03-29 08:00:00 +0100", "2024-03-29 08:05:00 +0100"),
        _record(mindful, WATCH, "2024-03-29 08:00:00 +0100", "2024-03-29 08:05:00 +0100"),
    ]


def _noise() -> list[str]:
    """Records mgcalm does not use, as most of a real export is."""
    hr = "HeartRate"
    return [
        _quantity(
            hr, WATCH, "count/min", "72", "2024-03-29 09:00:00 +0100", "2024-03-29 09:00:00 +0100"
        ),
        _quantity(
            "StepCount",
            WATCH,
            "count",
            "340",
            "2024-03-29 09:00:00 +0100",
            "2024-03-29 09:10:00 +0100",
        ),
        ' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="20"'
        ' durationUnit="min" sourceName="Marie’s Apple Watch" startDate="2024-03-29 17:00:00 +0100"'
        ' endDate="2024-03-29 17:20:00 +0100"/>\n',
        ' <ActivitySummary dateComponents="2024-03-29" activeEnergyBurned="310"/>\n',
    ]


def _later_night() -> list[str]:
    """What an export made two days later adds: the night to 12 April and its resting rate."""
    return [
        _sleep(WATCH, "AsleepCore", "2024-04-11 23:00:00 +0200", "2024-04-12 06:30:00 +0200"),
        _quantity(
            "RestingHeartRate",
            WATCH,
            "count/min",
            "55",
            "2024-04-12 00:01:00 +0200",
            "2024-04-12 21:00:00 +0200",
        ),
    ]


def apple_export_xml(*, later: bool = False) -> bytes:
    """Apple Health's export.xml for the nights described in the module docstring.

    ``later`` is the export the person makes two days afterwards: the same records and more.
    """
    body = [*_watch_nights(), *_other_sleep(), *_daily_records(), *_noise()]
    body += _later_night() if later else []
    return (
        APPLE_DTD
        + '<HealthData locale="fr_FR">\n <ExportDate value="2024-04-12 09:00:00 +0200"/>\n'
        + ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-05-01"'
        ' HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>\n'
        + "".join(body)
        + "</HealthData>\n"
    ).encode()


def fitbit_files() -> dict[str, bytes]:
    """The files of a Google Takeout Fitbit export, by their path in the archive."""
    logs = [
        {"logId": 1, "dateOfSleep": "2024-03-02", "startTime": "2024-03-01T23:20:00.000",
         "endTime": "2024-03-02T06:50:00.000", "duration": 27000000, "minutesToFallAsleep": 12,
         "minutesAsleep": 410, "minutesAwake": 40, "minutesAfterWakeup": 0, "timeInBed": 450,
         "efficiency": 93, "type": "stages", "infoCode": 0, "logType": "auto_detected",
         "mainSleep": True},
        {"logId": 2, "dateOfSleep": "2024-03-02", "startTime": "2024-03-02T18:30:00.000",
         "endTime": "2024-03-02T19:10:00.000", "duration": 2400000, "minutesToFallAsleep": 0,
         "minutesAsleep": 35, "minutesAwake": 5, "minutesAfterWakeup": 0, "timeInBed": 40,
         "efficiency": 88, "type": "classic", "infoCode": 0, "logType": "auto_detected",
         "mainSleep": False},
        {"logId": 3, "dateOfSleep": "2024-03-03", "startTime": "2024-03-02T23:00:00.000",
         "endTime": "2024-03-03T07:00:00.000", "duration": 28800000, "minutesToFallAsleep": 20,
         "minutesAsleep": 420, "minutesAwake": 60, "minutesAfterWakeup": 3, "timeInBed": 480,
         "efficiency": 90, "type": "stages", "infoCode": 0, "logType": "auto_detected",
         "mainSleep": True},
    ]  # fmt: skip
    resting = [
        {"dateTime": "03/02/24 00:00:00", "value": {"date": "03/02/24", "value": 61.3, "error": 6.1}},
        {"dateTime": "03/03/24 00:00:00", "value": {"date": "03/03/24", "value": 0.0, "error": 0.0}},
        {"dateTime": "03/04/24 00:00:00", "value": {"date": "03/04/24", "value": 60.2, "error": 5.9}},
    ]  # fmt: skip
    hrv = "timestamp,rmssd,nremhr,entropy\n2024-03-02T00:00:00,32.5,58.1,2.9\n"
    hrv += "2024-03-03T00:00:00,35.0,57.4,3.0\n"
    base = "Takeout/Fitbit/Global Export Data"
    return {
        f"{base}/sleep-2024-03-01.json": json.dumps(logs, indent=1).encode(),
        f"{base}/resting_heart_rate-2024-03-01.json": json.dumps(resting, indent=1).encode(),
        f"{base}/steps-2024-03-01.json": b'[{"dateTime": "03/02/24 08:00:00", "value": "31"}]',
        "Takeout/Fitbit/Heart Rate Variability/"
        "Daily Heart Rate Variability Summary - 2024-03-(01).csv": hrv.encode(),
    }


def oura_json() -> bytes:
    """Oura sleep periods in the API v2 shape: DST night, a late nap, a rest-mode period."""

    def period(
        kind: str, start: str, end: str, asleep: int, in_bed: int, hr: int, hrv: int
    ) -> dict[str, object]:
        return {"id": f"{kind}-{end}", "type": kind, "day": end[:10], "bedtime_start": start,
                "bedtime_end": end, "total_sleep_duration": asleep, "time_in_bed": in_bed,
                "efficiency": round(100 * asleep / in_bed), "lowest_heart_rate": hr,
                "average_hrv": hrv, "average_heart_rate": hr + 6}  # fmt: skip

    data = [
        period("long_sleep", "2024-03-29T23:15:00+01:00", "2024-03-30T07:05:00+01:00", 25200, 28200, 52, 48),
        period("long_sleep", "2024-03-30T23:30:00+01:00", "2024-03-31T07:30:00+02:00", 24000, 27000, 51, 50),
        period("late_nap", "2024-03-31T13:00:00+02:00", "2024-03-31T13:40:00+02:00", 2100, 2400, 60, 30),
        period("rest", "2024-03-31T15:00:00+02:00", "2024-03-31T16:00:00+02:00", 0, 3600, 65, 20),
    ]  # fmt: skip
    return json.dumps({"data": data, "next_token": None}, indent=1).encode()


def oura_trends_csv() -> bytes:
    """Oura's older trends CSV, columns named in words (one night, wakes 2 April)."""
    return (
        b"date,Sleep Score,Total Sleep Duration,Total Bedtime ,Sleep Efficiency,"
        b"Lowest Resting Heart Rate,Average HRV,Bedtime Start,Bedtime End\n"
        b"2024-04-01,81,26400,28800,92,53,46,2024-04-01T22:40:00+02:00,2024-04-02T06:40:00+02:00\n"
    )


def _fit(messages: list[tuple[str, dict[str, object]]]) -> bytes:
    numbers = Profile["mesg_num"]
    encoder = Encoder()
    for name, fields in messages:
        encoder.on_mesg(numbers[name], fields)
    return bytes(encoder.close())


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def garmin_sleep_fit() -> bytes:
    """A Garmin sleep file: levels across midnight; its monitoring_info says UTC+1."""
    created = _at("2024-03-01T22:30:00")
    local = int((created + timedelta(hours=1) - datetime(1989, 12, 31, tzinfo=UTC)).total_seconds())
    levels = [("22:30", "light", 1), ("23:30", "deep", 1), ("01:00", "rem", 2), ("02:00", "awake", 2),
              ("02:15", "light", 2), ("04:00", "rem", 2), ("05:00", "light", 2),
              ("05:45", "awake", 2)]  # fmt: skip
    return _fit(
        [
            ("FILE_ID", {"type": 49, "manufacturer": "garmin", "product": 3290,
                         "serial_number": 3400001, "time_created": created}),
            ("MONITORING_INFO", {"timestamp": created, "local_timestamp": local}),
            *(("SLEEP_LEVEL", {"timestamp": _at(f"2024-03-0{day}T{hm}:00"), "sleep_level": lvl})
              for hm, lvl, day in levels),
            ("HRV_STATUS_SUMMARY", {"timestamp": _at("2024-03-02T06:00:00"),
                                    "last_night_average": 41.5, "weekly_average": 43.0}),
        ]
    )  # fmt: skip


def garmin_monitoring_fit() -> bytes:
    """A monitoring file without its own offset: read in the person's zone."""
    created = _at("2024-03-04T02:00:00")
    return _fit(
        [
            ("FILE_ID", {"type": 32, "manufacturer": "garmin", "product": 3290,
                         "serial_number": 3400001, "time_created": created}),
            ("MONITORING_HR_DATA", {"timestamp": created, "resting_heart_rate": 55,
                                    "current_day_resting_heart_rate": 53}),
        ]
    )  # fmt: skip


def zipped(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` with fixed dates, as an export would be."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def export_files() -> dict[str, bytes]:
    """Every kept export, by file name under ``tests/wearables/exports/``."""
    fits = {
        "2024-03-02-sleep.fit": garmin_sleep_fit(),
        "2024-03-04-monitor.fit": garmin_monitoring_fit(),
    }
    uploads = zipped({f"UploadedFiles_0-_Part1/{n}": d for n, d in fits.items()})
    return {
        "apple_health_export.zip": zipped({"apple_health_export/export.xml": apple_export_xml()}),
        "export.xml": apple_export_xml(),
        "takeout-fitbit.zip": zipped(fitbit_files()),
        "oura_sleep.json": oura_json(),
        "oura_trends.csv": oura_trends_csv(),
        **fits,
        "garmin-export.zip": zipped(
            {"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": uploads}
        ),
    }  # fmt: skip


def main() -> None:
    EXPORTS.mkdir(exist_ok=True)
    for name, data in export_files().items():
        (EXPORTS / name).write_bytes(data)


if __name__ == "__main__":
    main()
