"""Polite, guarded HTTP(S) fetching for feeds and article pages.

Only `http` and `https` URLs are fetched; by default hosts that resolve to private, loopback, link-local,
multicast or reserved addresses are refused (every redirect hop is checked again), unless
`allow_private` is given (tests against a local server). Each request has a timeout, a size cap, a limit of
redirects, a clear user agent, and waits a minimum delay per host.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from ..model import Article, Reject
from .base import Items, ReadOptions, kind_of, read_bytes, sniff

__all__ = ["Fetcher", "FetchError", "Response", "USER_AGENT", "read_url", "fetch_article", "check_url"]

USER_AGENT = "geowire/0.1 (political event coder; +https://pypi.org/project/geowire/)"


class FetchError(Exception):
    """A URL that could not (or must not) be fetched; the message is the reason."""


@dataclass
class Response:
    url: str
    status: int
    body: bytes
    headers: dict[str, str]


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless `url` is http(s) and (by default) its host is a public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: scheme {parts.scheme or 'none'!r} (only http and https)")
    if not parts.hostname:
        raise FetchError("refused: no host in URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {parts.hostname} ({exc})") from None
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise FetchError(f"refused: {parts.hostname} is a private or loopback address ({ip}), fetched only "
                             "where private addresses are allowed")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Fetcher:
    """Fetches URLs under the limits above; keeps the time of the last request per host."""

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    delay: float = 1.0
    allow_private: bool = False
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirect)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The response for `url` after at most `max_redirects` redirects; 304 is returned as is."""
        for _ in range(self.max_redirects + 1):
            check_url(url, self.allow_private)
            self._wait(urlsplit(url).netloc)
            req = urllib.request.Request(url, headers={"User-Agent": self.user_agent, **(headers or {})})
            try:
                resp: IO[bytes] = self._opener.open(req, timeout=self.timeout)
                status = getattr(resp, "status", 200)
                hdrs: Message = resp.headers  # type: ignore[attr-defined]
            except urllib.error.HTTPError as exc:
                status, hdrs, resp = exc.code, exc.headers, exc
            except (urllib.error.URLError, OSError, ValueError) as exc:
                reason = getattr(exc, "reason", exc)
                raise FetchError(f"cannot fetch {url}: {reason}") from None
            with resp:
                if status in (301, 302, 303, 307, 308) and hdrs.get("Location"):
                    url = urljoin(url, hdrs["Location"])
                    continue
                if status == 304:
                    return Response(url, status, b"", dict(hdrs.items()))
                if status != 200:
                    raise FetchError(f"HTTP {status} for {url}")
                length = hdrs.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise FetchError(f"{url} is larger than the size cap of {self.max_bytes} bytes")
                try:
                    body = resp.read(self.max_bytes + 1)
                except (OSError, ValueError) as exc:
                    raise FetchError(f"cannot read {url}: {exc}") from None
                if len(body) > self.max_bytes:
                    raise FetchError(f"{url} is larger than the size cap of {self.max_bytes} bytes")
                return Response(url, status, body, dict(hdrs.items()))
        raise FetchError(f"too many redirects (more than {self.max_redirects}) from {url}")


def _fetcher(o: ReadOptions) -> Fetcher:
    if not isinstance(o.fetcher, Fetcher):
        o.fetcher = Fetcher(max_bytes=o.max_bytes, allow_private=o.allow_private)
    return o.fetcher


def fetch_article(url: str, o: ReadOptions, date: str | None = None, title: str | None = None) -> Article | Reject:
    """The article page at `url` (main text by trafilatura), or a Reject with the reason."""
    from .html import extract_html
    try:
        resp = _fetcher(o).get(url)
    except FetchError as exc:
        return Reject(url, str(exc))
    art = extract_html(resp.body, url, url=url, date=date)
    if isinstance(art, Article) and title and not art.title:
        art.title = title
    return art


def read_url(url: str, o: ReadOptions) -> Items:
    """A URL given as input: a feed (its entries' pages are fetched) or a page."""
    try:
        resp = _fetcher(o).get(url)
    except FetchError as exc:
        yield Reject(url, str(exc))
        return
    ctype = resp.headers.get("Content-Type", "").lower()
    name = urlsplit(resp.url).path or "/"
    if any(t in ctype for t in ("rss", "atom")):
        name = "feed.xml"
    elif "html" in ctype or kind_of(name) == "html" or sniff(resp.body[:2048]) == "html":
        from .html import extract_html
        yield extract_html(resp.body, url, url=resp.url, date=o.date)
        return
    page_opts = ReadOptions(**{**o.__dict__, "fetch_pages": True})
    for item in read_bytes(resp.body, name, url, page_opts):
        if isinstance(item, Article) and not item.url:
            item.url = url
        yield item
