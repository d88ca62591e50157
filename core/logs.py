"""Logging filters. Imported by the LOGGING setting, before the apps are ready: no Django."""

import logging
import threading
import time


class OncePerMinute(logging.Filter):
    """Let one record of a kind through per `seconds`; count the rest and say so in the next.

    With Redis down, django-redis logs every ignored cache error with its traceback, and
    a page asks the cache a dozen times: the log filled with identical tracebacks. A kind
    is the logger, the message and the exception's type; the first of each minute is
    logged as it was (traceback included), the others only counted.
    """

    def __init__(self, name: str = "", seconds: float = 60):
        super().__init__(name)
        self.seconds = seconds
        self.lock = threading.Lock()
        self.last: dict[tuple, float] = {}
        self.suppressed: dict[tuple, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        exc_type = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        kind = (record.name, str(record.msg), exc_type)
        now = time.monotonic()
        with self.lock:
            last = self.last.get(kind)
            if last is not None and now - last < self.seconds:
                self.suppressed[kind] = self.suppressed.get(kind, 0) + 1
                return False
            self.last[kind] = now
            count = self.suppressed.pop(kind, 0)
        if count:
            record.msg = f"{record.msg} (and {count} more like it since, not logged)"
        return True
