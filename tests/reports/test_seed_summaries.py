"""The seed-shaped unions: the generated summary states the seed's figures the records hold."""

from __future__ import annotations

import pytest

from tests.reports.seed_more import MORE_SEEDS
from tests.reports.seed_unions import SEEDS, seed_share, summary_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("build", SEEDS + MORE_SEEDS, ids=lambda b: b.__name__)
def test_the_summary_states_the_seeds_figures(build):
    seed = build()
    text = summary_text(seed.union, period=seed.period)
    found, total, missing = seed_share(seed, text)
    print(f"\n{seed.name}: {found}/{total} stated exactly; missing: {missing}\n{text}")
    assert found / total >= 0.9, missing
