"""Benchmarks, accuracy and output tokens, comparison reports."""
