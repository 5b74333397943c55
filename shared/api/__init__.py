"""The HTTP API's wire shapes (pydantic) and the one client the apps use."""
