"""Trial phases, the primary outcome and the stored report input: the **evaluate** use cases."""
