"""Exports that cannot be read: a clear problem naming the file and what was expected.

Also the XML safety of the Apple reader: Apple's internal DTD is accepted, while entity
declarations (the billion-laughs expansion, external entities) are refused before anything
is expanded or fetched.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from tests.wearables.make_exports import APPLE_DTD, apple_export_xml

from mgcalm.domain import InvalidInputError
from mgcalm.interop.wearables import read_export

EXPORTS = Path(__file__).parent / "exports"
LAUGHS = [
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
    for i in range(1, 10)
]


def _problem(path: Path, source: str = "auto") -> str:
    with pytest.raises(InvalidInputError) as caught:
        read_export(path, source)
    (problem,) = caught.value.problems
    return str(problem)


def test_truncated_export_xml(tmp_path: Path) -> None:
    cut = tmp_path / "export.xml"
    cut.write_bytes(apple_export_xml()[:-400])
    text = _problem(cut)
    assert "is not a complete XML file" in text and "export.xml" in text


def test_truncated_zip(tmp_path: Path) -> None:
    cut = tmp_path / "export.zip"
    cut.write_bytes((EXPORTS / "apple_health_export.zip").read_bytes()[:900])
    assert "is not a complete zip file" in _problem(cut)


def test_zip_without_export_xml(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    text = _problem(path)
    assert "holds no export.xml" in text and "export.zip" in text
    assert "holds no export.xml" in _problem(path, "apple-health")


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("slept badly\n")
    text = _problem(path)
    assert "not a wearable export mgcalm knows" in text
    assert "Apple Health" in text and "Fitbit" in text and "Oura" in text and ".fit" in text


def test_xml_that_is_not_apple_health(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0"?><gpx><trk/></gpx>')
    assert "its root is <gpx>, not <HealthData>" in _problem(path)


def test_wrong_source_for_the_file() -> None:
    assert "holds no export.xml" in _problem(EXPORTS / "takeout-fitbit.zip", "apple-health")
    assert "holds no Fitbit" in _problem(EXPORTS / "apple_health_export.zip", "google-fitbit")
    assert "--source" in _problem(EXPORTS / "export.xml", "polar")


def test_truncated_fit_file(tmp_path: Path) -> None:
    path = tmp_path / "sleep.fit"
    path.write_bytes((EXPORTS / "2024-03-02-sleep.fit").read_bytes()[:-30])
    assert "is not a complete FIT file" in _problem(path)


def test_missing_path(tmp_path: Path) -> None:
    assert "no such file or folder" in _problem(tmp_path / "nothing.zip")


def test_apples_internal_dtd_is_accepted() -> None:
    assert APPLE_DTD.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [')
    assert read_export(EXPORTS / "export.xml").values  # the kept export starts with it


@pytest.mark.parametrize(
    "declaration",
    [
        # Billion laughs: ten levels of ten references grow to 10⁹ copies if expanded.
        '<!ENTITY lol "lol">' + "".join(LAUGHS),
        '<!ENTITY secret SYSTEM "file:///etc/passwd">',
        '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;',
    ],
)  # fmt: skip
def test_entity_declarations_are_refused(tmp_path: Path, declaration: str) -> None:
    path = tmp_path / "export.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n{declaration}\n]>\n'
        '<HealthData locale="en_US"><Record type="&lol9;" sourceName="x" startDate="a"'
        ' endDate="b"/></HealthData>\n'
    )
    assert "declares XML entities" in _problem(path)
