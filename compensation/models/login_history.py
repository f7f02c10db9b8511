"""Logins in the history: who created one, changed it, disabled it or changed its groups, and when.

Django's user model is registered with django-simple-history here, so its history table lives in
this app beside the people's. The password hash and the time of the last sign-in are left out: a
hash belongs to no report, and signing in is not a change (apps.py keeps Django's last-login
update out of the history). Groups and permissions are in: granting a group is the change that
matters most.
"""

from django.contrib.auth import get_user_model
from simple_history import register

register(
    get_user_model(),
    app="compensation",
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups", "user_permissions"],
)
