"""`geowire.tokens`: the per-document token table the actor and place stages share answers what spaCy's own
Token and Span objects answer, on parsed documents; `doc_tokens` builds it once per document."""

from __future__ import annotations

from spacy.tokens import Doc

from geowire.sentences import doc_memo
from geowire.tokens import Tokens, doc_tokens

TEXTS = [
    "Russian President Vladimir Putin met  Kenzo Oshima, the UN relief coordinator, in Moscow on Tuesday.\n\n"
    "\"We will not yield,\" he said. Militants loyal to the government fled across the border.",
    "KYIV (Reuters) - Russian forces shelled Kharkiv on Monday, the governor of the Kharkiv region said.",
    "Paris Hilton met officials in Paris, Texas. The Kremlin said Moscow would respond. The United Nations "
    "Development Programme and Human Rights Watch said so on 3 May 2004.",
    "",
]


def test_columns_match_tokens(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = Tokens(doc)
        assert len(toks) == len(doc)
        for t in doc:
            i = t.i
            assert (toks.text[i], toks.lower[i], toks.lemma[i]) == (t.text, t.lower_, t.lemma_)
            assert (toks.pos[i], toks.tag[i], toks.dep[i], toks.ent_type[i]) == (t.pos_, t.tag_, t.dep_, t.ent_type_)
            assert (toks.idx[i], toks.end_idx[i]) == (t.idx, t.idx + len(t))
            assert (toks.is_alpha[i], toks.is_punct[i]) == (t.is_alpha, t.is_punct)
            assert toks.capitalised[i] == t.text[:1].isupper()


def test_parse_matches_tokens(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = Tokens(doc)
        for t in doc:
            i = t.i
            assert toks.head[i] == t.head.i
            assert toks.children[i] == tuple(c.i for c in t.children)
            assert toks.ancestors(i) == [a.i for a in t.ancestors]


def test_sentences_match_tokens(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = Tokens(doc)
        for t in doc:
            assert toks.sent_start[t.i] == t.sent.start
            assert toks.is_sent_start[t.i] == bool(t.is_sent_start)


def test_entities_match_doc_ents(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = Tokens(doc)
        assert [(e.start, e.end, e.label) for e in toks.ents] == [(e.start, e.end, e.label_) for e in doc.ents]
        for t in doc:
            ent = toks.ent_of[t.i]
            spacy_ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
            assert (ent and (ent.label, ent.start, ent.end)) == (
                spacy_ent and (spacy_ent.label_, spacy_ent.start, spacy_ent.end))
    assert Tokens(nlp(TEXTS[2])).ents


def test_span_text(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = Tokens(doc)
        assert toks.full_text == doc.text
        for start in range(len(doc)):
            for end in range(start + 1, min(len(doc), start + 6) + 1):
                assert toks.span_text(start, end) == doc[start:end].text
    assert Tokens(nlp(TEXTS[0])).span_text(3, 3) == ""


def test_words_with_a_part_of_speech(nlp) -> None:
    doc = nlp(TEXTS[0])
    toks = Tokens(doc)
    assert toks.with_pos("PROPN") == [t.i for t in doc if t.pos_ == "PROPN"]
    assert toks.with_pos("PRON", "ADJ") == [t.i for t in doc if t.pos_ in ("PRON", "ADJ")]


def test_an_empty_document(nlp) -> None:
    toks = Tokens(nlp(""))
    assert len(toks) == 0
    assert toks.text == toks.head == toks.sent_start == toks.is_alpha == toks.ents == toks.ent_of == []


def test_one_table_per_document(nlp) -> None:
    doc, other = nlp(TEXTS[1]), nlp(TEXTS[1])
    assert doc_tokens(doc) is doc_tokens(doc)
    assert doc_tokens(other) is not doc_tokens(doc)


def test_the_stages_share_one_table(nlp, monkeypatch) -> None:
    """The actor stage builds the table, the place stage reads the same one and then lets it go."""
    built: list[Doc] = []
    init = Tokens.__init__

    def counted(self: Tokens, doc: Doc) -> None:
        built.append(doc)
        init(self, doc)

    monkeypatch.setattr(Tokens, "__init__", counted)
    doc = nlp(TEXTS[1])
    assert doc._.geowire_places and len(built) == 1 and built[0] is doc
    assert "tokens" not in doc_memo(doc)


def test_span_roots_match_spacy(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = Tokens(doc)
        for start in range(len(doc)):
            for end in range(start + 1, min(len(doc), start + 8) + 1):
                assert toks.span_root(start, end) == doc[start:end].root.i
        assert toks.is_space == [t.is_space for t in doc]


def _spacy_char_span(doc, start: int, end: int) -> tuple[int, int] | None | type:
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except IndexError:
        return IndexError
    return None if span is None else (span.start, span.end)


def _char_span(toks: Tokens, start: int, end: int) -> tuple[int, int] | None | type:
    try:
        return toks.char_span(start, end)
    except IndexError:
        return IndexError


def test_char_spans_match_spacy(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        toks = Tokens(doc)
        n = len(doc.text)
        for start in range(-1, n + 2):
            for end in range(start, min(n, start + 12) + 2):
                assert _char_span(toks, start, end) == _spacy_char_span(doc, start, end), (start, end)


def test_entities_read_from_tags_keep_adjacent_and_final_entities(nlp) -> None:
    from spacy.tokens import Span

    doc = nlp.make_doc("Kenya Uganda met in Nairobi City")
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 1, 2, "GPE"), Span(doc, 4, 6, "GPE")]
    assert [(e.start, e.end, e.label) for e in Tokens(doc).ents] == [(0, 1, "GPE"), (1, 2, "GPE"), (4, 6, "GPE")]


def test_sentence_starts_match_doc_sents(nlp) -> None:
    for doc in nlp.pipe(TEXTS):
        assert Tokens(doc).sentence_starts == [s.start for s in doc.sents]
