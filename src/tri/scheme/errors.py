"""The scheme engine's exceptions: one family, each naming the criterion or organisation at fault."""

from __future__ import annotations

from tri.standard import StandardError


class SchemeError(StandardError):
    """Peer review, pairing, calibration or evaluation input that cannot be used.

    A StandardError, so glue that already reports the Standard engine's errors reports these
    too: `source` names the input (a review, a pairing), `problems` lists every problem found
    in one pass.
    """
