"""Benchmarks of the allocation engine: the measured solver, its peers and the spreadsheet status quo.

`run.py` is the script (`make bench`); the peers live in `highs_peer.py` (the same model in HiGHS) and
`naive.py` (one boolean per person in CP-SAT), the status quo in `status_quo.py`. `startup.py` times the
light commands' start-up (also in `make bench`).
"""
