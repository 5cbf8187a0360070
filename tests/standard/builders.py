"""Build response sets for tests: by hand, or hitting an exact number of points."""

from tri.standard import Category, Level, Response, ResponseSet, Standard


def responses(standard: Standard, levels: dict[str, str], *, source: str = "test") -> ResponseSet:
    return ResponseSet(
        standard_id=standard.id,
        version=standard.version,
        responses={row: Response(Level.from_key(level)) for row, level in levels.items()},
        organisation="Test organisation",
        source=source,
    )


def levels_for_points(category: Category, target: int) -> dict[str, str]:
    """Levels for every row of `category` summing to exactly `target` points (a small
    subset-sum over each row's options); ValueError if no combination reaches it."""
    reachable: dict[int, dict[str, str]] = {0: {}}
    for criterion in category.criteria:
        step: dict[int, dict[str, str]] = {}
        for total, chosen in reachable.items():
            for level in (Level.NONE, *criterion.levels):
                step.setdefault(total + level.points, {**chosen, criterion.id: level.key})
        reachable = step
    if target not in reachable:
        raise ValueError(f"category {category.id} cannot score exactly {target}")
    return reachable[target]
