"""The ceiling of bench/api.py: a 10-line WSGI app answering each measured URL with the bytes the API gave
for it (a JSON file mapping path and query to body), served by the same gunicorn, so each endpoint's
figures can be read as a fraction of what the server stack allows for a response of that size."""

import json
import os

with open(os.environ["BENCH_STATIC_FILE"], encoding="utf-8") as f:
    BODIES = {path: body.encode() for path, body in json.load(f).items()}


def application(environ, start_response):
    query = environ.get("QUERY_STRING", "")
    body = BODIES.get(environ["PATH_INFO"] + ("?" + query if query else ""), b"{}")
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
