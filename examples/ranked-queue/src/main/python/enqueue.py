#!/usr/bin/env python3
"""Queues one `scan` job per target of a targets file (standard library only).

    python3 enqueue.py --url http://127.0.0.1:8080 targets.json

Each target says how long its scan has been due (`lateMinutes`): the job is enqueued due that long ago, and the
`scan` task's age-based ranker gives it one point of priority per minute late, so the stalest target is popped
first. The dedup key `scan:<target>` refuses a second job for a target whose scan is still queued or running.
"""
import argparse
import datetime
import json
import os
import urllib.error
import urllib.request


def post(url, path, body, token):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode('utf-8'), method='POST',
                                     headers={'Content-Type': 'application/json'})
    if token:
        request.add_header('Authorization', 'Bearer ' + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        e.msg = f"{e.msg}: {e.read().decode('utf-8')}"  # the server names the field and the rule
        raise


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('targets', help='a JSON list of {"target", "lateMinutes"}')
    parser.add_argument('--url', default=os.environ.get('HOURGLASS_URL', 'http://127.0.0.1:8080'))
    parser.add_argument('--token', default=os.environ.get('HOURGLASS_TOKEN'))
    args = parser.parse_args()
    with open(args.targets, encoding='utf-8') as f:
        targets = json.load(f)
    now = datetime.datetime.now(datetime.timezone.utc)
    for entry in targets:
        due = now - datetime.timedelta(minutes=entry['lateMinutes'])
        answer = post(args.url, '/api/v1/jobs', {
            'task': 'scan',
            'kwargs': {'target': entry['target']},
            'dedupKey': 'scan:' + entry['target'],
            'at': due.isoformat().replace('+00:00', 'Z'),
        }, args.token)
        if answer['created']:
            print(f"queued job {answer['jobId']} scan:{entry['target']}", flush=True)
        else:
            print(f"refused duplicate scan:{entry['target']} (job {answer['jobId']} is queued)", flush=True)


if __name__ == '__main__':
    main()
