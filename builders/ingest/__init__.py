"""builders/ingest"""
