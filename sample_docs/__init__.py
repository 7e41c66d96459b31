"""Synthetic PERKESO claim bundles with exact ground truth (GitHub issue 3).

``python -m sample_docs.generate --out DIR`` writes the committed catalogue; ``--count N``
writes N random bundles for benchmarks. Everything is deterministic for a seed. All people,
numbers and places are synthetic.
"""
