"""spaCy conventions: geowire's components are found by entry point, declare what they assign and require,
and a pipeline saved with `nlp.to_disk` codes the seed article exactly as `geowire.load()` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import spacy
from spacy.language import Language

import geowire

from .conftest import shared_file

COMPONENTS = ("geowire_layout", "geowire_attribute_ruler", "geowire_lemmatizer", "geowire_actors", "geowire_events", "geowire_event_model", "geowire_places")

# Run in a fresh interpreter: the pipeline from `geowire.load()` or from `spacy.load(saved)` (geowire not
# imported first: spaCy finds the components by their entry points), then the seed article's events.
_CODE = """
import json, sys
from pathlib import Path
if sys.argv[1] == "load":
    import geowire
    nlp = geowire.load()
else:
    import spacy
    nlp = spacy.load(sys.argv[1])
    import geowire
text = Path(sys.argv[2]).read_text(encoding="utf-8")
art = geowire.Article(id="seed", text=text, date="2024-07-09")
events = geowire.extract(art, nlp, include_negated=True, include_hypothetical=True, min_confidence=0.0)
print(json.dumps([e.to_dict() for e in events], sort_keys=True))
"""


def _events_in_fresh_processes(sources: list[str], article: Path) -> list[list[dict]]:
    """The seed's events coded by a fresh interpreter for each pipeline source (run side by side)."""
    env = dict(os.environ, PYTHONHASHSEED="0")  # both runs order ties in `explain` alike
    procs = [subprocess.Popen([sys.executable, "-c", _CODE, source, str(article)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for source in sources]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    return [json.loads(out.splitlines()[-1]) for out, _ in outs]


def test_the_factories_are_entry_points_and_declare_what_they_assign() -> None:
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= names
    for name in COMPONENTS:
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name
    assert "doc._.geowire_actors" in Language.get_factory_meta("geowire_events").requires
    assert "doc._.geowire_events" in Language.get_factory_meta("geowire_event_model").assigns


def test_components_load_their_knowledge_on_first_use() -> None:
    nlp = spacy.blank("en")
    actors = nlp.add_pipe("geowire_actors")
    assert not hasattr(actors, "gaz")  # adding the component reads no dictionary
    nlp.initialize()
    assert hasattr(actors, "gaz")


def test_a_saved_pipeline_codes_the_seed_article_as_the_loader_does(shared, tmp_path: Path) -> None:
    article = shared_file(shared, "seed", "article.txt")
    saved = tmp_path / "pipeline"
    geowire.load().to_disk(saved)
    assert (saved / "geowire_event_model" / "event_model.npz").is_file()  # it carries its model
    from_loader, from_saved = _events_in_fresh_processes(["load", str(saved)], article)
    assert from_loader
    assert from_saved == from_loader


def test_the_loader_loads_the_knowledge_and_keeps_it_from_the_cycle_collector() -> None:
    import gc

    from geowire.component_base import GeowireComponent

    nlp = geowire.load()
    ours = [proc for _, proc in nlp.pipeline if isinstance(proc, GeowireComponent)]
    assert len(ours) == 4 and all(proc._loaded for proc in ours)
    assert gc.get_freeze_count() > 100_000  # the knowledge is in the permanent generation
    assert gc.isenabled()
