"""HTML pages: main text with trafilatura (comments, navigation and boilerplate left out), plus title,
publication date, author and URL from the page's metadata."""

from __future__ import annotations

from pathlib import Path

from ..model import Article, Reject
from .base import Items, ReadOptions, WebArticle, decode_text, doc_id, register, valid_date

__all__ = ["read_html", "extract_html"]


def extract_html(raw: bytes | str, origin: str, url: str | None = None, date: str | None = None,
                 id_hint: str | None = None) -> Article | Reject:
    """One page as an Article (main text only), or a Reject when it has no main text."""
    html = decode_text(raw) if isinstance(raw, bytes) else raw
    if not html.strip():
        return Reject(origin, "empty page")
    import trafilatura  # loaded on first use: it takes half a second

    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True,
                                          include_tables=False)
    except Exception as exc:  # noqa: BLE001  (a malformed page is a reject, not a crash)
        return Reject(origin, f"unparsable HTML ({exc.__class__.__name__})")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return Reject(origin, "HTML page has no main text")
    from .dates import date_in_text
    page_date = valid_date(getattr(doc, "date", None)) or date or date_in_text(text)
    page_url = url or getattr(doc, "url", None)
    ident = doc_id(page_url) if page_url else (id_hint or doc_id(origin, text))
    return WebArticle(id=ident, text=text, date=page_date, title=getattr(doc, "title", None), url=page_url,
                      origin=origin, author=getattr(doc, "author", None))


def read_html(raw: bytes, origin: str, date: str | None = None, url: str | None = None,
              id_hint: str | None = None) -> Items:
    yield extract_html(raw, origin, url=url, date=date, id_hint=id_hint)


@register("html", stream=False)
def _html(raw: bytes, name: str, origin: str, o: ReadOptions) -> Items:
    yield from read_html(raw, origin, o.date, id_hint=Path(name).stem)
