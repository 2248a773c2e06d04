"""Outputs: files an analyst opens elsewhere (CSV, GraphML)."""

from actorgraph.output.files import write_outputs

__all__ = ["write_outputs"]
