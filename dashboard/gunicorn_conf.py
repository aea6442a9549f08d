"""Gunicorn settings for production (`make run`, Procfile), each from dashboard.config."""
from dashboard import config as _settings

workers = _settings.get_int("WEB_CONCURRENCY")
threads = _settings.get_int("GUNICORN_THREADS")
timeout = _settings.get_int("GUNICORN_TIMEOUT")
worker_class = "gthread"
accesslog = "-"
errorlog = "-"
# The app opens the warehouse lazily in each worker after the fork (DuckDB connections must not cross fork).
preload_app = False
# Gunicorn 27 binds one control socket per machine by default; several instances (tests, two-instance deploys) clash.
control_socket_disable = True


def post_worker_init(worker):
    """Move everything loaded at start-up out of the garbage collector's reach: its full collections over
    those objects were the p95 spikes of the main callbacks (bench/perf_callbacks.py --gc-freeze)."""
    import gc

    gc.freeze()
