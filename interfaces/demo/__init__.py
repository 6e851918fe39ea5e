"""`laborbridge demo`: a realistic programme year, loaded through the application."""
