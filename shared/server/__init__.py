"""The HTTP server that holds the office's shared queue state."""

from shared.server.app import create_app

__all__ = ["create_app"]
