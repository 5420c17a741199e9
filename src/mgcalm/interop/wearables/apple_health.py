"""Apple Health's ``export.xml`` (alone or in ``export.zip``), streamed through expat.

The file can be several gigabytes, so it is fed to expat in 1 MiB pieces and no tree is
built: only the few record types mgcalm uses are looked at, and each is turned into a sample
as soon as its end tag arrives. Only records directly under ``HealthData`` count: Apple repeats
the records of a correlation (a meal's magnesium) at the top level, so reading both would
count them twice.

The file opens with Apple's internal DTD, which is accepted. Entity declarations are not
(Apple declares none): a file that declares one is refused before anything is expanded, and
external entities and parameter entities are never loaded.
"""

from __future__ import annotations

import pyexpat
from collections.abc import Callable
from datetime import date
from types import MappingProxyType
from typing import IO

from mgcalm.interop.wearables.days import DayBook, Stage
from mgcalm.interop.wearables.files import (
    READ_ERRORS,
    ExportFiles,
    OneFile,
    basename,
    unreadable,
)
from mgcalm.interop.wearables.times import apple_time, local, named_zone

Progress = Callable[[int, int], None]  # (bytes read, bytes in all)
CHUNK = 1 << 20
EXPECTED = "Apple Health's export.zip (with apple_health_export/export.xml) or that export.xml"

SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
MINDFUL = "HKCategoryTypeIdentifierMindfulSession"
STAGES: MappingProxyType[str, Stage] = MappingProxyType(
    {
        "HKCategoryValueSleepAnalysisInBed": "in_bed",
        "HKCategoryValueSleepAnalysisAsleep": "asleep",
        "HKCategoryValueSleepAnalysisAsleepUnspecified": "asleep",
        "HKCategoryValueSleepAnalysisAsleepCore": "asleep",
        "HKCategoryValueSleepAnalysisAsleepDeep": "asleep",
        "HKCategoryValueSleepAnalysisAsleepREM": "asleep",
        "HKCategoryValueSleepAnalysisAwake": "awake",
    }
)
#: Quantity type → (measure, accepted units with their factor to the measure's unit).
QUANTITIES: MappingProxyType[str, tuple[str, dict[str, float]]] = MappingProxyType(
    {
        "HKQuantityTypeIdentifierRestingHeartRate": ("resting_heart_rate", {"count/min": 1.0}),
        "HKQuantityTypeIdentifierHeartRateVariabilitySDNN": ("hrv_sdnn", {"ms": 1.0}),
        "HKQuantityTypeIdentifierDietaryMagnesium": (
            "dietary_magnesium_mg",
            {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001},
        ),
    }
)
DAILY_TOTALS = frozenset({"dietary_magnesium_mg"})
WANTED = frozenset({SLEEP, MINDFUL, *QUANTITIES})


class _RefusedError(Exception):
    """The file declares entities, which mgcalm never expands."""


class _NotAppleError(Exception):
    """The file is XML but not an Apple Health export."""


class _Reader:
    """Expat handlers: keep the wanted top-level records and hand them to the day book."""

    def __init__(self, book: DayBook) -> None:
        self.book = book
        self.depth = 0
        self.record: dict[str, str] | None = None
        self.zone: str | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 2:
            if name == "Record" and attrs.get("type") in WANTED:
                self.record, self.zone = attrs, None
        elif self.depth == 3:
            if self.record is not None and attrs.get("key") == "HKTimeZone":
                self.zone = attrs.get("value")
        elif self.depth == 1 and name != "HealthData":
            raise _NotAppleError(name)

    def end(self, name: str) -> None:
        if self.depth == 2 and self.record is not None:
            self._record(self.record)
            self.record = None
        self.depth -= 1

    def _record(self, attrs: dict[str, str]) -> None:
        kind = attrs["type"]
        device = attrs.get("sourceName") or "unknown source"
        try:
            zone = named_zone(self.zone) if self.zone else None
            start = local(apple_time(attrs["startDate"]), zone)
            end = local(apple_time(attrs["endDate"]), zone)
        except (KeyError, ValueError):
            self.book.skip(f"{kind} record", "its dates are not like 2024-03-30 23:10:00 +0100")
            return
        if kind == SLEEP:
            stage = STAGES.get(attrs.get("value", ""))
            if stage is None:
                self.book.skip(f"{kind} record", f"unknown sleep value {attrs.get('value')!r}")
            else:
                self.book.sleep_span(device, start, end, stage)
        elif kind == MINDFUL:
            self.book.session("mindful_minutes", device, start, end)
        else:
            self._quantity(kind, device, attrs, start.date())

    def _quantity(self, kind: str, device: str, attrs: dict[str, str], day: date) -> None:
        measure, units = QUANTITIES[kind]
        factor = units.get(attrs.get("unit", ""))
        try:
            value = float(attrs["value"]) * factor if factor is not None else None
        except (KeyError, ValueError):
            value = None
        if value is None:
            self.book.skip(f"{kind} record", f"no number in a unit of {', '.join(units)}")
        elif measure in DAILY_TOTALS:
            self.book.amount(measure, device, day, value)
        else:
            self.book.reading(measure, device, day, value)


def _refuse(*_: object) -> int:
    raise _RefusedError


def _parser(reader: _Reader) -> pyexpat.XMLParserType:
    parser = pyexpat.ParserCreate()
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    return parser


def export_xml(files: ExportFiles) -> str:
    """The member holding Apple Health's records (a single file given is taken as it)."""
    names = files.names()
    if isinstance(files, OneFile):
        return names[0]
    found = sorted((n for n in names if basename(n) == "export.xml"), key=len)
    if not found:
        raise unreadable(files.label, "holds no export.xml", EXPECTED)
    return found[0]


def read_apple_health(files: ExportFiles, book: DayBook, progress: Progress | None = None) -> None:
    """Feed every wanted record of the export to ``book`` (InvalidInputError if unreadable)."""
    name = export_xml(files)
    label = f"{files.label}: {name}" if name != basename(files.label) else files.label
    with files.open(name) as stream:
        parse_stream(stream, book, label, files.size(name), progress)


def parse_stream(
    stream: IO[bytes], book: DayBook, label: str, total: int, progress: Progress | None
) -> None:
    """Parse one export.xml stream piece by piece."""
    reader = _Reader(book)
    parser = _parser(reader)
    done = 0
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        parser.Parse(b"", True)
    except pyexpat.ExpatError as error:
        why = pyexpat.errors.messages[error.code]
        raise unreadable(
            label, f"is not a complete XML file ({why}, line {error.lineno})", EXPECTED
        ) from None
    except _NotAppleError as error:
        raise unreadable(
            label, f"is XML but its root is <{error}>, not <HealthData>", EXPECTED
        ) from None
    except _RefusedError:
        raise unreadable(
            label, "declares XML entities, which Apple's export never does: refused", EXPECTED
        ) from None
    except READ_ERRORS as error:
        raise unreadable(label, f"could not be read to the end ({error})", EXPECTED) from None
