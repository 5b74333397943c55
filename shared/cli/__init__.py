"""The ``pst-antrian`` command; the apps add theirs through entry points."""
