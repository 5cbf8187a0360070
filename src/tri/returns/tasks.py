"""Background tasks (Django's task framework). Thin: an id in, one service call."""

from django_tasks import task

from tri.returns import services


@task()
def process_return(return_id: int) -> None:
    services.process_return(return_id=return_id)
