"""The queue: tickets and their rules, the use cases that change the queue, what is read of it."""
