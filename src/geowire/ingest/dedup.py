"""Deduplication: exact (hash of whitespace-normalized text) and near-duplicate (MinHash, datasketch).

A near-duplicate is a text whose word-3-gram Jaccard similarity with an earlier document is at least
`THRESHOLD` (one wire story republished by many outlets). The LSH index lives in the store (table
`minhash_bands`: one 64-bit key per band and document; `minhash_sigs`: the signature), so memory stays
bounded whatever the corpus size and an interrupted run resumes with the same index. Candidates found by
a band collision are confirmed with the signatures' estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash

__all__ = ["Sig", "signature", "band_keys", "similarity", "Pending", "THRESHOLD", "NUM_PERM", "BANDS"]

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: a pair at Jaccard 0.8 collides in some band with p > 0.99
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8
SHINGLE = 3
MIN_TOKENS = 8  # shorter texts are only deduplicated exactly
_WORD = re.compile(r"\w+")


@dataclass
class Sig:
    """A MinHash signature as raw bytes (what the store keeps) with its band keys."""

    values: bytes
    keys: list[int]


def signature(text: str) -> Sig | None:
    """The MinHash signature of a text's word 3-grams, or None when the text is too short."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_TOKENS:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)])
    values = mh.hashvalues.astype(np.uint64).tobytes()
    return Sig(values, band_keys(mh.hashvalues))


def band_keys(hashvalues: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number included, so bands never collide with each other)."""
    keys = []
    for b in range(BANDS):
        chunk = hashvalues[b * ROWS:(b + 1) * ROWS].astype(np.uint64).tobytes()
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va, vb = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.count_nonzero(va == vb)) / len(va)


@dataclass
class Pending:
    """Originals decided but not yet committed (batches in flight), so later batches see them."""

    ids: set[str] = field(default_factory=set)
    hashes: dict[str, str] = field(default_factory=dict)
    bands: dict[int, list[str]] = field(default_factory=dict)
    sigs: dict[str, bytes] = field(default_factory=dict)

    def add_id(self, doc_id: str) -> None:
        self.ids.add(doc_id)

    def add_original(self, doc_id: str, text_hash: str, sig: Sig | None) -> None:
        self.ids.add(doc_id)
        self.hashes.setdefault(text_hash, doc_id)
        if sig is not None:
            self.sigs[doc_id] = sig.values
            for k in sig.keys:
                self.bands.setdefault(k, []).append(doc_id)
