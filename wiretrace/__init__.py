"""wiretrace: follow news claims across outlets and count their independent sources."""

__version__ = "0.1.0"
