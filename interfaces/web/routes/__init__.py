"""The pages, one module per part of the caseworker's work."""
