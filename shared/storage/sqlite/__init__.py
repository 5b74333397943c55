"""The SQLite store: schema and migrations, row mapping, one query module per area."""
