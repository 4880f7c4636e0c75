"""Annotator review in Argilla: dataset settings, push/pull, agreement, the embedded server."""
