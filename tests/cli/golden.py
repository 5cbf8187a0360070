"""Compare command output with files under tests/cli/golden/.

Run with TRI_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change, then review the
diff before committing it.
"""

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TRI_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"
