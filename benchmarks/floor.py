"""The floor of the benchmark: read the return with polars and count staff by ethnicity.

    python benchmarks/floor.py FILE [--out OUT.json]

No checking, no metrics: how fast this machine reads the file at all. Nothing that reads the
whole file can be much quicker, so the engine's time is measured against it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import polars as pl


def counts(path: Path) -> dict[str, int]:
    """Rows by ethnicity label as written; a blank label is counted under ""."""
    parquet = path.suffix.lower() == ".parquet"
    frame = pl.read_parquet(path) if parquet else pl.read_csv(path)
    by_label = frame.group_by("ethnicity").len()
    return {label or "": int(n) for label, n in by_label.iter_rows()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="an employee return, .csv or .parquet")
    parser.add_argument("--out", type=Path, help="write the counts here as JSON (else stdout)")
    args = parser.parse_args(argv)
    text = json.dumps(counts(args.file), indent=2, ensure_ascii=False, sort_keys=True)
    if args.out is None:
        sys.stdout.write(text + "\n")
    else:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
