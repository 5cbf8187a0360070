"""The supervisor's sweep (`manage.py serve`): the database queue's records of finished tasks
are pruned after two weeks."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tri.returns import tasks
from tri.returns.management.commands.serve import TASK_RESULTS_KEPT_DAYS, Command

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_sweep_prunes_task_records_that_finished_over_two_weeks_ago(returns_dir) -> None:  # type: ignore[no-untyped-def]
    old, recent, waiting = (tasks.process_return.enqueue(n).id for n in (1, 2, 3))
    now = timezone.now()
    finished = {old: TASK_RESULTS_KEPT_DAYS + 1, recent: TASK_RESULTS_KEPT_DAYS - 1}
    for task_id, days in finished.items():
        DBTaskResult.objects.filter(id=task_id).update(
            status="SUCCESSFUL", finished_at=now - timedelta(days=days)
        )

    Command()._sweep()

    assert {str(i) for i in DBTaskResult.objects.values_list("id", flat=True)} == {recent, waiting}


def test_the_sweep_leaves_the_queue_alone_without_the_database_backend(returns_dir) -> None:  # type: ignore[no-untyped-def]
    Command()._sweep()  # the immediate backend the tests use keeps no records: nothing to do
