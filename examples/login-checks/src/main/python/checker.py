#!/usr/bin/env python3
"""The login-check worker: pops `check-login` jobs and reports what a browser session made of each partner's login.

    python3 checker.py --url http://127.0.0.1:8080 --name checker-1

Each job's kwargs are the partner's configuration and the matrix cell's browser. The worker reports what happened
and leaves the triage to the task's outcome rules: it fails a check with the browser's own message, and the rule
`SessionNotCreated|native thread` turns the ones that are the grid's fault into `infra_error`, which is retried.

The browser session is simulated, deterministically by input, so that every path shows:
- firefox: the grid's firefox node is slow to start, so a first attempt gets no session
  (`SessionNotCreatedException`); a retry logs in;
- globex: the partner's login is broken (the page stays on the sign-in form): a real failure;
- anything else logs in.
"""
import argparse
import json
import os
import time
import urllib.error
import urllib.request


def call(url, path, body, token):
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


def check_login(partner, login_url, browser, attempt):
    """Returns (succeeded, output) as a Selenium check would."""
    if browser == 'firefox' and attempt == 1:
        return False, ('selenium.common.exceptions.SessionNotCreatedException: Message: Could not start a new '
                       'session. No firefox node available')
    if partner == 'globex':
        return False, f'opened {login_url} in {browser}; after submit the page is still the sign-in form'
    return True, f'opened {login_url} in {browser}; logged in, dashboard shown'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url', default=os.environ.get('HOURGLASS_URL', 'http://127.0.0.1:8080'))
    parser.add_argument('--token', default=os.environ.get('HOURGLASS_TOKEN'))
    parser.add_argument('--name', default='checker-' + str(os.getpid()))
    args = parser.parse_args()
    while True:
        jobs = call(args.url, '/api/v1/queues/login-checks/pop?limit=1', {'worker': args.name}, args.token)['jobs']
        if not jobs:
            time.sleep(0.5)
            continue
        job = jobs[0]
        kw = job['kwargs']
        ids = {'worker': args.name, 'attempt': job['attempt']}
        ok, output = check_login(kw['partner'], kw['loginUrl'], kw['browser'], job['attempt'])
        path = f"/api/v1/jobs/{job['id']}"
        if ok:
            ended = call(args.url, path + '/complete', {**ids, 'output': output}, args.token)
        else:
            ended = call(args.url, path + '/fail', {**ids, 'outcome': 'failed', 'message': 'login check failed',
                                                    'output': output}, args.token)
        print(f"{kw['partner']} {kw['browser']} attempt {job['attempt']}: {ended['outcome']}", flush=True)


if __name__ == '__main__':
    main()
