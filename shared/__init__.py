"""The queue service the kiosk, the display and the console share, in layers: ``core`` (the
domain), ``storage`` and ``api`` around it, ``server`` and ``cli`` on top; ``gui`` holds the Kivy
helpers the two apps share. The rules are import-linter contracts in ``pyproject.toml``."""
