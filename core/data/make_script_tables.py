"""Regenerate the two script tables derived from OpenCC's character dictionaries.

Run from the project root, with the project's venv (it needs the ``opencc``
package, whose wheel ships the ``opencc_dict`` tool and the ``.ocd2`` files)::

    .venv/bin/python core/data/make_script_tables.py

``name_chars.txt``: the characters a proper name may be converted by, one
``traditional<TAB>simplified`` pair a line. A pair is listed only when it is
one-to-one in BOTH directions: the traditional character has that simplified
character as its only counterpart (TSCharacters), the simplified character has
that traditional one as its only counterpart (STCharacters), no other character
of either dictionary maps to either of them, and neither is itself a character
the other direction converts. Everything else — 于/於, 干/乾/幹, 余/餘, 范/範,
杰/傑, 闇/暗, 后/後, 里/裏, 沾/霑, 岳/嶽, 钟/鍾/锺, 叶/葉, 姜/薑, 游/遊, 发/發/髮,
云/雲 … — is left out, so a name keeps it as stored (see core/script.py).

``variants.txt``: classes of characters search treats as one (锺/钟/鍾/鐘 …):
the connected groups of every mapping in TSCharacters, TSCharactersExt,
STCharacters, TWVariants and HKVariants, one line each, ``canonical<TAB>members``.
The canonical member is the one OpenCC's t2s gives most often for the class
(ties: lowest code point), so folded text reads as simplified where it can.

Licence of both tables: Apache-2.0 (OpenCC), see APACHE-2.0.txt.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
CLIB = Path(opencc.__file__).resolve().parent / "clib"
DICTS = ("TSCharacters", "TSCharactersExt", "STCharacters", "TWVariants", "HKVariants")


def dump(name: str, workdir: Path) -> dict[str, list[str]]:
    """One OpenCC dictionary as ``key -> [values, first the default]``."""
    source = CLIB / "share" / "opencc" / f"{name}.ocd2"
    target = workdir / f"{name}.txt"
    tool = CLIB / "bin" / "opencc_dict"
    command = [str(tool), "-i", str(source), "-o", str(target), "-f", "ocd2", "-t", "text"]
    subprocess.run(command, check=True)
    table: dict[str, list[str]] = {}
    for line in target.read_text(encoding="utf-8").splitlines():
        key, _tab, values = line.partition("\t")
        if len(key) == 1:
            table[key] = [value for value in values.split(" ") if len(value) == 1]
    return table


def one_to_one_pairs(dicts: dict[str, dict[str, list[str]]]) -> list[tuple[str, str]]:
    """The (traditional, simplified) pairs that map only to each other, both ways."""
    ts = dicts["TSCharacters"]
    st = dicts["STCharacters"]
    to_simplified: defaultdict[str, set[str]] = defaultdict(set)
    to_traditional: defaultdict[str, set[str]] = defaultdict(set)
    for name in ("TSCharacters", "TSCharactersExt"):
        for trad, simps in dicts[name].items():
            to_simplified[trad].update(simps)
            for simp in simps:
                to_traditional[simp].add(trad)
    for simp, trads in st.items():
        to_traditional[simp].update(trads)
        for trad in trads:
            to_simplified[trad].add(simp)
    pairs = []
    for trad, simps in ts.items():
        if len(simps) != 1 or simps[0] == trad:
            continue
        simp = simps[0]
        if (
            to_simplified[trad] == {simp}
            and to_traditional[simp] == {trad}
            and st.get(simp) == [trad]
            # A character that is itself converted the other way is a standard
            # character of both scripts (e.g. 乾 is traditional for 干 and simplified too).
            and trad not in to_traditional
            and simp not in to_simplified
        ):
            pairs.append((trad, simp))
    return sorted(pairs)


def variant_classes(dicts: dict[str, dict[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Connected groups of all the dictionaries' mappings, each with its canonical member."""
    parent: dict[str, str] = {}

    def find(char: str) -> str:
        parent.setdefault(char, char)
        while parent[char] != char:
            parent[char] = parent[parent[char]]
            char = parent[char]
        return char

    for table in dicts.values():
        for key, values in table.items():
            for value in values:
                parent[find(key)] = find(value)
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for char in list(parent):
        groups[find(char)].append(char)
    # How often t2s (first value of TSCharacters, then TSCharactersExt) yields each character.
    targets = Counter(values[0] for values in dicts["TSCharacters"].values() if values)
    targets.update(values[0] for values in dicts["TSCharactersExt"].values() if values)
    classes = []
    for members in groups.values():
        if len(members) < 2:
            continue
        canonical = min(members, key=lambda char: (-targets[char], ord(char)))
        classes.append((canonical, sorted(members)))
    return sorted(classes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names-output", type=Path, default=HERE / "name_chars.txt")
    parser.add_argument("--variants-output", type=Path, default=HERE / "variants.txt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        dicts = {name: dump(name, Path(workdir)) for name in DICTS}
    source = f"OpenCC {opencc.__version__} ({', '.join(DICTS)})"
    licence = "Licence: Apache-2.0, see APACHE-2.0.txt."

    pairs = one_to_one_pairs(dicts)
    header = [
        f"# Generated from {source} by core/data/make_script_tables.py. {licence}",
        "# traditional<TAB>simplified, only pairs that are one-to-one in both directions.",
    ]
    rows = [f"{trad}\t{simp}" for trad, simp in pairs]
    args.names_output.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {len(pairs)} one-to-one pairs to {args.names_output}")

    classes = variant_classes(dicts)
    header = [
        f"# Generated from {source} by core/data/make_script_tables.py. {licence}",
        "# canonical<TAB>every member of one class of characters that search treats as one.",
    ]
    rows = [f"{canonical}\t{''.join(members)}" for canonical, members in classes]
    args.variants_output.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {len(classes)} variant classes to {args.variants_output}")


if __name__ == "__main__":
    main()
