"""Benchmarks: scripts that print tables (never part of the test run's pass/fail)."""
