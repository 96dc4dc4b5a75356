"""Celery app that Hourglass's tests (and the examples) run a real worker on.

Broker and result backend come from the environment: CELERY_BROKER_URL, CELERY_RESULT_BACKEND.
`record` appends what it received as one JSON line to the file named by HOURGLASS_RECORD_FILE.
"""
import json
import os
import time

from celery import Celery

app = Celery(
    'hourglass_celery_app',
    broker=os.environ.get('CELERY_BROKER_URL', 'redis://127.0.0.1:6379/0'),
    backend=os.environ.get('CELERY_RESULT_BACKEND', 'redis://127.0.0.1:6379/1'),
)
app.conf.update(
    task_serializer='json',
    accept_content=['json'],
    result_serializer='json',
    broker_connection_retry=True,
    broker_connection_max_retries=None,
)


@app.task(name='add')
def add(x, y):
    return x + y


@app.task(name='echo_kwargs')
def echo_kwargs(**kw):
    return kw


@app.task(name='fail')
def fail(msg):
    raise ValueError(msg)


@app.task(name='sleep')
def sleep(seconds):
    time.sleep(seconds)
    return seconds


@app.task(name='record')
def record(*args, **kw):
    path = os.environ['HOURGLASS_RECORD_FILE']
    with open(path, 'a', encoding='utf-8') as out:
        out.write(json.dumps({'args': list(args), 'kwargs': kw}, sort_keys=True) + '\n')
    return len(args) + len(kw)
