"""Shared fixtures: paths to the repository and to the optional outside data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests assert behaviour, not speed: no per-example deadline, which a loaded
# 2-core CI machine would miss at random.
settings.register_profile("checker", deadline=None)
settings.load_profile("checker")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def repo() -> Path:
    return REPO


def shared_path(*parts: str) -> Path:
    """A path into ../shared, skipping the test when that data is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"outside data not present: ../shared/{'/'.join(parts)}")
    return path
