"""Where new alerts go besides the store: JSON lines (a file, appended, or stdout) and a webhook.

`Webhook` POSTs each alert as JSON from one background thread fed by a bounded queue, so the caller (the
polling loop) never waits for the network: `submit` returns at once, and a full queue refuses the alert
(it stays `pending` in the store and is sent after a restart). Each attempt has a timeout; a connection
error, a timeout, a 429 or a 5xx is retried after 1 s, 2 s, 4 s ... (`backoff` doubled each time) up to
`retries` times; another 4xx is final. Outcomes (`sent`, `failed: reason`) are collected for the caller to
record (`outcomes()`); the store has one writer, the caller.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from typing import IO, Any

from ..errors import GeowireError
from .rules import RuleSet

__all__ = ["JsonlSink", "Webhook", "post_json", "webhook_for", "payload", "USER_AGENT"]

USER_AGENT = "geowire-alerts/0.1"


def payload(alert: dict[str, Any]) -> dict[str, Any]:
    """An alert as it is sent: everything but its delivery state."""
    return {k: v for k, v in alert.items() if k != "delivery"}


class JsonlSink:
    """Alerts as JSON lines on stdout (`-`) or appended to a file (flushed after each alert)."""

    def __init__(self, path: str) -> None:
        self.path = path
        if path == "-":
            self._fh: IO[str] = sys.stdout
        else:
            try:
                self._fh = Path(path).open("a", encoding="utf-8")
            except OSError as exc:
                raise GeowireError(f"cannot write alerts to {path}: {exc.strerror or exc}") from None

    def write(self, alert: dict[str, Any]) -> None:
        self._fh.write(json.dumps(payload(alert), ensure_ascii=False, default=str) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not sys.stdout:
            self._fh.close()


def post_json(url: str, body: dict[str, Any], timeout: float) -> int:
    """POST `body` as JSON; the HTTP status (an HTTPError's status too)."""
    data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    req = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


class Webhook:
    """POST alerts to `url` from a background thread (see the module docstring)."""

    def __init__(self, url: str, timeout: float = 5.0, retries: int = 3, backoff: float = 1.0,
                 queue_size: int = 1000) -> None:
        if not url.lower().startswith(("http://", "https://")):
            raise GeowireError(f"invalid webhook URL {url!r}: use http(s)://...")
        self.url, self.timeout, self.retries, self.backoff = url, timeout, retries, backoff
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue(queue_size)
        self._done: deque[tuple[str, str]] = deque()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="geowire-webhook", daemon=True)
        self._thread.start()

    def submit(self, alert: dict[str, Any]) -> bool:
        """Queue an alert; False when the queue is full or the webhook is closed (it stays pending)."""
        if self._stop.is_set():
            return False
        try:
            self._queue.put_nowait(alert)
        except queue.Full:
            return False
        return True

    def outcomes(self) -> list[tuple[str, str]]:
        """(alert id, `sent` or `failed: reason`) of the deliveries finished since the last call."""
        out = []
        while self._done:
            out.append(self._done.popleft())
        return out

    def _deliver(self, alert: dict[str, Any]) -> str:
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt and self._stop.wait(self.backoff * 2 ** (attempt - 1)):
                return "pending"  # closing: left for the next run
            try:
                status = post_json(self.url, payload(alert), self.timeout)
            except (OSError, ValueError) as exc:
                reason = str(getattr(exc, "reason", exc)) or exc.__class__.__name__
                continue
            if 200 <= status < 300:
                return "sent"
            reason = f"HTTP {status}"
            if status != 429 and status < 500:
                break
        return f"failed: {reason} after {attempt + 1} attempt{'s' if attempt else ''}"

    def _run(self) -> None:
        while True:
            alert = self._queue.get()
            if alert is None or self._stop.is_set():
                return
            outcome = self._deliver(alert)
            if outcome != "pending":
                self._done.append((alert["id"], outcome))

    def close(self, wait: float = 10.0) -> None:
        """Deliver what is queued within `wait` seconds, then stop (alerts not sent stay pending)."""
        try:
            self._queue.put(None, timeout=wait)
        except queue.Full:
            pass
        self._thread.join(wait)
        self._stop.set()
        self._thread.join(self.timeout + 1)


def webhook_for(rules: RuleSet | None, url: str | None = None) -> Webhook | None:
    """The webhook of `url` (given on the command line), else of the rules file, else None; the rules file's
    timeout and retries apply to its own URL."""
    cfg = rules.webhook if rules is not None else None
    if url and (cfg is None or cfg.url != url):
        return Webhook(url)
    return Webhook(cfg.url, timeout=cfg.timeout, retries=cfg.retries) if cfg else None
