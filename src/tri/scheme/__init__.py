"""The pilot scheme's logic: peer review outcomes, borough pairing, reviewer calibration, the
evaluation report and the benchmarks across organisations. Plain Python on top of tri.standard;
everything else in the package is private.
"""

from tri.scheme.benchmark import (
    Benchmark,
    BenchmarkError,
    CategoryStatistics,
    Cell,
    Group,
    GroupResult,
    LevelCounts,
    Member,
    MemberRow,
    Position,
    RoundChange,
    anonymised,
    benchmark,
)
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
    "Benchmark",
    "BenchmarkError",
    "CategoryOutcome",
    "CategoryStatistics",
    "Cell",
    "ChallengedCriterionRow",
    "ChangeRow",
    "CriterionCalibration",
    "CriterionReview",
    "Evaluation",
    "FeedbackRecord",
    "FeedbackRow",
    "Group",
    "GroupResult",
    "LevelCounts",
    "LevelDistributionRow",
    "Member",
    "MemberRow",
    "MovementRow",
    "Outcome",
    "Pair",
    "ParticipantRecord",
    "ParticipationRow",
    "Position",
    "Proposal",
    "Reply",
    "ReviewerCalibration",
    "ReviewerJudgement",
    "RoundChange",
    "SchemeError",
    "Verdict",
    "anonymised",
    "benchmark",
    "calibrate_reviewers",
    "check_pairing",
    "contested_criteria",
    "evaluate",
    "outcome",
    "propose_pairing",
]
