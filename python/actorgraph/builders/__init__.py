"""Scripts that build the data files shipped in ``actorgraph/data`` (standard library only)."""
