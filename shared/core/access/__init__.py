"""Who may do what: accounts, passwords, session and device tokens, and rate limits."""
