"""Pure folds from events to read-model rows: no SQL, no I/O."""
