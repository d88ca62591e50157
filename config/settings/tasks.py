"""Background work settings, read by base.py (README, "Background work")."""

import os

# --- Background work (Celery, core.tasks) --------------------------------------------------
# Import checks and writes run as Celery tasks in `make worker` processes, with Redis as the
# broker (README, "Background work"). Without a broker (the embedded SQLite default of
# `make run`) a task runs at once, in the request that queued it.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", os.environ.get("REDIS_URL", ""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A job's state, progress and messages live on its ImportJob row: no result backend.
CELERY_TASK_IGNORE_RESULT = True
# Acknowledged when done, not when taken: a worker that dies mid-job (killed, OOM, a lost
# machine) leaves its message to be delivered again; the job counts its attempts and gives
# up after the second (core.imports.begin_attempt).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message not acknowledged within this many seconds is given to another worker (Redis has
# no connection-bound delivery): longer than the longest import, or it would run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "7200")),
    # Every so many seconds a worker gives the messages of dead workers back to the queue
    # (one Redis ZRANGE; kombu's default scans on every tenth sweep only).
    "unacked_restore_interval": int(os.environ.get("CELERY_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "fulian")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "Asia/Shanghai"
