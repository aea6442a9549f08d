"""A deck's print view (URL) -> PDF bytes, one slide per page, printed by the system Chromium over DevTools; Flask routes."""
from __future__ import annotations

import base64
import fcntl
import json
import logging
import os
import select
import shutil
import signal
import tempfile
import threading
import time
from functools import lru_cache
from urllib.parse import urlencode

import flask

from dashboard import db
from dashboard import deck as decks
from dashboard.i18n import lang_or_default, t

log = logging.getLogger(__name__)
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--window-size=1920,1080", "--hide-scrollbars", "--remote-debugging-pipe"]
# 1920×1080 CSS px at 96 px per inch: the slide stage, unscaled, fills each page.
PAGE = {"paperWidth": 20.0, "paperHeight": 11.25, "marginTop": 0, "marginBottom": 0, "marginLeft": 0,
        "marginRight": 0, "printBackground": True, "preferCSSPageSize": True}
READY = "Boolean(window.presentPrintReady && window.presentPrintReady())"
TIMEOUT = 90.0
# One Chromium at a time: a burst of PDF requests must not start a browser per request.
_busy = threading.BoundedSemaphore(1)


class PdfError(RuntimeError):
    """Chromium missing, crashed, or the print view never finished drawing within the timeout."""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if path is None:
        raise PdfError("no Chromium on PATH (Debian package 'chromium')")
    return path


def _above_4(fd: int) -> int:
    """The same pipe end on a descriptor above 4, so moving it to 3 or 4 in the child cannot overwrite the other."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class DevTools:
    """Chromium started with --remote-debugging-pipe: commands on its fd 3, replies on its fd 4, NUL-separated JSON."""

    def __init__(self, deadline: float):
        self.deadline, self._id, self._buffer = deadline, 0, b""
        to_child, self._send = os.pipe()
        self._receive, from_child = os.pipe()
        to_child, from_child = _above_4(to_child), _above_4(from_child)
        self._profile = tempfile.TemporaryDirectory(prefix="present-pdf-")
        argv = [chromium(), *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"]
        # posix_spawn moves the pipe ends to fds 3 and 4 in the child (Popen cannot, and preexec_fn is unsafe
        # in a threaded server); every other descriptor of ours is close-on-exec.
        actions = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
        actions += [(os.POSIX_SPAWN_DUP2, to_child, 3), (os.POSIX_SPAWN_DUP2, from_child, 4)]
        try:
            self.pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
        finally:
            os.close(to_child)
            os.close(from_child)

    def _read_message(self) -> dict:
        while b"\0" not in self._buffer:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._receive], [], [], remaining)[0]:
                raise PdfError("Chromium did not answer in time")
            chunk = os.read(self._receive, 1 << 20)
            if not chunk:
                raise PdfError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: str | None = None, **params) -> dict:
        self._id += 1
        command = {"id": self._id, "method": method, "params": params, **({"sessionId": session} if session else {})}
        try:
            os.write(self._send, json.dumps(command).encode() + b"\0")
        except BrokenPipeError as e:
            raise PdfError("Chromium closed the DevTools pipe") from e
        while True:
            reply = self._read_message()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise PdfError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})

    def close(self) -> None:
        for fd in (self._send, self._receive):
            os.close(fd)
        os.kill(self.pid, signal.SIGTERM)
        for _ in range(100):
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
            time.sleep(0.1)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self._profile.cleanup()


def print_url(url: str, timeout: float = TIMEOUT) -> bytes:
    """Open `url`, wait until the page says every chart is drawn, print it with the page size its CSS asks for."""
    tools = DevTools(time.monotonic() + timeout)
    try:
        target = tools.send("Target.createTarget", url="about:blank")["targetId"]
        session = tools.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tools.send("Page.navigate", session, url=url)
        while not tools.send("Runtime.evaluate", session, expression=READY, returnByValue=True)["result"].get("value"):
            if time.monotonic() > tools.deadline:
                raise PdfError("the print view did not finish drawing in time")
            time.sleep(0.25)
        return base64.b64decode(tools.send("Page.printToPDF", session, **PAGE)["data"])
    finally:
        tools.close()


@lru_cache(maxsize=16)
def _cached(url: str, build_id: str) -> bytes:
    """The same deck, language and warehouse build give the same PDF: keep the last few."""
    with _busy:
        return print_url(url)


def deck_pdf():
    """GET /present/deck.pdf?deck=<name or link>&lang=<en|ru>: the backup PDF of a deck."""
    lang = lang_or_default(flask.request.args.get("lang"))
    param = (flask.request.args.get("deck") or decks.DEFAULT).strip()
    try:
        decks.resolve(param)
    except decks.DeckError as e:
        return _text(t("present.deck_error_body", lang, where=e.where, error=e.message(lang)), 400)
    url = flask.request.host_url.rstrip("/") + "/present?" + urlencode({"deck": param, "lang": lang, "print": "1"})
    try:
        pdf = _cached(url, db.build_id())
    except (PdfError, db.WarehouseUnavailable) as e:
        log.error("PDF of deck %s failed: %s", param[:40], e)
        return _text(t("present.pdf_failed", lang), 503)
    name = param if not param.startswith(decks.LINK_PREFIX) else "deck"
    return flask.Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}-{lang}.pdf"', "Cache-Control": "no-store"})


def short_link(name: str, number: int):
    """GET /present/s/<deck>/<n>: the view slide n of a deck file shows (the short link under each QR code)."""
    lang = lang_or_default(flask.request.args.get("lang"))
    try:
        deck = decks.load(name)
    except decks.DeckError:
        flask.abort(404)
    if not 1 <= number <= len(deck.slides):
        flask.abort(404)
    return flask.redirect(deck.slides[number - 1].href(lang), code=302)


def _text(message: str, status: int) -> flask.Response:
    return flask.Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")


def register(server: flask.Flask) -> None:
    """Add the deck's PDF and short-link routes to the app's Flask server (called once from create_app)."""
    server.add_url_rule("/present/deck.pdf", "present_deck_pdf", deck_pdf)
    server.add_url_rule("/present/s/<name>/<int:number>", "present_short_link", short_link)
