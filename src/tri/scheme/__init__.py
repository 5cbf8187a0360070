"""The pilot scheme's logic: peer review outcomes, borough pairing, reviewer calibration and
the evaluation report. Plain Python on top of tri.standard; everything else in the package is
private.
"""

from tri.scheme.calibration import (
    CriterionCalibration,
    ReviewerCalibration,
    ReviewerJudgement,
    calibrate_reviewers,
    contested_criteria,
)
from tri.scheme.errors import SchemeError
from tri.scheme.evaluation import (
    FEEDBACK_KINDS,
    ChallengedCriterionRow,
    ChangeRow,
    Evaluation,
    FeedbackRecord,
    FeedbackRow,
    LevelDistributionRow,
    MovementRow,
    ParticipantRecord,
    ParticipationRow,
    evaluate,
)
from tri.scheme.pairing import Pair, Proposal, check_pairing, propose_pairing
from tri.scheme.review import (
    CategoryOutcome,
    CriterionReview,
    Outcome,
    Reply,
    Verdict,
    outcome,
)

__all__ = [
    "FEEDBACK_KINDS",
    "CategoryOutcome",
    "ChallengedCriterionRow",
    "ChangeRow",
    "CriterionCalibration",
    "CriterionReview",
    "Evaluation",
    "FeedbackRecord",
    "FeedbackRow",
    "LevelDistributionRow",
    "MovementRow",
    "Outcome",
    "Pair",
    "ParticipantRecord",
    "ParticipationRow",
    "Proposal",
    "Reply",
    "ReviewerCalibration",
    "ReviewerJudgement",
    "SchemeError",
    "Verdict",
    "calibrate_reviewers",
    "check_pairing",
    "contested_criteria",
    "evaluate",
    "outcome",
    "propose_pairing",
]
