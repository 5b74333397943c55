"""Storage behind the core's ports: ``sqlite`` (one file per office), and backups."""
