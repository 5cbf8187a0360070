"""Add the generated national-scale dataset the load benchmark runs on (`tri.rounds.national`).

    python manage.py seed_demo && python manage.py seed_national [--organisations 400]

It needs the demo first (the London authorities and the coordinator). Synthetic only; never
run it on a database that holds real organisations' data.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tri.accounts.models import User
from tri.organisations.enums import Role
from tri.rounds.national import seed_national


class Command(BaseCommand):
    help = "Add a generated national-scale dataset (for the load benchmark): synthetic only."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisations", type=int, default=400)
        parser.add_argument("--rounds", type=int, default=5)
        parser.add_argument("--snapshots", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(
        self, *args: Any, organisations: int, rounds: int, snapshots: int, seed: int, **_: Any
    ) -> None:
        for name, value, lowest in (
            ("--organisations", organisations, 5),
            ("--rounds", rounds, 1),
            ("--snapshots", snapshots, 1),
        ):
            if value < lowest:
                raise CommandError(f"{name} must be at least {lowest} (it was {value}).")
        coordinator = User.objects.filter(memberships__role=Role.COORDINATOR).first()
        if coordinator is None:
            raise CommandError("There is no coordinator: run `manage.py seed_demo` first.")
        seed_national(
            coordinator=coordinator,
            organisations=organisations,
            rounds=rounds,
            snapshots=snapshots,
            seed=seed,
            say=self.stdout.write,
        )
