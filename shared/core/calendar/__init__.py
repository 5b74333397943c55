"""The office's time: its clock and day, opening hours, holidays, working days, the words."""
