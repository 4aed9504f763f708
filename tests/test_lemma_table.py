"""lemminflect's lemma table read fast (checker.extract.lemma_table) gives lemminflect's own
readings, without importing lemminflect."""

from __future__ import annotations

import random
import subprocess
import sys

from checker.extract.lemma_table import _table, all_lemmas


def test_readings_match_lemminflect_for_lower_case_words() -> None:
    from lemminflect import getAllLemmas

    table = _table()
    assert table is not None
    keys = sorted({r.split(",")[0] for r in table[0]} - {""})
    keys = [k for k in keys if k == k.lower()]
    words = random.Random(7).sample(keys, 3000) + [
        "killed", "rose", "signatories", "people", "her", "all", "axed", "drowned", "nosuchword"]
    assert [all_lemmas(w) for w in words] == [getAllLemmas(w) for w in words]


def test_reading_the_table_imports_neither_lemminflect_nor_numpy() -> None:
    code = ("import sys; from checker.extract.lemma_table import all_lemmas; "
            "assert all_lemmas('drowned') == {'VERB': ('drown',)}; "
            "print(sorted(m for m in ('lemminflect', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
