"""Kivy and GL helpers the kiosk and the display share (never imported by the server)."""
