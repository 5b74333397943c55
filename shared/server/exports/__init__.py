"""What the office downloads: the guest book and SKM answers as CSV, the report's charts."""
