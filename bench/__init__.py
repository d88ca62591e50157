"""Benchmarks of the public lists, exports, imports and admin on a large data set (issue 7).

Run with `make bench`; see bench/run.py.
"""
