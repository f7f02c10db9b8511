"""Who may call what: every API view names the permission of otesite/permissions.py it needs, as
every page does with `permission_required_or_403`; a view that names none is closed to everyone
(deny by default: this is settings.REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES).

A view says:
- `permission`: what it takes to reach the view at all (without it: 403, whatever the method, so
  a stranger learns nothing of which methods a view takes; with it, a wrong method is a 405);
- `or_own_numbers`: a rep (OWN_NUMBERS) may come in too, and the view shows them only their own
  person (`scope_of`);
- `method_permissions`: what a method needs besides (`{"POST": ENTER_DEALS}`).
"""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from otesite.permissions import NO_ACCESS, OWN_NUMBERS, holds


class NamedPermission(BasePermission):
    message = NO_ACCESS

    def has_permission(self, request, view) -> bool:
        permission = getattr(view, "permission", None)
        user = request.user
        if permission is None or user is None or not user.is_authenticated:
            return False
        if not holds(user, permission) and not (getattr(view, "or_own_numbers", False) and holds(user, OWN_NUMBERS)):
            return False
        extra = getattr(view, "method_permissions", {}).get(request.method)
        return extra is None or holds(user, extra)
