"""The ways in: HTTP API and command line."""
