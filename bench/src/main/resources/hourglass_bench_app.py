"""Celery app the Hourglass benchmark harness (bench/run celery) starts a worker on.

Broker and result backend come from the environment: CELERY_BROKER_URL, CELERY_RESULT_BACKEND.
`stamp(due_micros)` notes when the worker started it: it appends "<due_micros> <start_micros>" to the file named
by HOURGLASS_STAMP_FILE (one line per task, so the harness can count what ran without a result backend) and
returns the start time in epoch microseconds.
"""
import os
import time

from celery import Celery
from celery.signals import worker_ready

app = Celery(
    'hourglass_bench_app',
    broker=os.environ.get('CELERY_BROKER_URL', 'redis://127.0.0.1:6379/0'),
    backend=os.environ.get('CELERY_RESULT_BACKEND', 'redis://127.0.0.1:6379/1'),
)
app.conf.update(
    task_serializer='json',
    accept_content=['json'],
    result_serializer='json',
    result_expires=600,
    # A solo worker with Celery's default prefetch (4 messages) drains only ~60-90 tasks/s from RabbitMQ on this
    # 2-core machine, whichever client published: it waits for the window to refill. 64 lets it run at full speed.
    worker_prefetch_multiplier=64,
    broker_connection_retry=True,
    broker_connection_max_retries=None,
)

_stamps = None


@worker_ready.connect
def announce_ready(**_):
    # The harness runs the worker at log level warning (per-task info lines would slow it) and waits for this line.
    print('hourglass bench worker ready', flush=True)


@app.task(name='stamp')
def stamp(due_micros):
    started = int(time.time() * 1_000_000)
    global _stamps
    if _stamps is None:
        _stamps = open(os.environ['HOURGLASS_STAMP_FILE'], 'a', encoding='ascii', buffering=1)
    _stamps.write(f'{due_micros} {started}\n')
    return started

