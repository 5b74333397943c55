"""The phone page behind a ticket's QR code: one router, its HTML apart."""
