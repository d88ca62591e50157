"""Public reads from a read replica, with read-your-writes for staff.

When DATABASE_REPLICA_URL is set, settings name its alias in READ_REPLICA_ALIAS. Reads go
to the replica only inside a request that `ReplicaReadsMiddleware` marked public: a GET or
HEAD outside the admin, by a visitor who is not staff and whose browser has not written in
the last REPLICA_STICKY_SECONDS. Everything else reads the primary ("default"): staff (who
must see the record they just saved), every request once it has written anything (the
router's db_for_write pins it), commands, the worker, and the shell.

A replica lags the primary by a moment; a browser that wrote carries a short cookie, so
the page it is redirected to, and the next few, read the primary too.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings

PRIMARY = "default"
STICKY_COOKIE = "fulian_primary"


@dataclass
class ReadState:
    """Where this request may read: the replica until it writes."""

    replica: bool
    wrote: bool = False


_state: ContextVar[ReadState | None] = ContextVar("fulian_read_state", default=None)


class PrimaryReplicaRouter:
    """Writes and migrations to the primary; reads to the replica where the request allows."""

    def db_for_read(self, model, **hints):
        state = _state.get()
        alias = settings.READ_REPLICA_ALIAS
        if alias and state is not None and state.replica and not state.wrote:
            return alias
        return PRIMARY

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.wrote = True  # the rest of this request reads what it wrote
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class reading:  # lower case: a context manager, like transaction.atomic
    """Mark the reads in this block as allowed (or not) on the replica."""

    def __init__(self, *, replica: bool):
        self.state = ReadState(replica=replica)

    def __enter__(self) -> ReadState:
        self.token = _state.set(self.state)
        return self.state

    def __exit__(self, *exc) -> None:
        _state.reset(self.token)


def may_read_replica(request) -> bool:
    """A public read: a safe method, outside the admin, by no staff, no recent write."""
    if not settings.READ_REPLICA_ALIAS or request.method not in {"GET", "HEAD"}:
        return False
    if request.path.startswith("/admin/") or STICKY_COOKIE in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated and user.is_staff)


class ReplicaReadsMiddleware:
    """Decide per request whether reads may go to the replica (after AuthenticationMiddleware).

    A request that wrote leaves a cookie for REPLICA_STICKY_SECONDS, longer than the
    replica's usual lag, so what it wrote is what the browser sees next.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reading(replica=may_read_replica(request)) as state:
            response = self.get_response(request)
        if state.wrote and settings.READ_REPLICA_ALIAS:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
