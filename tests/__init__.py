"""The test suite.  A package so that tests share code as ``tests.helpers``; pytest's
``pythonpath`` setting (pyproject.toml) puts the repository root on the import path,
which also makes ``fuzz`` and ``bench`` importable."""
