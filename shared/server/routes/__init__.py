"""The API's routes, one module per area; what they share is in ``shared.server.deps``."""
