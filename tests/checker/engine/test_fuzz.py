"""docs/RELIABILITY.md, S1: 5,000 answers mutated field by field (fuzz_mutations.py), seeded from the signed
example. and the lab's own answers, through the engine's response handling (derandomised; bench/fuzz_engine.py runs
100,000).  0 uncaught exceptions."""

import dns.rdatatype
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz_harness import QTYPES, feed, hierarchy_seeds, lab_seeds
from .fuzz_mutations import mutated

SEEDS: list[bytes] = []


def test_seeds_are_lab_answers(lab):
    SEEDS[:] = hierarchy_seeds() + lab_seeds(lab)
    assert len(SEEDS) >= 60
    assert all(feed(seed, dns.rdatatype.SOA)[0] == "engine" for seed in SEEDS)  # every seed parses and runs


@pytest.mark.slow
@settings(
    max_examples=5000,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rng=st.randoms(use_true_random=False))
def test_mutated_answers_never_raise(lab, rng):
    if not SEEDS:
        SEEDS[:] = hierarchy_seeds() + lab_seeds(lab)
    feed(mutated(SEEDS, rng), rng.choice(QTYPES))
