"""Benchmarks that vedette ships: synthetic corpora and throughput measurements (`vedette bench`)."""
