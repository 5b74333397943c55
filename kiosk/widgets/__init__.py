"""Widgets every kiosk screen uses: the top bar, big buttons, the on-screen keyboard."""
