"""The officer console: its page, static files and the views it is answered with."""
