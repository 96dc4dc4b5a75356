#!/usr/bin/env python3
"""A remote worker for the `scans` queue, in Python with the standard library only.

    python3 worker.py --url http://127.0.0.1:8080 --name scanner-1 [--until-empty]

It pops one job at a time (the server hands out the best one: highest priority, then earliest due), reports that
it is working with a heartbeat (which also says whether somebody cancelled the job), scans, and completes the job
with the scan's result as output. A scan that raises is reported as `failed`; a lost lease (the server gave the
job to another worker after missed heartbeats) answers 409 and the worker moves on.
"""
import argparse
import hashlib
import json
import os
import time
import urllib.error
import urllib.request


class Server:
    def __init__(self, url, token):
        self.url = url.rstrip('/')
        self.token = token

    def post(self, path, body):
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode('utf-8'), method='POST',
                                         headers={'Content-Type': 'application/json'})
        if self.token:
            request.add_header('Authorization', 'Bearer ' + self.token)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            e.msg = f"{e.msg}: {e.read().decode('utf-8')}"  # the server names the field and the rule
            raise


def scan(target):
    """Stands in for a real scan (ports, TLS, headers): a result derived from the target alone."""
    digest = hashlib.sha256(target.encode('utf-8')).hexdigest()
    return {'target': target, 'openPorts': [443] + ([22] if int(digest[0], 16) % 2 else []),
            'fingerprint': digest[:12]}


def work_on(server, name, job):
    ids = {'worker': name, 'attempt': job['attempt']}
    job_path = f"/api/v1/jobs/{job['id']}"
    target = job['kwargs']['target']
    print(f"popped job {job['id']} scan:{target} priority {job['priority']}", flush=True)
    if server.post(job_path + '/heartbeat', ids)['cancellationRequested']:
        server.post(job_path + '/fail', {**ids, 'outcome': 'cancelled', 'message': 'cancelled before the scan'})
        return
    try:
        result = scan(target)
    except Exception as e:  # the scan's own failure: recorded as failed, with the message
        server.post(job_path + '/fail', {**ids, 'outcome': 'failed', 'message': repr(e)})
        return
    ended = server.post(job_path + '/complete', {**ids, 'output': json.dumps(result)})
    print(f"completed job {job['id']} scan:{target} {ended['outcome']}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url', default=os.environ.get('HOURGLASS_URL', 'http://127.0.0.1:8080'))
    parser.add_argument('--token', default=os.environ.get('HOURGLASS_TOKEN'))
    parser.add_argument('--name', default='scanner-' + str(os.getpid()))
    parser.add_argument('--queue', default='scans')
    parser.add_argument('--lease-seconds', type=int, default=120)
    parser.add_argument('--until-empty', action='store_true', help='stop when a pop finds nothing')
    args = parser.parse_args()
    server = Server(args.url, args.token)
    while True:
        jobs = server.post(f'/api/v1/queues/{args.queue}/pop?limit=1',
                           {'worker': args.name, 'leaseSeconds': args.lease_seconds})['jobs']
        if not jobs:
            if args.until_empty:
                print('queue empty', flush=True)
                return
            time.sleep(1)
            continue
        try:
            work_on(server, args.name, jobs[0])
        except urllib.error.HTTPError as e:
            if e.code != 409:
                raise
            print(f"lost the lease of job {jobs[0]['id']}: {e.read().decode('utf-8')}", flush=True)


if __name__ == '__main__':
    main()
