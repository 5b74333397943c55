"""The apps' UI tests run against the real server process (``served_office``)."""

from tests.support.served import served_office

__all__ = ["served_office"]
