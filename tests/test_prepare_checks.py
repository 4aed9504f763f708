"""`prepare_checks` loads what the checks load on first use, before a scan forks its
workers: after it, judging figures (document checks) and comparing documents (corpus
checks) load no further module, so forked processes never load them again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROGRAM = """
import sys
from checker.checks import (collect_corpus_facts, prepare_checks, run_corpus_checks,
                            run_document_checks)
from checker.extract import extract_text
from checker.model import Document

texts = {
    "a.txt": "Halvard Mills profits rise 13%\\n\\nProfits at Halvard Mills rose 31% to "
             "\\u00a350m, the firm said on Monday.\\n",
    "b.txt": "At the Quillan hearing, Judge Merrow Astley heard that over 40,000 villagers "
             "of Tarn Ossory were displaced in 1994.\\n",
    "c.txt": "Judge Merrow Astley of the Quillan hearing was told that over 40,000 villagers "
             "of Tarn Ossory were displaced in 1994.\\n",
    "d.txt": "The Quillan hearing under Judge Merrow Astley heard that over 400 villagers "
             "of Tarn Ossory were displaced in 1994.\\n",
}
docs = [(Document(name, text), extract_text(text, name)) for name, text in texts.items()]
prepare_checks()
before = set(sys.modules)
found = [f.check for doc, claims in docs for f in run_document_checks(doc, claims)]
facts = {}
for doc, claims in docs:
    for check_id, value in collect_corpus_facts(doc, claims).items():
        facts.setdefault(check_id, []).extend(value)
found += [f.check for f in run_corpus_checks(facts)]
print(" ".join(sorted(set(found))))
print(" ".join(sorted(m for m in set(sys.modules) - before if m.startswith("checker."))))
"""


def test_after_prepare_checks_judging_figures_loads_no_module() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                          check=True, env=env)
    found, loaded = (done.stdout.split("\n") + [""])[:2]
    assert {"quantity_conflict", "event_conflict"} <= set(found.split()), found
    assert loaded == "", loaded
