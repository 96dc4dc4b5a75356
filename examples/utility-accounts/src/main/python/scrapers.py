"""The utility-accounts example's Celery worker app: the scrape tasks Hourglass publishes in Celery mode.

Run a worker (from examples/utility-accounts):

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CELERY_RESULT_BACKEND=redis://127.0.0.1:6379/1 \
        PYTHONPATH=src/main/python /usr/bin/python3 -m celery -A scrapers worker -Q scrape -l info

Hourglass sends each job as the Celery task named like the Hourglass task (`scrape-coned`, `scrape-ngrid`), with
the account's fields as keyword arguments, and keeps the returned summary as the attempt's output. The scraping
itself (a browser session per utility) is out of this example's scope: each task records the account it received
(one JSON line to the file named by HOURGLASS_RECORD_FILE, when set) and returns a summary.
"""
import json
import os

from celery import Celery

app = Celery(
    'scrapers',
    broker=os.environ.get('CELERY_BROKER_URL', 'redis://127.0.0.1:6379/0'),
    backend=os.environ.get('CELERY_RESULT_BACKEND', 'redis://127.0.0.1:6379/1'),
)
app.conf.update(
    task_serializer='json',
    accept_content=['json'],
    result_serializer='json',
    task_default_queue='scrape',
)


def _scrape(task, utility, account):
    record_file = os.environ.get('HOURGLASS_RECORD_FILE')
    if record_file:
        with open(record_file, 'a', encoding='utf-8') as out:
            out.write(json.dumps({'task': task, 'kwargs': account}, sort_keys=True) + '\n')
    return {
        'utility': utility,
        'account_id': account.get('id'),
        'username': account.get('username'),
    }


@app.task(name='scrape-coned')
def scrape_coned(**account):
    """Scrapes one Con Edison account; the account's fields arrive as keyword arguments."""
    return _scrape('scrape-coned', 'coned', account)


@app.task(name='scrape-ngrid')
def scrape_ngrid(**account):
    """Scrapes one National Grid account; the account's fields arrive as keyword arguments."""
    return _scrape('scrape-ngrid', 'ngrid', account)
