from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def returns_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Uploads wait in a folder of the test's own, so a test can look at everything on disk."""
    folder = tmp_path / "returns"
    settings.TRI_RETURNS_DIR = folder
    return folder
