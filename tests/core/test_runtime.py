"""Server start-up: the shipped gunicorn settings and the settled heap."""

import gc
from pathlib import Path

from gunicorn.app.base import Application

from fabrique.core.runtime import settle_heap

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.conf.py"


class _Settings(Application):
    def init(self, parser, opts, args):
        return {}

    def load(self):
        raise AssertionError("the application is not loaded by this test")


def test_gunicorn_settings_keep_connections_alive_and_settle_the_heap(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.setattr("sys.argv", ["gunicorn"])
    app = _Settings()
    app.load_config_from_file(str(CONFIG))
    assert app.cfg.worker_class_str == "gthread"
    assert (app.cfg.workers, app.cfg.threads, app.cfg.keepalive) == (2, 1, 5)
    try:
        app.cfg.post_worker_init(None)  # what each worker runs once the application is loaded
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


def test_settle_heap_freezes_what_start_up_left():
    try:
        settle_heap()
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
