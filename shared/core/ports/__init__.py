"""What each use case needs from storage: one module per consumer. Every method has a contract
test in ``tests/contract`` that each store passes."""
