"""Wearable import benchmark: a generated 1 GB Apple Health export through the whole importer.

    .venv/bin/python benchmarks/bench_wearables.py [--size-mb 1024] [--keep]

It writes an ``export.xml`` shaped like a real one of several years (heart-rate, step and energy
records with their device and metadata, making up most of the file; sleep stages, resting heart
rate, HRV with its beat-to-beat lists, dietary magnesium, mindful sessions) into a new folder
under /tmp (after checking there is room), reads it once so both passes start from the page
cache, then times, each in a fresh process:

- the floor: a plain ``xml.etree.ElementTree.iterparse`` pass over the file, clearing elements;
- the import: ``mgcalm wearables import FILE --json`` into an empty SQLite database.

It prints both rates, their ratio and each process's peak memory, and fails unless the import
reads at least 50 MB/s with a peak of at most 200 MB. The folder is deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TARGET_MB_S = 50.0
TARGET_PEAK_MB = 200.0
WATCH = "Marie’s Apple Watch"
DEVICE = (
    "&lt;&lt;HKDevice: 0x600000d2c4b0&gt;, name:Apple Watch, manufacturer:Apple Inc., "
    "model:Watch, hardware:Watch6,2, software:10.3.1&gt;"
)
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED
  sourceName CDATA #REQUIRED sourceVersion CDATA #IMPLIED device CDATA #IMPLIED
  creationDate CDATA #IMPLIED startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry key CDATA #REQUIRED value CDATA #REQUIRED>
<!ELEMENT HeartRateVariabilityMetadataList (InstantaneousBeatsPerMinute*)>
<!ELEMENT InstantaneousBeatsPerMinute EMPTY>
<!ATTLIST InstantaneousBeatsPerMinute bpm CDATA #REQUIRED time CDATA #REQUIRED>
]>
<HealthData locale="fr_FR">
 <ExportDate value="2024-04-12 09:00:00 +0200"/>
"""
CLOCK = [f"{m // 60:02d}:{m % 60:02d}:00" for m in range(1440)]


def _quantity(kind: str, source: str, unit: str, value: object, day: str, m: int, tz: str) -> str:
    device = f' device="{DEVICE}"' if source == WATCH else ""
    start, end = f"{day} {CLOCK[m]} {tz}", f"{day} {CLOCK[min(m + 1, 1439)]} {tz}"
    return (
        f' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="{source}" '
        f'sourceVersion="10.3.1"{device} unit="{unit}" creationDate="{end}" startDate="{start}" '
        f'endDate="{end}" value="{value}"'
    )


def _day(day: date) -> str:
    """One day of records, most of them of types mgcalm does not use."""
    tz = "+0200" if 4 <= day.month <= 10 else "+0100"
    d, prev = day.isoformat(), (day - timedelta(days=1)).isoformat()
    parts = []
    for m in range(0, 1440, 4):  # heart rate every few minutes, with its motion context
        parts.append(_quantity("HeartRate", WATCH, "count/min", 60 + m % 23, d, m, tz))
        parts.append(
            '>\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'
            " </Record>\n"
        )
    for m in range(360, 1380, 2):  # energy every other minute while awake
        parts.append(_quantity("ActiveEnergyBurned", WATCH, "kcal", 0.42, d, m, tz) + "/>\n")
    for m in range(420, 1320, 9):
        parts.append(_quantity("StepCount", "iPhone de Marie", "count", 31, d, m, tz) + "/>\n")
    stages = ("AsleepCore", "AsleepDeep", "AsleepCore", "AsleepREM", "Awake", "AsleepCore")
    for i, stage in enumerate(stages):
        start = f"{prev if i == 0 else d} {'23:10:00' if i == 0 else CLOCK[60 * i]} {tz}"
        parts.append(
            f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="{WATCH}" '
            f'sourceVersion="10.3.1" device="{DEVICE}" creationDate="{d} 07:00:00 {tz}" '
            f'startDate="{start}" endDate="{d} {CLOCK[60 * i + 55]} {tz}" '
            f'value="HKCategoryValueSleepAnalysis{stage}"/>\n'
        )
    parts.append(_quantity("RestingHeartRate", WATCH, "count/min", 57, d, 1, tz) + "/>\n")
    beats = "".join(
        f'   <InstantaneousBeatsPerMinute bpm="{58 + b % 9}" time="2:0{b % 10}:{b:02d}.00 AM"/>\n'
        for b in range(60)
    )
    for m in (130, 400, 720, 1000, 1300):
        parts.append(_quantity("HeartRateVariabilitySDNN", WATCH, "ms", 41.5, d, m, tz))
        parts.append(
            f">\n  <HeartRateVariabilityMetadataList>\n{beats}"
            "  </HeartRateVariabilityMetadataList>\n </Record>\n"
        )
    parts.append(_quantity("DietaryMagnesium", "Cronometer", "mg", 112, d, 750, tz) + "/>\n")
    return "".join(parts)


