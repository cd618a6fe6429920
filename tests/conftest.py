"""Shared fixtures: the seed corpus built once per test session (real engines, offline)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """`newskg build seeds -o OUT` through the library, once per session."""
    from newskg.graph.build import build

    out = tmp_path_factory.mktemp("seeds-out")
    result = build([SEEDS], out)
    return result
