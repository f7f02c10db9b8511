"""Django's ModelBackend, with the two reads every logged-in request makes done in plain SQL.

Every request loads its user, and every page asks `user.has_perm(...)` (the view's check,
the nav in base.html), whose first ask loads all of the user's permissions: Django's
ModelBackend does that with two ORM queries (the user's own, then their groups'). Building
those queries costs several times what running them does (together about a third of a
cached page), so here the user is one raw query and the permissions one plain SQL query,
with the same answers. Everything else (superusers, inactive users, object permissions,
authentication) is Django's own, and tests/test_backends.py checks the answers match.
"""

from __future__ import annotations

from django.contrib.auth import backends
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection


def _permissions_sql() -> str:
    user_permissions = User.user_permissions.through._meta.db_table
    user_groups = User.groups.through._meta.db_table
    group_permissions = Group.permissions.through._meta.db_table
    return (
        f"SELECT ct.app_label, p.codename FROM {Permission._meta.db_table} p"
        f" JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id"
        f" WHERE p.id IN (SELECT permission_id FROM {user_permissions} WHERE user_id = %s"
        f" UNION SELECT gp.permission_id FROM {group_permissions} gp"
        f" JOIN {user_groups} ug ON ug.group_id = gp.group_id WHERE ug.user_id = %s)"
    )


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = list(
            User._default_manager.raw(f"SELECT * FROM {User._meta.db_table} WHERE {User._meta.pk.column} = %s", [pk])
        )
        return found[0] if found and self.user_can_authenticate(found[0]) else None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            with connection.cursor() as cursor:
                cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in cursor.fetchall()}
        return user_obj._perm_cache
