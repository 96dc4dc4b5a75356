"""The report-tasks example's Celery app: the two periodic report tasks of a django-celery-beat project.

Run a worker (from examples/report-tasks):

    PYTHONPATH=src/main/python /usr/bin/python3 -m celery -A reports worker -Q reports -l info

In the Django project these ran from django-celery-beat's PeriodicTask rows; here Hourglass holds the schedules
(schedules.json, edited at runtime through the API, the CLI or the console) and publishes each fire to the broker,
and this worker runs the code unchanged. Building the reports is out of this example's scope: each task computes
its time window, records its call (one JSON line to the file named by HOURGLASS_RECORD_FILE, when set) and
returns a summary, which Hourglass keeps as the attempt's output.
"""
import datetime
import json
import os

from celery import Celery

app = Celery(
    'reports',
    broker=os.environ.get('CELERY_BROKER_URL', 'redis://127.0.0.1:6379/0'),
    backend=os.environ.get('CELERY_RESULT_BACKEND', 'redis://127.0.0.1:6379/1'),
)
app.conf.update(task_serializer='json', accept_content=['json'], result_serializer='json',
                task_default_queue='reports')


def _record(task, args):
    record_file = os.environ.get('HOURGLASS_RECORD_FILE')
    if record_file:
        with open(record_file, 'a', encoding='utf-8') as out:
            out.write(json.dumps({'task': task, 'args': args}) + '\n')


def _window(start, end):
    return {'from': start.isoformat(timespec='seconds'), 'to': end.isoformat(timespec='seconds')}


@app.task(name='reports.build_reports_last_minutes')
def build_reports_last_minutes(minutes):
    """Builds the reports of the last `minutes` minutes (the schedule passes it as the one positional argument)."""
    _record('build_reports_last_minutes', [minutes])
    now = datetime.datetime.now(datetime.timezone.utc)
    return {'report': 'last_minutes', 'minutes': minutes, **_window(now - datetime.timedelta(minutes=minutes), now)}


@app.task(name='reports.build_reports_from_22_to_25')
def build_reports_from_22_to_25():
    """Builds the reports of last night's window, 22:00 to 25:00 (1:00 of today), UTC."""
    _record('build_reports_from_22_to_25', [])
    today = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    start = today - datetime.timedelta(hours=2)
    return {'report': 'from_22_to_25', **_window(start, start + datetime.timedelta(hours=3))}
