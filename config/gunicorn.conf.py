"""gunicorn settings shared by the Procfile and `make bench` (gunicorn -c config/gunicorn.conf.py).

Threaded workers keep HTTP connections alive between requests (the `sync` worker closes every
connection), which matters to scripts pushing measurements one by one.
"""

import os

from fabrique.core.runtime import settle_heap

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5


def post_worker_init(worker):
    settle_heap()
