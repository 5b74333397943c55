"""The kiosk's presenters: plain Python (no Kivy), driven by the screens and by unit tests."""
