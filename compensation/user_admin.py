"""Logins in the admin: Admins add and change them and their groups (otesite/permissions.py
gives the Admins group auth.add_user and auth.change_user), every change in the history.

Only a superuser makes a superuser: for anyone else the form has no "superuser status" and no
per-user permissions (groups are the way to grant anything), a superuser's login is read-only,
and an old version of a login cannot be brought back (it might have been a superuser's).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

User = get_user_model()
SUPERUSER_ONLY = ("is_superuser", "user_permissions")


class LoginAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ["username", "email", "linked_person", "is_active", "is_staff", "last_login"]
    list_select_related = ["person"]
    readonly_fields = ["linked_person", "last_login", "date_joined"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        fieldsets = [(name, {**options, "fields": [*options["fields"]]}) for name, options in fieldsets]
        fieldsets[0][1]["fields"].append("linked_person")
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field not in SUPERUSER_ONLY]})
            for name, options in fieldsets
        ]

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not request.user.is_superuser:
            raise PermissionDenied("Only a superuser may bring back an old version of a login.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description="person")
    def linked_person(self, user) -> str:
        """The person this login sees the numbers of (linked from the person's page)."""
        person = getattr(user, "person", None) if user.pk else None
        if person is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:compensation_person_change", args=[person.pk]), person)


def register() -> None:
    """Take the place of Django's own user admin."""
    if admin.site.is_registered(User):
        admin.site.unregister(User)
    admin.site.register(User, LoginAdmin)
