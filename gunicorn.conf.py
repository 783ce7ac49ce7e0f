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


def when_ready(server):
    """Warm up in the master, after the app is loaded and before any worker forks.

    Every worker then starts with rigour's name tagger and the match index, so no
    request waits for either, and the workers share those pages instead of each
    loading its own. A worker replaces its index in a background thread when a
    source changes (screening/index.py). If the warm-up fails (database not yet
    reachable), workers start without an index and each builds it on its first
    screening, which waits.
    """
    if not server.cfg.preload_app:
        return  # Django is loaded in each worker then, not here
    from django.db import connections

    from screening.index import live_index_fresh

    try:
        # Building it loads rigour's name tagger too (the index looks up every listed word).
        live = live_index_fresh()
        server.log.info("match index of versions %s ready before fork: %d names", live.key, len(live.index))
    except Exception:
        server.log.exception("match index warm-up failed; each worker builds it on its first screening")
    finally:
        # A forked worker must open its own database connection, never share the master's.
        connections.close_all()


def pre_fork(server, worker):
    # Everything loaded so far lives as long as the process: keep the garbage
    # collector from walking (and so copying) it in every worker.
    gc.freeze()
