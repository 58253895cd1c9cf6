"""`wiretrace ui`: a local, read-only web app over the warehouse."""
