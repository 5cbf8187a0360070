"""A worked peer review on Category 1 of the CELC Standard (the seed's worked example as the
organisation's own levels, 15 points, Established) plus one row of Category 2."""

from tri.scheme import CriterionReview, Reply, Verdict
from tri.standard import Level

D, E, L, N = Level.DEVELOPING, Level.ESTABLISHED, Level.LEADING, Level.NONE


def worked_reviews() -> tuple[CriterionReview, ...]:
    """Self 15 (Established); peer 8 (Developing); final 13 (Established) in Category 1.

    | row  | self | reviewer          | reply  | moderated | peer | final |
    | 1.1  | E 2  | challenge, D      | accept |           | 1    | 1     |
    | 1.2  | D 1  | agree             |        |           | 1    | 1     |
    | 1.3  | E 2  | agree             |        |           | 2    | 2     |
    | 1.4  | E 2  | agree             |        |           | 2    | 2     |
    | 1.5  | E 2  | challenge, none   | (none) |           | 0    | 2     |
    | 1.6  | L 3  | challenge, E      | accept |           | 2    | 2     |
    | 1.7  | N 0  | (not judged)      |        |           | 0    | 0     |
    | 1.8  | L 3  | challenge, none   | keep   | L         | 0    | 3     |
    | 2a.1 | D 1  | challenge, E      | keep   | L         | 2    | 3     |
    """
    challenge = Verdict.CHALLENGE
    return (
        CriterionReview("1.8", L, challenge, N, Reply.KEEP, L),
        CriterionReview("1.1", E, challenge, D, Reply.ACCEPT),
        CriterionReview("1.2", D, Verdict.AGREE),
        CriterionReview("1.3", E, Verdict.AGREE),
        CriterionReview("1.4", E, Verdict.AGREE),
        CriterionReview("1.5", E, challenge, N),
        CriterionReview("1.6", L, challenge, E, Reply.ACCEPT),
        CriterionReview("1.7", N),
        CriterionReview("2a.1", D, challenge, E, Reply.KEEP, L),
    )
