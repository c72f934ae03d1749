"""Fetching and `geowire watch` against a local HTTP server on 127.0.0.1 (no network needed)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import geowire
from geowire.cli import main
from geowire.ingest.fetch import Fetcher, FetchError, check_url

ARTICLE = """<html><head><title>{title}</title><meta property="article:published_time" content="2023-03-0{n}">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{body}</p><p>Officials said further talks would follow in the coming weeks,
according to a statement released by the foreign ministry late on {day}.</p></article>
<div class="comments"><p>QUUXCOMMENT: first!!! great article</p></div></body></html>"""

BODIES = {
    1: ("Japan sanctions North Korea", "Japan imposed new sanctions on North Korea after a missile launch.", "Monday"),
    2: ("Egypt criticizes Ethiopia", "Egypt criticized Ethiopia over the filling of the dam on the Nile.", "Tuesday"),
    3: ("India and Bangladesh sign deal", "India and Bangladesh signed a trade agreement in Dhaka.", "Wednesday"),
}


def rss(base: str, ids: list[int]) -> str:
    items = "".join(f"<item><title>{BODIES[i][0]}</title><link>{base}/a{i}.html</link><guid>a{i}</guid></item>"
                    for i in ids)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


class Site:
    """What the server serves; tests change `feed_ids` between polls and read `requests`."""

    def __init__(self) -> None:
        self.feed_ids = [1, 2]
        self.requests: list[tuple[str, str]] = []
        self.base = ""


@pytest.fixture()
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path == "/feed.xml":
                self._send(rss(state.base, state.feed_ids).encode(), "application/rss+xml")
            elif self.path.startswith("/a") and self.path.endswith(".html"):
                n = int(self.path[2:-5])
                if n not in BODIES:
                    self.send_error(404)
                    return
                title, body, day = BODIES[n]
                self._send(ARTICLE.format(title=title, body=body, day=day, n=n).encode(), "text/html")
            elif self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
            elif self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/a1.html")
                self.end_headers()
            elif self.path == "/big":
                self._send(b"x" * 3_000_000, "text/plain")
            else:
                self.send_error(404)

        def _send(self, body: bytes, ctype: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # /big: the client stops reading at its size limit and hangs up, as it should

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def test_refuses_other_schemes_and_private_addresses() -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x", "javascript:alert(1)"):
        with pytest.raises(FetchError, match="scheme"):
            check_url(url)
    for url in ("http://127.0.0.1/", "http://localhost:8080/", "http://10.1.2.3/", "http://[::1]/",
                "http://169.254.169.254/latest/meta-data"):
        with pytest.raises(FetchError, match="private or loopback"):
            check_url(url)
    check_url("http://127.0.0.1/", allow_private=True)


def test_fetch_limits(site: Site) -> None:
    f = Fetcher(allow_private=True, delay=0.0, max_bytes=1_000_000, timeout=5)
    assert b"Japan imposed" in f.get(site.base + "/moved").body
    with pytest.raises(FetchError, match="too many redirects"):
        f.get(site.base + "/loop")
    with pytest.raises(FetchError, match="size cap"):
        f.get(site.base + "/big")
    with pytest.raises(FetchError, match="HTTP 404"):
        f.get(site.base + "/nothing")
    with pytest.raises(FetchError, match="private or loopback"):
        Fetcher(delay=0.0).get(site.base + "/a1.html")
    with pytest.raises(FetchError, match="private or loopback"):
        Fetcher(delay=0.0).get("http://10.0.0.1/")
    assert all(ua.startswith("geowire/") for _, ua in site.requests)


def test_delay_per_host(site: Site) -> None:
    f = Fetcher(allow_private=True, delay=0.3)
    t = time.monotonic()
    f.get(site.base + "/a1.html")
    f.get(site.base + "/a2.html")
    assert time.monotonic() - t >= 0.3


def test_watch_processes_each_article_once(site: Site, tmp_path: Path, capsys) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{site.base}/feed.xml\n", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    args = ["watch", str(feeds), "--db", db, "--once", "--allow-private", "--delay", "0"]
    assert main(args) == 0
    assert "2 new entries, 2 stored" in capsys.readouterr().err
    assert main(args) == 0
    assert "0 new entries" in capsys.readouterr().err
    site.feed_ids = [1, 2, 3]
    assert main([*args, "--format", "jsonl"]) == 0
    said = capsys.readouterr()
    assert "1 new entries, 1 stored" in said.err and json.loads(said.out)["stored"] == 1
    pages = [p for p, _ in site.requests if p.startswith("/a")]
    assert sorted(pages) == ["/a1.html", "/a2.html", "/a3.html"]
    with geowire.Store(db, read_only=True) as store:
        docs = store.documents()
        assert len(docs) == 3 and {d["date"] for d in docs} == {"2023-03-01", "2023-03-02", "2023-03-03"}
        assert all(d["url"].startswith(site.base) for d in docs)
        texts = [r[0] for r in store.con.execute("SELECT text FROM documents").fetchall()]
        assert not any("QUUXCOMMENT" in t for t in texts)
        assert store.feed_state(f"{site.base}/feed.xml")["last_status"] == "ok"


def test_watch_refuses_loopback_without_option(site: Site, tmp_path: Path, capsys) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/feed.xml\nfile:///etc/passwd\n", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    assert main(["watch", str(feeds), "--db", db, "--once"]) == 0
    assert site.requests == []
    with geowire.Store(db, read_only=True) as store:
        reasons = [r["reason"] for r in store.rejects()]
    assert any("private or loopback" in r for r in reasons) and any("scheme" in r for r in reasons)
    assert main(["watch", str(tmp_path / "none.txt"), "--db", db, "--once"]) == 1
    assert main(["watch", str(feeds), "--db", db, "--every", "soon"]) == 1


def test_ingest_feed_url(site: Site, tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "u.duckdb")
    assert main(["ingest", site.base + "/feed.xml", site.base + "/a3.html", "--db", db, "--allow-private"]) == 0
    assert "3 stored" in capsys.readouterr().err
    assert main(["ingest", site.base + "/feed.xml", "--db", db]) == 1  # loopback refused by default
    assert "private or loopback" in capsys.readouterr().err
