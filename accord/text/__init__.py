"""Accord's framework-free text core: reading planning documents and the words people write in them.

Nothing in this package imports Django (tests/text/test_framework_free.py enforces it), so it can be used,
tested and benchmarked on its own.
"""
