"""What tests and benchmarks both need to run the service for real: a server in
a process of its own and a PostgreSQL cluster of their own. Neither imports the
other (bench/ never imports tests/), so the shared parts live here."""
