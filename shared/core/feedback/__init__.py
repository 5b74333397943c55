"""Ratings, complaints, the satisfaction survey (SKM) and its index (IKM), the office's reports."""
