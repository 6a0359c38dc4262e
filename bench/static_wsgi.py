"""The ceiling of bench/api.py: a 10-line WSGI app answering with fixed bytes (the API's own first page),
served by the same gunicorn, so the API's figures can be read as a fraction of what the server stack allows."""

import os

BODY = open(os.environ["BENCH_STATIC_FILE"], "rb").read()  # noqa: SIM115 - read once at import
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
