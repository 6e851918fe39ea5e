"""The worker journey as aggregates, events and rules: pure Python, no I/O."""
