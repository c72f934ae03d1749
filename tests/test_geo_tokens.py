"""The place stage's token table (`geowire.geo.tokens.DocTokens`) answers what spaCy's Token and Span objects
answer, on parsed documents."""

from __future__ import annotations

from geowire.geo.tokens import DocTokens, entity_spans
from geowire.sentences import sentence_starts

TEXTS = [
    "KYIV (Reuters) - Russian forces shelled Kharkiv on Monday, the governor of the Kharkiv region said.",
    "Paris Hilton met officials in Paris, Texas. The Kremlin said Moscow would respond.",
    "",
]


def test_token_table_agrees_with_spacy_tokens(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = DocTokens(doc)
        assert len(toks) == len(doc)
        for t in doc:
            i = t.i
            assert (toks.starts[i], toks.ends[i], toks.word(i)) == (t.idx, t.idx + len(t), t.text)
            assert toks.upper[i] == t.text[:1].isupper()
            assert (toks.alpha[i], toks.punct[i], toks.sent_start[i]) == (t.is_alpha, t.is_punct, t.is_sent_start)
            assert (toks.lower(i), toks.tag(i), toks.dep(i), toks.pos(i), toks.lemma(i)) == \
                (t.lower_, t.tag_, t.dep_, t.pos_, t.lemma_)
            assert toks.heads[i] == t.head.i
            assert toks.ancestors(i) == [a.i for a in t.ancestors]
        assert toks.sentence_starts() == sentence_starts(doc)
        ents = [None] * len(doc)
        for ent in doc.ents:
            for k in range(ent.start, ent.end):
                ents[k] = (ent.label_, ent.start, ent.end)
        assert toks.entities == ents
        for s in range(len(doc)):
            for e in range(s + 1, min(len(doc), s + 4) + 1):
                assert toks.span_text(s, e) == doc[s:e].text


def test_entity_spans_read_iob_codes_as_doc_ents_does(nlp) -> None:
    doc = nlp.make_doc("a b c d e f")
    # B-X I-X O B-Y B-Z I-Z: three entities; a B with no label ends the one before it
    iob, types = [3, 1, 2, 3, 3, 1], [7, 7, 0, 8, 9, 9]
    labels = {7: "GPE", 8: "ORG", 9: "LOC"}
    spans = entity_spans(doc, iob, [doc.vocab.strings.add(labels[t]) if t else 0 for t in types])
    assert spans == [("GPE", 0, 2), ("GPE", 0, 2), None, ("ORG", 3, 4), ("LOC", 4, 6), ("LOC", 4, 6)]
    spans = entity_spans(doc, [3, 1, 3, 2, 0, 0], [doc.vocab.strings.add("GPE"), 0, 0, 0, 0, 0])
    assert spans == [("GPE", 0, 2), ("GPE", 0, 2), None, None, None, None]