def generate(path: Path, size: int) -> int:
    """Write an export of about ``size`` bytes; returns the days it covers."""
    day, days = date(2019, 1, 1), 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        while out.tell() < size:
            out.write(_day(day))
            day, days = day + timedelta(days=1), days + 1
        out.write("</HealthData>\n")
    return days


FLOOR = """
import resource, sys, time
import xml.etree.ElementTree as ET
start = time.perf_counter()
root = None
for event, element in ET.iterparse(sys.argv[1], events=("start", "end")):
    if root is None:
        root = element
    elif event == "end" and element.tag == "Record":
        element.clear()
        root.clear()
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

IMPORT = """
import contextlib, io, resource, sys, time
from mgcalm.cli.main import app
start = time.perf_counter()
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        app(["wearables", "import", sys.argv[1], "--json", "--tz", "Europe/Paris"])
    except SystemExit as done:
        assert not done.code, done.code
elapsed = time.perf_counter() - start
sys.stderr.write(out.getvalue())
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _child(code: str, path: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``code`` on ``path`` in a fresh process: (seconds, peak MB, its stderr)."""
    done = subprocess.run(
        [PYTHON, "-c", code, str(path)], env=env, capture_output=True, text=True, check=True
    )
    seconds, peak_kb = done.stdout.split()
    return float(seconds), float(peak_kb) / 1024, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()
    size = args.size_mb * 1024 * 1024
    free = shutil.disk_usage(tempfile.gettempdir()).free
    if free < 3 * size:
        sys.exit(f"only {free / 2**30:.1f} GiB free in {tempfile.gettempdir()}: need 3× the export")
    folder = Path(tempfile.mkdtemp(prefix="mgcalm-bench-wearables-"))
    try:
        _run(folder, size)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path, size: int) -> None:
    path = folder / "export.xml"
    started = time.perf_counter()
    days = generate(path, size)
    megabytes = path.stat().st_size / 1e6
    print(f"generated {megabytes:,.0f} MB, {days} days, in {time.perf_counter() - started:.0f} s")
    with path.open("rb") as warm:  # into the page cache, so neither pass pays for the disk
        while warm.read(1 << 24):
            pass
    env = {**os.environ, "MGCALM_DATA_DIR": str(folder / "data")}
    env.pop("MGCALM_DATABASE_URL", None)
    subprocess.run(
        [PYTHON, "-m", "mgcalm", "init", "--profile", str(ROOT / "examples" / "profile.toml")],
        env=env, capture_output=True, check=True,
    )  # fmt: skip
    floor_s, floor_peak, _ = _child(FLOOR, path, env)
    import_s, import_peak, answer = _child(IMPORT, path, env)
    summary = json.loads(answer)
    floor_rate, import_rate = megabytes / floor_s, megabytes / import_s
    print(f"floor  (plain iterparse pass): {floor_rate:6.1f} MB/s, peak {floor_peak:5.0f} MB")
    print(
        f"import (mgcalm wearables import): {import_rate:6.1f} MB/s, peak {import_peak:5.0f} MB, "
        f"{summary['days']} days, {sum(summary['measures'].values())} values"
    )
    ratio = import_rate / floor_rate
    ok = import_rate >= TARGET_MB_S and import_peak <= TARGET_PEAK_MB
    print(
        f"import / floor = {ratio:.2f}; targets: ≥ {TARGET_MB_S:.0f} MB/s and peak ≤ "
        f"{TARGET_PEAK_MB:.0f} MB {'✔' if ok else '✘'}"
    )
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
