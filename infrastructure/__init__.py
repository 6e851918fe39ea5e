"""Settings, persistence wiring, stores, logging and security primitives."""
