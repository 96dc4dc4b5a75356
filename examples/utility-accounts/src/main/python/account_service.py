#!/usr/bin/env python3
"""A stand-in for the accounts API the feed polls: serves a JSON file as GET /account/ (standard library only).

    python3 account_service.py --port 18090 feed/accounts.json

The file is read at every request, so editing it changes what the next poll sees. `--port 0` takes a free port;
the first line printed says where it serves. It listens on loopback unless `--bind` names another address (in a
container, `--bind 0.0.0.0` lets the other containers reach it: deploy/compose.yaml's `accounts` service).
"""
import argparse
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('accounts', help='a JSON file: the list of accounts')
    parser.add_argument('--port', type=int, default=18090)
    parser.add_argument('--bind', default='127.0.0.1', help='the address to listen on (default 127.0.0.1)')
    args = parser.parse_args()

    class Accounts(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != '/account/':
                self.send_error(404, 'only /account/ is served')
                return
            with open(args.accounts, 'rb') as f:
                body = f.read()
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    # stop on SIGTERM too: as a container's first process, a signal without a handler would be ignored
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    server = ThreadingHTTPServer((args.bind, args.port), Accounts)
    print(f'serving {args.accounts} on http://{args.bind}:{server.server_port}/account/', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
