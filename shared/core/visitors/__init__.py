"""The visitor: the guest book's fields and their checks, identity numbers, masking, and the
visitor's rights over their data."""
