"""Email deadline reminders for every open round. Run daily from a scheduler (cron, a systemd
timer or the platform's scheduled jobs); running it more often, or twice, never sends the
same reminder twice."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tri.rounds.services import send_reminders


class Command(BaseCommand):
    help = "Email sign-off reminders 14, 7 and 1 days before each open round's deadline, and once when overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD), for catching up after an outage.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today {options['today']!r} is not a date: use YYYY-MM-DD."
                ) from None
        sent = send_reminders(today=today)
        for reminder in sent:
            when = "overdue" if reminder.days_before == 0 else f"{reminder.days_before} days before"
            self.stdout.write(
                f"{reminder.round.name}: {reminder.organisation.name} ({when}) "
                f"to {len(reminder.recipients)} people"
            )
        self.stdout.write(f"{len(sent)} reminders sent.")
