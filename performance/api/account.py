"""A user's own API tokens, at /account/tokens/: make one (shown once, then only its prefix),
see them all with when each was made, expires and was last used, and revoke one. Any logged-in
user has this page: a token can do only what its user may (performance/api/permissions.py)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from performance.api.models import ApiToken
from performance.api.tokens import make_token, revoke

SHOWN = 50  # the latest tokens listed; older revoked or expired ones drop off the page


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What it is for", max_length=100, required=False, help_text="e.g. the CRM sync, a payroll script"
    )
    days = forms.IntegerField(label="Lasts (days)", min_value=1, max_value=settings.API_TOKEN_MAX_DAYS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.API_TOKEN_DAYS


@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The list, and the form that makes a token; the new token is on the page that answers the
    form, and never again (never_cache: nor in the browser's history)."""
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        new_token, _ = make_token(request.user, days=form.cleaned_data["days"], name=form.cleaned_data["name"])
        form = TokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": request.user.api_tokens.all()[:SHOWN],
        "api_base": request.build_absolute_uri(reverse("api_months")).removesuffix("months/"),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens (another user's is a 404)."""
    row = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke(row)
    messages.success(request, f"Token {row.prefix}… revoked: it no longer signs anything in.")
    return redirect("api_tokens")
