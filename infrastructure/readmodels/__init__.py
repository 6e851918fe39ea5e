"""Read models: tables the projector keeps up to date from the event log."""
