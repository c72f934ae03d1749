"""What geowire's spaCy components share: knowledge loaded when first needed (or by `initialize`), and
`to_disk` / `from_disk` so that a pipeline saved with `nlp.to_disk` loads again with `spacy.load`.

The knowledge (dictionaries, patterns, lexicon, gazetteer) ships as data files of the installed geowire
package and is read from there, never pickled into a saved pipeline; `to_disk` records which geowire
version wrote the component (`geowire.json`), and `from_disk` logs a warning when another version reads
it (its dictionaries may differ). A component with knowledge of its own to carry (the learned event model)
saves and restores it in `save_state` / `restore_state`.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["GeowireComponent"]

log = logging.getLogger(__name__)
_STAMP = "geowire.json"


def _version() -> str:
    """The installed geowire's version (read from its metadata: importing the package here would be a cycle)."""
    try:
        return metadata.version("geowire")
    except metadata.PackageNotFoundError:
        return "unknown"


class GeowireComponent:
    """Base of geowire's stateful components: subclasses load their knowledge in `load_knowledge`."""

    name: str
    _loaded: bool = False

    def load_knowledge(self) -> None:
        raise NotImplementedError

    def ensure_knowledge(self) -> None:
        if not self._loaded:
            # Building the gazetteers makes about a million objects at once: the cycle collector would walk
            # them again and again for nothing (none of them is garbage yet), so it waits until they are built.
            collecting = gc.isenabled()
            gc.disable()
            try:
                self.load_knowledge()
            finally:
                if collecting:
                    gc.enable()
            self._loaded = True

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None) -> None:
        """spaCy's `nlp.initialize()`: load the knowledge now rather than on the first document."""
        self.ensure_knowledge()

    def save_state(self, path: Path) -> None:
        """Write what the component carries besides the package's data (nothing by default)."""

    def restore_state(self, path: Path) -> None:
        """Read what `save_state` wrote (nothing by default)."""

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _STAMP).write_text(json.dumps({"geowire_version": _version(), "component": self.name}) + "\n",
                                   encoding="utf-8")
        self.save_state(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GeowireComponent:
        path = Path(path)
        stamp = path / _STAMP
        if stamp.is_file():
            saved = json.loads(stamp.read_text(encoding="utf-8")).get("geowire_version")
            if saved != _version():
                log.warning("%s: saved by geowire %s, read by %s; its dictionaries may differ", self.name, saved,
                            _version())
        self.restore_state(path)
        return self
