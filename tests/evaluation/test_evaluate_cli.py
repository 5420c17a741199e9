"""``mgcalm evaluate``: the JSON contract, plain verdicts and CSV problems named by row/column."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from mgcalm.cli.main import app

runner = CliRunner()


def write_series(
    path: Path,
    baseline: int = 14,
    magnesium: int = 42,
    shift: float = -1.5,
    seed: int = 3,
    withdrawal: int = 28,
) -> Path:
    """An ABA series (AB with ``withdrawal=0``) with AR(1) noise and ``shift`` on magnesium."""
    rng = np.random.default_rng(seed)
    start, noise, rows = date(2026, 9, 1), 0.0, ["date,phase,value"]
    for i in range(baseline + magnesium + withdrawal):
        noise = 0.4 * noise + rng.normal()
        phase = (
            "baseline"
            if i < baseline
            else "magnesium"
            if i < baseline + magnesium
            else "withdrawal"
        )
        value = 6 + noise + (shift if phase == "magnesium" else 0.0)
        rows.append(f"{start + timedelta(days=i)},{phase},{value:.1f}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_json_contract(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(write_series(tmp_path / "anxiety.csv")), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcome"] == "anxiety"
    # The first 14 days after each switch are left out, the same default as everywhere else.
    assert data["n"] == {"baseline": 14, "magnesium": 28, "withdrawal": 14}
    assert data["excluded_transition_days"] == 28
    low, high = data["effect"]["ci95"]
    assert low < data["effect"]["estimate"] < high < 0
    assert 0 <= data["autocorrelation"] < 1
    assert data["probability_of_improvement"] > 0.97
    assert data["verdict"] == "likely helped"
    assert "AR(1)" in data["method"]


def test_higher_is_better_flips_the_verdict(tmp_path: Path) -> None:
    csv = write_series(tmp_path / "sleep_quality.csv", shift=-1.5)
    result = runner.invoke(app, ["evaluate", str(csv), "--json"])
    data = json.loads(result.stdout)
    assert data["higher_is_better"] is True  # preset for sleep_quality
    assert data["verdict"] == "likely worse"
    assert data["probability_of_improvement"] < 0.03
    forced = runner.invoke(app, ["evaluate", str(csv), "--lower-is-better", "--json"])
    assert json.loads(forced.stdout)["verdict"] == "likely helped"


def test_no_effect_is_not_called_help(tmp_path: Path) -> None:
    csv = write_series(tmp_path / "tension.csv", shift=0.0, seed=5)
    data = json.loads(runner.invoke(app, ["evaluate", str(csv), "--json"]).stdout)
    low, high = data["effect"]["ci95"]
    assert low <= 0 <= high
    assert data["verdict"] in ("unclear", "no sign of help")


def test_plain_text_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(write_series(tmp_path / "anxiety.csv"))])
    assert result.exit_code == 0
    assert result.stdout.startswith("Anxiety: likely helped.")
    assert "95 % interval" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date,value\n2026-01-01,3\n", ["header", "missing column phase", "date,phase,value"]),
        ("", ["header", "missing column"]),
        ("date,phase,value\n2026-13-01,baseline,3\n", ["row 2, column date", "YYYY-MM-DD"]),
        ("date,phase,value\n\n2026-13-01,baseline,3\n", ["row 3, column date"]),  # blank line
        (
            "date,phase,value\n2026-01-01,baseline,3\n2026-01-01,baseline,4\n",
            ["row 3, column date", "appears again (first on row 2)"],
        ),
        (
            "date,phase,value\n2026-01-01,plcebo,3\n",
            ["row 2, column phase", "baseline, magnesium, withdrawal, placebo, off"],
        ),
        ("date,phase,value,taken\n2026-01-01,placebo,3,maybe\n", ["column taken", "yes/no"]),
        ("date,phase,value\n2026-01-01,baseline,three\n", ["row 2, column value", "a number"]),
        ("date,phase,value\n2026-01-01,baseline,nan\n", ["row 2, column value", "finite"]),
    ],
)
def test_malformed_csv_exits_2_naming_the_place(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(csv), "--json"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for fragment in expected:
        assert fragment in result.stderr


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "date,phase,value\n2026-02-30,baseline,1\n2026-03-01,base,1\n2026-03-02,baseline,x\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["evaluate", str(csv), "--threshold", "-1"])
    assert result.exit_code == 2
    for fragment in ("row 2, column date", "row 3, column phase", "row 4, column value"):
        assert fragment in result.stderr
    assert "--threshold" in result.stderr


def test_transition_days_can_be_changed(tmp_path: Path) -> None:
    csv = write_series(tmp_path / "anxiety.csv")
    result = runner.invoke(app, ["evaluate", str(csv), "--transition-days", "7", "--json"])
    data = json.loads(result.stdout)
    assert data["n"] == {"baseline": 14, "magnesium": 35, "withdrawal": 21}
    assert data["excluded_transition_days"] == 14
    every_row = runner.invoke(app, ["evaluate", str(csv), "--transition-days", "0", "--json"])
    assert json.loads(every_row.stdout)["n"] == {"baseline": 14, "magnesium": 42, "withdrawal": 28}


def test_too_few_days_states_the_rule(tmp_path: Path) -> None:
    csv = write_series(tmp_path / "anxiety.csv", baseline=5, magnesium=10, withdrawal=0)
    result = runner.invoke(app, ["evaluate", str(csv), "--transition-days", "7"])
    assert result.exit_code == 2
    assert (
        "needs at least 7 comparison (baseline, withdrawal, placebo or off) days" in result.stderr
    )
    assert "has 5 comparison days" in result.stderr
    assert "has 3 magnesium days" in result.stderr


def test_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "cannot read the file" in result.stderr


def test_design_preview_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["design", "--start", "2026-12-01", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [p["days"] for p in data["phases"]] == [14, 14, 42, 28]
    assert [p["condition"] for p in data["periods"]] == ["baseline", "magnesium", "withdrawal"]
    assert data["design"] == "quick" and data["open_label"] is True
    assert data["expected_duration_days"] == 98
    detectable = [d["improvement_80_percent_power"] for d in data["minimum_detectable_improvement"]]
    assert detectable == sorted(detectable)  # more autocorrelation, bigger detectable change


def test_design_uses_the_persons_own_baseline(tmp_path: Path) -> None:
    csv = write_series(tmp_path / "anxiety.csv", baseline=14, magnesium=0, withdrawal=0)
    result = runner.invoke(
        app, ["design", "--start", "2026-12-01", "--baseline-csv", str(csv), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert 0.5 < data["assumed_day_to_day_sd"] < 2.5
    assert len(data["minimum_detectable_improvement"]) == 1


def test_design_problems_are_all_reported(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["design", "--start", "soon", "--baseline-days", "3", "--instrument", "isi"]
    )
    assert result.exit_code == 2
    for fragment in ("--start", "needs at least 7 baseline days", "unknown instrument 'isi'"):
        assert fragment in result.stderr


def test_report_example_writes_html_and_pdf(tmp_path: Path) -> None:
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    result = runner.invoke(
        app, ["report", "--example", "--clinician", "--html", str(html), "--pdf", str(pdf)]
    )
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "clinician report" in html.read_text(encoding="utf-8")
    text = runner.invoke(app, ["report", "--example"]).stdout
    assert "Anxiety: likely helped." in text and "not medical advice" in text
    data = json.loads(runner.invoke(app, ["report", "--example", "--json"]).stdout)
    assert data["schema"] == "mgcalm.report/1"


def test_withdrawal_design_fits_a_trend(tmp_path: Path) -> None:
    rng = np.random.default_rng(8)
    rows = ["date,phase,value"]
    for i in range(84):
        phase = "baseline" if i < 21 else ("magnesium" if i < 63 else "withdrawal")
        value = 6 + rng.normal() - (2.0 if phase == "magnesium" else 0.0)
        rows.append(f"{date(2026, 9, 1) + timedelta(days=i)},{phase},{value:.1f}")
    csv = tmp_path / "anxiety.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["evaluate", str(csv), "--json"]).stdout)
    assert data["n"] == {"baseline": 21, "magnesium": 28, "withdrawal": 7}
    assert "with a linear time trend" in data["method"]
    assert data["verdict"] == "likely helped"
    off = json.loads(runner.invoke(app, ["evaluate", str(csv), "--trend", "off", "--json"]).stdout)
    assert "without a time trend" in off["method"]
    bad = runner.invoke(app, ["evaluate", str(csv), "--trend", "sideways"])
    assert bad.exit_code == 2 and "--trend" in bad.stderr


def test_a_series_that_never_varies_is_not_estimated(tmp_path: Path) -> None:
    rows = ["date,phase,value"] + [
        f"{date(2026, 9, 1) + timedelta(days=i)},{'baseline' if i < 14 else 'magnesium'},0"
        for i in range(40)
    ]
    csv = tmp_path / "panic_episodes.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(csv)])
    assert result.exit_code == 2
    assert "every day has the same value (0)" in result.stderr


def test_report_audience_flags_follow_the_command_contract(tmp_path: Path) -> None:
    runner = CliRunner()
    html = tmp_path / "person.html"
    done = runner.invoke(app, ["report", "--example", "--person", "--html", str(html)])
    assert done.exit_code == 0, done.output
    assert html.exists() and html.stat().st_size > 0
    both = runner.invoke(app, ["report", "--example", "--person", "--clinician"])
    assert both.exit_code == 2 and "choose one audience" in both.stderr
