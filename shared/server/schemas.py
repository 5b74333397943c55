"""The JSON shapes of the HTTP API, re-exported for the routes; they live in
``shared.api_models`` so the client (and the Kivy apps) share them without importing FastAPI."""

from shared.api_models import *  # noqa: F403
from shared.api_models import __all__  # noqa: F401
