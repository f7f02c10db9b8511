"""API tokens in the admin: Admins see everyone's and revoke them (made only by their owner's page
or `manage.py create_api_token`, since a token is shown once, to whoever makes it)."""

from django.contrib import admin, messages

from performance.api.models import ApiToken
from performance.api.tokens import revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "expires_at", "last_used_at", "revoked_at", "state")
    list_filter = ("revoked_at", "expires_at")
    search_fields = ("user__username", "name", "prefix")
    readonly_fields = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    fields = readonly_fields
    actions = ["revoke_tokens"]
    list_select_related = ("user",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked, never deleted: the list keeps when each was made, used and revoked

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke_tokens(self, request, queryset) -> None:
        for row in queryset:
            revoke(row)
        messages.success(request, f"{queryset.count()} token(s) revoked.")
