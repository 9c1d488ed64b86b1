"""gunicorn settings shared by the Procfile and `make bench` (gunicorn -c config/gunicorn.conf.py).

`gthread` workers keep HTTP connections alive between requests (the `sync` worker closes
every connection). One thread per process by default: with SQLite, several threads of one
process wait on each other (the interpreter lock, the database's write lock); measured with 4
clients pushing measurements, 2 processes × 4 threads served 150–223 pushes/s against 297–314
with 1 thread. Raise `GUNICORN_THREADS` with PostgreSQL if requests wait on the network.
"""

import os

from fabrique.core.runtime import settle_heap

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
keepalive = 5


def post_worker_init(worker):
    settle_heap()
