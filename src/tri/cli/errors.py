"""How every `tri` command reports a mistake in its input: `error: …` on stderr, exit status 2;
and how it writes a result to a file, saying so on stderr.

No traceback: the engines' errors already name the file, row, column or criterion at fault.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

USER_ERROR = 2


def fail(message: str) -> NoReturn:
    """Print `message` (its first line after "error:", the rest indented) and exit with 2."""
    for line in message.splitlines():
        indented = line.startswith("  ")
        typer.echo(f"  {line.strip()}" if indented else f"error: {line.strip()}", err=True)
    raise typer.Exit(USER_ERROR)


@contextmanager
def user_errors(*kinds: type[Exception]) -> Iterator[None]:
    """Turn the engines' errors of these kinds (each with a `message`) into `fail`."""
    try:
        yield
    except kinds as exc:
        fail(str(getattr(exc, "message", exc)))


def write(out: Path, data: bytes) -> None:
    """Write `data` to `out` and say so on stderr; a file that cannot be written is a mistake."""
    try:
        out.write_bytes(data)
    except OSError as exc:
        fail(f"{out}: cannot be written ({exc.strerror})")
    typer.echo(f"Wrote {out}", err=True)
