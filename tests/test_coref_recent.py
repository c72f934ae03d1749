"""`coref._Chain.recent`: the earlier mentions near enough to refer to, latest first, as the filter of the
whole history finds them, also where the history is not in sentence order."""

from __future__ import annotations

from typing import Any

from geowire.actors.coref import _MAX_SENT_BACK, _Chain
from geowire.model import ActorMention


class _NoToks:
    lower: list[str] = []


def _chain(sents: list[int]) -> _Chain:
    chain = _Chain(set(), {}, {10 * k: k for k in range(20)})
    toks: Any = _NoToks()
    for k, sent in enumerate(sents):
        chain.add(toks, ActorMention(tok_start=k, tok_end=k + 1, head=k, country="KEN", sent=10 * sent))
    return chain


def _slow(chain: _Chain, here: int) -> list[ActorMention]:
    return [h for h in reversed(chain.history) if here - chain.sent_no.get(h.sent, 0) <= _MAX_SENT_BACK]


def test_recent_in_sentence_order() -> None:
    chain = _chain([0, 0, 1, 3, 5, 6, 6, 9, 10])
    for here in range(12):
        assert [id(m) for m in chain.recent(here)] == [id(m) for m in _slow(chain, here)]


def test_recent_out_of_sentence_order() -> None:
    chain = _chain([0, 8, 1, 2, 9, 3])
    for here in range(12):
        assert [id(m) for m in chain.recent(here)] == [id(m) for m in _slow(chain, here)]
