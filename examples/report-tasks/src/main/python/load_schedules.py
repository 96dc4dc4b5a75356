#!/usr/bin/env python3
"""Loads schedules.json into Hourglass: the Celery tasks, then the periodic schedules (standard library only).

    python3 load_schedules.py --url http://127.0.0.1:8080 schedules.json

What django-celery-beat's PeriodicTask rows were: each task says which Celery task runs on which broker and queue;
each schedule says when (`every` or `cron` with `zone`) and with which positional `args` / keyword `kwargs`.
Loading again replaces the definitions (edits made since at runtime are overwritten; schedules keep their history).
"""
import argparse
import json
import os
import urllib.error
import urllib.request


def call(url, method, path, body, token):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode('utf-8'), method=method,
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
    parser.add_argument('file', help='{"tasks": {name: definition}, "schedules": [...]}')
    parser.add_argument('--url', default=os.environ.get('HOURGLASS_URL', 'http://127.0.0.1:8080'))
    parser.add_argument('--token', default=os.environ.get('HOURGLASS_TOKEN'))
    args = parser.parse_args()
    with open(args.file, encoding='utf-8') as f:
        data = json.load(f)
    for name, definition in data['tasks'].items():
        task = call(args.url, 'PUT', '/api/v1/tasks/' + name, definition, args.token)
        print(f"task {name} version {task['version']}", flush=True)
    for schedule in data['schedules']:
        name = schedule['name']
        try:
            saved = call(args.url, 'PUT', '/api/v1/schedules/' + name, schedule, args.token)
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise
            saved = call(args.url, 'POST', '/api/v1/schedules', schedule, args.token)
        print(f"schedule {name}: next fire {saved.get('nextFireAt')}", flush=True)


if __name__ == '__main__':
    main()
