"""The pipeline fuzzer and the report invariants it shares with the tests.

Run from the repository root: ``python -m fuzz.fuzz_pipeline --minutes 10``.
"""
