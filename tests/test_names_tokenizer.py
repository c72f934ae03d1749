"""The actor gazetteer tokenizes its names with a copy of the pipeline's tokenizer (`names_tokenizer`): the
same tokens, but the pipeline's own tokenizer cache (10,000 chunks, first come first kept) stays free for
the words of the news."""

from __future__ import annotations

import spacy
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from geowire.actors.gazetteer import names_tokenizer

NAMES = ["Côte d'Ivoire", "the U.S. State Department", "Guinea-Bissau", "al-Shabaab", "Lt. Gen. Abdel Fattah al-Burhan",
         "People's Republic of China", "don't", "ECOWAS/AU joint mission", "São Tomé and Príncipe"]


def test_the_copy_is_its_own_tokenizer_with_the_same_tokens() -> None:
    nlp = spacy.blank("en")
    copy = names_tokenizer(nlp)
    assert isinstance(copy, Tokenizer) and copy is not nlp.tokenizer
    for name in NAMES:
        assert [t.text for t in copy(name)] == [t.text for t in nlp.make_doc(name)], name


def test_the_copy_shares_the_vocabulary() -> None:
    nlp = spacy.blank("en")
    doc = names_tokenizer(nlp)("Burkina Faso")
    assert doc.vocab is nlp.vocab


def test_a_tokenizer_that_is_not_spacys_is_used_as_it_is() -> None:
    nlp = spacy.blank("en")
    nlp.tokenizer = lambda text: Doc(nlp.vocab, words=text.split())  # type: ignore[assignment]
    assert [t.text for t in names_tokenizer(nlp)("Côte d'Ivoire")] == ["Côte", "d'Ivoire"]
