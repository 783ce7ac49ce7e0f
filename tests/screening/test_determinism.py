"""The matcher gives the same scores and explanations in every process.

Python randomises the order of sets and of dicts built from them per process
(PYTHONHASHSEED). Where such an order decided an outcome (which of two equally
close listed spellings a typo weighs as, which of two aliases of an entry that
score the same is shown), two web workers gave one name two scores. Two
processes of different hash seeds screen the same generated names here
(tests/screening/determinism_run.py) and must print the same results."""

import json
import os
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).with_name("determinism_run.py")
ALIASES, QUERIES = 4000, 3000


def _results(hash_seed: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, str(RUN), str(ALIASES), str(QUERIES)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


def test_scores_and_explanations_do_not_depend_on_the_hash_seed():
    runs = [_results(seed) for seed in ("1", "2")]  # at once: two cores
    outputs = [run.communicate(timeout=600)[0] for run in runs]

    assert [run.returncode for run in runs] == [0, 0]
    first, second = ([json.loads(line) for line in out.splitlines()] for out in outputs)
    assert len(first) == QUERIES + QUERIES // 10
    # names and texts that find something: otherwise the comparison would prove little
    assert sum(bool(found) for _, found in first) > QUERIES // 2
    differing = [(a[0], a[1], b[1]) for a, b in zip(first, second, strict=True) if a != b]
    assert differing == []
