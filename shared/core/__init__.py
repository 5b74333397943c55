"""The domain: the queue, the visitor, feedback, the office calendar, access, and the ports
storage must offer. Plain Python and pydantic: no HTTP, no SQL, no Kivy."""
