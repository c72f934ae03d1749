"""`actors.tokens.Words`: the per-document token lists the actor rules read agree with spaCy's own Tokens
and Spans."""

from __future__ import annotations

from geowire.actors.tokens import Words

TEXT = ("Russian President Vladimir Putin met  Kenzo Oshima, the UN relief coordinator, in Moscow on Tuesday.\n\n"
        "\"We will not yield,\" he said. Militants loyal to the government fled across the border.")


def test_words_match_tokens(nlp) -> None:
    doc = nlp(TEXT)
    words = Words(doc)
    assert len(words) == len(doc)
    for t in doc:
        i = t.i
        assert (words.text[i], words.lower[i], words.lemma[i]) == (t.text, t.lower_, t.lemma_)
        assert (words.pos[i], words.tag[i], words.dep[i], words.ent_type[i]) == (t.pos_, t.tag_, t.dep_, t.ent_type_)
        assert (words.idx[i], words.is_alpha[i], words.is_punct[i]) == (t.idx, t.is_alpha, t.is_punct)
        assert words.head[i] == t.head.i
        assert words.children[i] == [c.i for c in t.children]
        assert words.sent_start[i] == t.sent.start


def test_span_offsets_and_text(nlp) -> None:
    doc = nlp(TEXT)
    words = Words(doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            span = doc[start:end]
            assert words.span_text(start, end) == span.text
            assert (words.start_char(start), words.end_char(end)) == (span.start_char, span.end_char)
    assert words.span_text(3, 3) == ""


def test_entities_match_doc_ents(nlp) -> None:
    doc = nlp(TEXT + " The United Nations Development Programme and Human Rights Watch said so on 3 May 2004.")
    assert [(e.start, e.end, e.label) for e in Words(doc).ents] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert Words(doc).ents


def test_an_empty_document(nlp) -> None:
    words = Words(nlp(""))
    assert len(words) == 0
    assert words.text == words.head == words.sent_start == words.is_alpha == words.ents == []


def test_words_with_a_part_of_speech(nlp) -> None:
    doc = nlp(TEXT)
    words = Words(doc)
    assert words.with_pos("PROPN") == [t.i for t in doc if t.pos_ == "PROPN"]
    assert words.with_pos("PRON", "ADJ") == [t.i for t in doc if t.pos_ in ("PRON", "ADJ")]
