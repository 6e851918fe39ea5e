"""Use cases: the event-sourced Application, its commands and read DTOs."""
