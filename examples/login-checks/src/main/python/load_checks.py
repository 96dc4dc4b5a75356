#!/usr/bin/env python3
"""Turns checks.json into Hourglass definitions (standard library only).

    python3 load_checks.py --url http://127.0.0.1:8080 checks.json

Defines the `check-login` task (run by remote workers on the `login-checks` queue; its outcome rules, retry policy
and three-minute expiry come from the file's "task"), and one schedule `login-<partner>` per partner: every
partner's interval, with a matrix over its browsers, so each fire creates one job per browser with the partner's
fields and the browser as kwargs. Then it triggers each schedule once, so the first round runs now. Loading the
file again replaces the definitions (schedules keep their history).
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
    parser.add_argument('checks', help='the job configurations: {"task": {...}, "partners": [...]}')
    parser.add_argument('--url', default=os.environ.get('HOURGLASS_URL', 'http://127.0.0.1:8080'))
    parser.add_argument('--token', default=os.environ.get('HOURGLASS_TOKEN'))
    args = parser.parse_args()
    with open(args.checks, encoding='utf-8') as f:
        checks = json.load(f)
    task = call(args.url, 'PUT', '/api/v1/tasks/check-login', checks['task'], args.token)
    print(f"task check-login version {task['version']}", flush=True)
    for p in checks['partners']:
        name = 'login-' + p['partner']
        schedule = {
            'task': 'check-login',
            'every': p['every'],
            'kwargs': {'partner': p['partner'], 'loginUrl': p['loginUrl']},
            'matrix': {'browser': p['browsers']},
            'skipIfPending': True,
        }
        try:
            call(args.url, 'PUT', '/api/v1/schedules/' + name, schedule, args.token)
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise
            call(args.url, 'POST', '/api/v1/schedules', {'name': name, **schedule}, args.token)
        call(args.url, 'POST', f'/api/v1/schedules/{name}/trigger', {}, args.token)
        print(f"schedule {name} every {p['every']} on {', '.join(p['browsers'])}: triggered", flush=True)


if __name__ == '__main__':
    main()
