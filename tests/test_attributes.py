"""The attribute rules by table lookup (`geowire.attributes`) give exactly the annotations of spaCy's own
attribute ruler, on ordinary prose and on the words its rules single out."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

import geowire
from geowire.attributes import TokenAttributeRuler, use_token_attribute_ruler
from geowire.pipeline import MODEL

TEXTS = [
    "The foreign minister said on Tuesday that the talks would resume next week in Geneva.",
    "There is no doubt: nothing was agreed, and anyone who says otherwise is wrong.",
    "Y'all gonna see it, ain't that so? Let's go, c'mon, we gotta leave before they're gone.",
    "Something happened here: those soldiers, these tanks and that convoy were seen near the border.",
    "Whether or not the ministers meet, the sanctions that were imposed in 2022 stay in force.",
    "  Troops withdrew.\n\nOfficials   said   nothing  more. \n",
    "",
]
ATTRS = [POS, TAG, DEP, HEAD, LEMMA, MORPH]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    plain = spacy.load(MODEL, exclude=["ner"])
    fast = spacy.load(MODEL, exclude=["ner"])
    use_token_attribute_ruler(fast)
    return plain, fast


def test_the_swapped_ruler_keeps_its_name_place_and_patterns(pipelines) -> None:
    plain, fast = pipelines
    assert fast.pipe_names == plain.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), TokenAttributeRuler)
    assert fast.get_pipe("attribute_ruler").patterns == plain.get_pipe("attribute_ruler").patterns


@pytest.mark.parametrize("text", TEXTS)
def test_annotations_equal_spacys_attribute_ruler(pipelines, text: str) -> None:
    plain, fast = pipelines
    a, b = plain(text), fast(text)
    assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
    assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_matches_come_in_spacys_order(pipelines) -> None:
    plain, fast = pipelines
    doc = fast.make_doc(TEXTS[2])
    for name, proc in fast.pipeline:
        if name == "attribute_ruler":
            break
        doc = proc(doc)
    assert fast.get_pipe("attribute_ruler").match(doc) == plain.get_pipe("attribute_ruler").match(doc)


def test_swapping_twice_or_without_a_ruler_changes_nothing(pipelines) -> None:
    _, fast = pipelines
    ruler = fast.get_pipe("attribute_ruler")
    use_token_attribute_ruler(fast)
    assert fast.get_pipe("attribute_ruler") is ruler
    blank = spacy.blank("en")
    use_token_attribute_ruler(blank)
    assert blank.pipe_names == []


def test_geowire_load_uses_the_table_ruler() -> None:
    assert isinstance(geowire.load().get_pipe("attribute_ruler"), TokenAttributeRuler)


@pytest.mark.parametrize("index", [1, -2])
def test_a_rule_index_outside_its_match_raises_spacys_error(index: int) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("geowire_attribute_ruler")
    ruler.add([[{"LOWER": "troops"}]], {"LEMMA": "soldier"}, index=index)
    with pytest.raises(ValueError, match="E1001"):
        nlp("The troops left.")


def test_a_rule_index_picks_its_token_in_a_longer_match() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("geowire_attribute_ruler")
    ruler.add([[{"LOWER": "prime"}, {"LOWER": "minister"}]], {"LEMMA": "premier"}, index=-1)
    ruler.add([[{"LOWER": "prime"}, {"LOWER": "minister"}]], {"POS": "ADJ"}, index=0)
    doc = nlp("The prime minister left.")
    assert [t.lemma_ for t in doc][1:3] == ["", "premier"]
    assert doc[1].pos_ == "ADJ" and doc[2].pos_ == ""
