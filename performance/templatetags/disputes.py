"""`{% with form=dispute|resolve_form:request.get_full_path %}`: the resolve form drawn under a dispute."""

from django import template

from performance.web.sign_off_forms import ResolveForm

register = template.Library()


@register.filter
def resolve_form(dispute, back: str) -> ResolveForm:
    return ResolveForm.for_dispute(dispute, back)
