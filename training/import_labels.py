"""Turn annotators' label files (quotes of the text) into the committed form (character offsets and codes).

usage: python training/import_labels.py RAW.jsonl... --out training/labels
Each RAW file becomes training/labels/<name>.jsonl. Quotes that cannot be found in the text are reported and
their events dropped; nothing of the corpus text is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labels import load_labelled  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "labels")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for raw in args.raw:
        texts = load_labelled([raw])
        dropped = sum(t.unplaced for t in texts)
        with (args.out / raw.name).open("w", encoding="utf-8") as f:
            for t in texts:
                evs = []
                for e in t.events:
                    d = asdict(e)
                    for k in ("trigger", "source_span", "target_span"):
                        d[k] = list(d[k]) if d[k] is not None else None
                    evs.append(d)
                f.write(json.dumps({"id": t.id, "events": evs}, ensure_ascii=False) + "\n")
        print(f"{raw.name}: {len(texts)} texts, {sum(len(t.events) for t in texts)} events, {dropped} dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
