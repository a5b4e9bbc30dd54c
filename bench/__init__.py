"""Alignment benchmark: a real corpus, edited pairs with known answers, metrics and runners.

Not part of the library and not run by CI.  Run from the repository root:
``python -m bench.run`` (quality by level) and ``python -m bench.scale`` (speed and memory).
"""
