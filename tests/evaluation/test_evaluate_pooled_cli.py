"""``mgcalm evaluate FILE... --pooled``: the JSON contract, bad input, and an end-to-end check."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from mgcalm.cli.main import app
from mgcalm.evaluation.csv_pooled import PersonFile, evaluate_pooled
from mgcalm.evaluation.pooled import NOT_POOLED

runner = CliRunner()


def series_text(
    rng: np.random.Generator,
    shift: float,
    lengths: tuple[int, int, int] = (28, 42, 28),
    extra: str = "",
) -> str:
    """An ABA series (AB when the last length is 0) with AR(1) noise; ``extra`` adds a column."""
    start, noise = date(2026, 3, 1), 0.0
    rows = ["date,phase,value" + (",outcome" if extra else "")]
    phases = ["baseline"] * lengths[0] + ["magnesium"] * lengths[1] + ["withdrawal"] * lengths[2]
    for i, phase in enumerate(phases):
        noise = 0.4 * noise + rng.normal()
        value = 5 + noise + (shift if phase == "magnesium" else 0.0)
        rows.append(
            f"{start + timedelta(days=i)},{phase},{value:.2f}" + (f",{extra}" if extra else "")
        )
    return "\n".join(rows) + "\n"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["evaluate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_contract(tmp_path: Path) -> None:
    rng = np.random.default_rng(1901)
    files = [write(tmp_path, f"p{i}.csv", series_text(rng, -1.0 + 0.3 * i)) for i in range(5)]
    code, out, err = run(*files, "--pooled", "--outcome", "anxiety", "--json")
    assert code == 0, err
    data = json.loads(out)
    pooled = data["pooled"]
    for key in ("mean_effect", "between_person_sd", "predicted_new_person"):
        low, high = pooled[key]["ci95"]
        assert low <= pooled[key]["estimate"] <= high
    assert pooled["between_person_sd"]["ci95"][0] >= 0
    assert [p["file"] for p in data["people"]] == files
    for person in data["people"]:
        assert set(person) >= {"file", "effect", "shrunken"}
        assert set(person["effect"]) >= {"estimate", "ci95"}
        assert set(person["shrunken"]) == {"estimate", "ci95"}
    assert "Paule–Mandel" in data["method"] and "Hartung–Knapp" in data["method"]
    assert data["outcome"] == "anxiety" and data["excluded"] == []


def test_text_output(tmp_path: Path) -> None:
    rng = np.random.default_rng(1902)
    files = [write(tmp_path, f"p{i}.csv", series_text(rng, -1.0)) for i in range(3)]
    code, out, _ = run(*files, "--pooled", "--outcome", "anxiety")
    assert code == 0
    assert "Mean effect across people" in out and "Predicted for a new person" in out


def test_one_person_is_not_pooled(tmp_path: Path) -> None:
    rng = np.random.default_rng(1903)
    code, out, _ = run(write(tmp_path, "anxiety.csv", series_text(rng, -1.0)), "--pooled", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["pooled"]["mean_effect"] is None
    assert data["pooled"]["predicted_new_person"] is None
    assert data["notes"] == [NOT_POOLED]
    assert data["people"][0]["shrunken"] is None and data["people"][0]["effect"]["ci95"]


def test_ab_trials_are_left_out_and_counted(tmp_path: Path) -> None:
    rng = np.random.default_rng(1904)
    files = [write(tmp_path, f"p{i}.csv", series_text(rng, -1.0)) for i in range(3)]
    ab = write(tmp_path, "ab.csv", series_text(rng, -1.0, (28, 42, 0)))
    data = json.loads(run(*files, ab, "--pooled", "--outcome", "anxiety", "--json")[1])
    assert [e["file"] for e in data["excluded"]] == [ab]
    assert "natural change" in data["excluded"][0]["reason"]
    assert data["pooled"]["people_pooled"] == 3


def test_very_different_lengths(tmp_path: Path) -> None:
    rng = np.random.default_rng(1905)
    long = write(tmp_path, "long.csv", series_text(rng, -1.0, (120, 200, 120)))
    short = write(tmp_path, "short.csv", series_text(rng, 1.5, (21, 21, 21)))
    middle = [write(tmp_path, f"m{i}.csv", series_text(rng, -1.0)) for i in range(3)]
    data = json.loads(run(long, short, *middle, "--pooled", "--outcome", "anxiety", "--json")[1])
    people = {p["file"]: p for p in data["people"]}
    assert people[long]["weight"] > people[short]["weight"]
    assert people[long]["days"] > 5 * people[short]["days"]
    mean = data["pooled"]["mean_effect"]["estimate"]
    # The short, noisy trial is pulled towards the mean; its interval stays finite.
    assert abs(people[short]["shrunken"]["estimate"] - mean) < abs(
        people[short]["effect"]["estimate"] - mean
    )


def test_different_outcomes_exit_2_naming_file_and_field(tmp_path: Path) -> None:
    rng = np.random.default_rng(1906)
    a = write(tmp_path, "a.csv", series_text(rng, -1.0, extra="anxiety"))
    b = write(tmp_path, "b.csv", series_text(rng, -1.0, extra="sleep_quality"))
    c = write(tmp_path, "c.csv", series_text(rng, -1.0, extra="anxiety"))
    code, out, err = run(a, b, c, "--pooled", "--json")
    assert code == 2 and out == ""
    assert f"{b}: outcome: 'sleep_quality' differs from 'anxiety'" in err


def test_different_directions_exit_2(tmp_path: Path) -> None:
    rng = np.random.default_rng(1907)
    a = write(tmp_path, "a.csv", series_text(rng, -1.0))
    text = series_text(rng, -1.0).replace("date,phase,value", "date,phase,value,direction")
    text = "\n".join(
        line if i == 0 or not line else line + ",higher_is_better"
        for i, line in enumerate(text.split("\n"))
    )
    b = write(tmp_path, "b.csv", text)
    code, out, err = run(a, b, "--pooled", "--outcome", "anxiety", "--json")
    assert code == 2 and out == ""
    assert f"{b}: direction: higher_is_better differs from lower_is_better" in err


def test_one_unreadable_file_exit_2_and_nothing_printed(tmp_path: Path) -> None:
    rng = np.random.default_rng(1908)
    good = [write(tmp_path, f"p{i}.csv", series_text(rng, -1.0)) for i in range(3)]
    broken = write(tmp_path, "broken.csv", series_text(rng, -1.0).replace("magnesium", "magnes", 1))
    missing = str(tmp_path / "missing.csv")
    code, out, err = run(*good, broken, missing, "--pooled", "--outcome", "anxiety", "--json")
    assert code == 2 and out == ""
    assert f"{broken}: row 30, column phase: unknown phase 'magnes'" in err
    assert f"{missing}: cannot read the file" in err


def test_several_files_without_pooled_exit_2(tmp_path: Path) -> None:
    rng = np.random.default_rng(1909)
    files = [write(tmp_path, f"p{i}.csv", series_text(rng, -1.0)) for i in range(2)]
    code, out, err = run(*files, "--json")
    assert code == 2 and out == "" and "--pooled" in err


def test_end_to_end_coverage_of_the_population_mean() -> None:
    """From CSV text through each person's AR(1) analysis to the pooled interval."""
    rng = np.random.default_rng(1910)
    covered, reps = 0, 30
    for _ in range(reps):
        files = [
            PersonFile(f"p{i}.csv", series_text(rng, float(rng.normal(-1.0, 0.5))))
            for i in range(8)
        ]
        result = evaluate_pooled(files, "anxiety", None, None)
        mean = result.pooled.mean_effect
        assert mean is not None
        covered += mean.ci95[0] <= -1.0 <= mean.ci95[1]
    assert covered / reps >= 0.8
