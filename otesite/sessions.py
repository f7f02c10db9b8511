"""Django's database sessions, with the one read every request makes done in plain SQL.

A logged-in request loads its session first; building that ORM query costs several times
what running it does (about a tenth of a cached page). The read here asks the same thing,
a session with this key that has not expired, and everything else (saving, expiry,
cycling keys, logging out) is Django's own. tests/test_sessions.py checks it.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        if self.session_key is None:  # Django has already refused a malformed key
            return None
        using = router.db_for_read(self.model)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {self.model._meta.db_table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=row[0])
