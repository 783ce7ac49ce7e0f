"""Production web server settings, read by `gunicorn venue_check.wsgi` from this directory.

Environment: GUNICORN_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker
processes, default one per core) and GUNICORN_THREADS (default 4).
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Requests are CPU-bound Python (one core per process) with short waits on the
# database, which a few threads per process fill.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = 30
# Import Django once in the master; workers share those pages.
preload_app = True
# Recycle workers now and then, staggered, so a slow leak cannot grow for ever.
max_requests = 20_000
max_requests_jitter = 2_000


def pre_fork(server, worker):
    # Everything loaded so far lives as long as the process: keep the garbage
    # collector from walking (and so copying) it in every worker.
    gc.freeze()
