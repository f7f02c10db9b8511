"""Who may do what: each permission by name, the groups that hold them, and the one check.

Views use one decorator, `@permission_required_or_403(VIEW_DASHBOARD)`; templates ask
`can.enter_actuals` (the `can` context processor below), never a group name or a codename.
The groups in the database are made from GROUPS by a data migration that calls
`sync_groups` (performance/migrations/0005_sync_groups.py, then
compensation/migrations/0003_sync_groups_for_scenarios.py), so this table is the one truth:
after changing it, add a migration that calls `sync_groups` again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass
from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

User = AbstractBaseUser | AnonymousUser

# --- The permissions, by what they let someone do -------------------------------------------

VIEW_DASHBOARD = "performance.view_monthlyactual"  # the month, the trends, the board view, the CSV
ENTER_ACTUALS = "performance.change_monthlyactual"  # the actuals form and the CSV import
VIEW_PLANS = "compensation.view_quotaplan"  # the plans page and its calculator
VIEW_PLAN_HISTORY = "compensation.view_plan_timeline"  # every plan version and the audit trail
EDIT_ASSUMPTIONS = "compensation.change_economics"  # offered as admin links to staff only
EDIT_PLANS = "compensation.change_quotaplan"
USE_WHAT_IF = "compensation.use_what_if"  # the what-if page: read-only, nothing is saved
VIEW_SCENARIOS = "compensation.view_scenario"  # saved scenarios: list, open, compare
SAVE_SCENARIOS = "compensation.add_scenario"
APPLY_SCENARIOS = "compensation.apply_scenario"  # a scenario's plan changes as new plan versions
VIEW_LEADERBOARDS = "performance.view_personactual"  # month and range leaderboards: ranks, attainment, no pay
VIEW_PEOPLE = "compensation.view_person"  # the people list and each person's months, pay included
REVIEW_MONTH = "performance.review_month"  # mark an open month reviewed
APPROVE_MONTH = "performance.approve_month"  # approve a reviewed month; reopen one, with a reason
VIEW_STATEMENTS = "performance.view_statements"  # every person's statement and the payroll CSV
VIEW_DEALS = "performance.view_deal"  # the deals list and what each deal paid to whom
ENTER_DEALS = "performance.change_deal"  # a deal by hand, its correction or cancellation; the deals import
MANAGE_LOGINS = "compensation.manage_logins"  # create, link, disable or unlink a person's login
SEND_STATEMENTS = "performance.send_statements"  # e-mail an approved month's statements to its people
VIEW_DISPUTES = "performance.view_dispute"  # reps' disputes: the close panel, the statements, the nav count
RESOLVE_DISPUTES = "performance.resolve_dispute"  # settle a dispute: no change, or reopen its month
# Not a Django permission: held by a user whose login is linked to a Person (a rep), for their
# own numbers and statements only (`person_of`, `may_see_person`).
OWN_NUMBERS = "otesite.own_numbers"

# --- Who holds them ---------------------------------------------------------------------------

ADMINS, MANAGERS, BOARD = "Admins", "Managers", "Board"
VIEW_ALL = (
    "compensation.view_role",
    VIEW_PLANS,
    "compensation.view_plantier",
    "compensation.view_economics",
    "compensation.view_person",
    "compensation.view_assignment",
    VIEW_DASHBOARD,
    "performance.view_personactual",
    "performance.view_monthlyrevenue",
    VIEW_DEALS,
    "performance.view_dealcloser",
)


def _add_change_delete(*models: str) -> tuple[str, ...]:
    return tuple(
        f"{model.split('.')[0]}.{action}_{model.split('.')[1]}"
        for model in models
        for action in ("add", "change", "delete")
    )


# Admins change everything (and are made staff by whoever adds them); Managers view everything
# and record monthly actuals (by role or by person) and revenue; Board members view, including
# the plan history. All three try what-if scenarios; Managers and Admins save them; only Admins
# apply one's plan changes as plan versions. Managers mark a month reviewed, Admins approve and
# reopen it; both read every person's statement, e-mail an approved month's statements and see
# reps' disputes, which only Admins resolve. Reps are in no group: they see their own numbers,
# and acknowledge or dispute their own statements.
# Admins add and change logins and give them groups (the groups themselves are this table, so
# nobody edits them in the admin); a login is disabled, never deleted, so the history keeps
# who did what. A non-superuser cannot make anyone a superuser (compensation/user_admin.py).
GROUPS: dict[str, tuple[str, ...]] = {
    ADMINS: (
        *VIEW_ALL,
        *_add_change_delete(
            "compensation.role",
            "compensation.quotaplan",
            "compensation.plantier",
            "compensation.economics",
            "compensation.person",
            "compensation.assignment",
            "performance.monthlyactual",
            "performance.personactual",
            "performance.monthlyrevenue",
            "performance.deal",
            "performance.dealcloser",
        ),
        VIEW_PLAN_HISTORY,
        USE_WHAT_IF,
        VIEW_SCENARIOS,
        SAVE_SCENARIOS,
        "compensation.change_scenario",
        "compensation.delete_scenario",
        APPLY_SCENARIOS,
        "performance.view_monthclose",
        REVIEW_MONTH,
        APPROVE_MONTH,
        VIEW_STATEMENTS,
        MANAGE_LOGINS,
        "auth.add_user",
        "auth.change_user",
        SEND_STATEMENTS,
        VIEW_DISPUTES,
        RESOLVE_DISPUTES,
        "auth.view_user",
        "auth.view_group",
        "auth.view_permission",
        "api.view_apitoken",  # everyone's API tokens in the admin, to revoke one (performance/api/admin.py)
        "api.change_apitoken",
    ),
    MANAGERS: (
        *VIEW_ALL,
        "performance.add_monthlyactual",
        ENTER_ACTUALS,
        "performance.add_personactual",  # actuals by role or by person
        "performance.change_personactual",
        "performance.add_monthlyrevenue",
        "performance.change_monthlyrevenue",
        "performance.add_deal",  # deals: by hand, corrected, cancelled, or imported from the CRM
        ENTER_DEALS,
        "performance.add_dealcloser",
        "performance.change_dealcloser",
        "performance.delete_dealcloser",
        USE_WHAT_IF,
        VIEW_SCENARIOS,
        SAVE_SCENARIOS,
        "performance.view_monthclose",
        REVIEW_MONTH,
        VIEW_STATEMENTS,
        SEND_STATEMENTS,
        VIEW_DISPUTES,
    ),
    BOARD: (*VIEW_ALL, VIEW_PLAN_HISTORY, USE_WHAT_IF),
}


def sync_groups(apps) -> None:
    """Make the groups hold exactly what GROUPS says. Called by data migrations with their `apps`."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        wanted = {tuple(permission.split(".")) for permission in permissions}
        found = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        missing = wanted - {(permission.content_type.app_label, permission.codename) for permission in found}
        missing = {item for item in missing if not _model_not_migrated_yet(apps, *item)}
        if missing:
            raise LookupError(f"{name}: no such permission {sorted('.'.join(item) for item in missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(found)


def _model_not_migrated_yet(apps, app_label: str, codename: str) -> bool:
    """A permission of a model that a migration runs before ("view_person", or one the model's
    Meta declares, "use_what_if"), or that the model's Meta declares only from a later migration
    on ("manage_logins"): a later migration syncs the groups again. A misspelt codename belongs
    to no model of the code either, and still fails."""
    from django.apps import apps as code

    try:
        models = code.get_app_config(app_label).get_models()
    except LookupError:
        return False
    for model in models:
        opts = model._meta
        declared = {f"{action}_{opts.model_name}" for action in opts.default_permissions}
        if codename in declared | {name for name, _ in opts.permissions}:
            try:
                then = apps.get_model(app_label, model._meta.model_name)._meta
            except LookupError:
                return True
            return codename not in {f"{action}_{then.model_name}" for action in then.default_permissions} | {
                name for name, _ in then.permissions
            }
    return False


# --- The one check, for views -----------------------------------------------------------------

NO_ACCESS = "Your account has no access to this page. Ask an admin to add you to a group."


def permission_required_or_403(permission: str, *, or_own_numbers: bool = False) -> Callable:
    """Logged in is not enough (LoginRequiredMiddleware sees to that): lacking `permission`,
    the user gets the 403 page. The view keeps the name as `.permission`, for the tests.

    `or_own_numbers`: a rep (OWN_NUMBERS) may come in too, and the view shows them only their
    own person (`scope_of`)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs):
            if not holds(request.user, permission) and not (or_own_numbers and holds(request.user, OWN_NUMBERS)):
                raise PermissionDenied(NO_ACCESS)
            return view(request, *args, **kwargs)

        checked.permission = permission
        return checked

    return decorator


def holds(user: User, permission: str) -> bool:
    return person_of(user) is not None if permission == OWN_NUMBERS else user.has_perm(permission)


def person_of(user: User):
    """The Person the user's login is linked to (a rep's own record), or None (one query)."""
    from compensation.models import Person

    if not user.is_authenticated or not user.is_active:
        return None
    return Person.objects.filter(user_id=user.pk).first()


@dataclass(frozen=True)
class Scope:
    """What a viewer may see of the people's numbers, carried by every view into the loader, the
    cache keys and the presenters (so that two viewers with different scopes never share a
    cached section).

    `people`: the ids of the people whose numbers and pay may be shown; None for everyone.
    `team`: the people the month is computed over; None for the whole company. Until teams
    exist it is always None, so a rep's rank is among everyone in their role; a manager limited
    to one team will be a Scope with both set, and no view changes.
    """

    people: frozenset[int] | None = None
    team: frozenset[int] | None = None

    @property
    def everyone(self) -> bool:
        return self.people is None

    def sees(self, person_id: int | None) -> bool:
        return self.people is None or person_id in self.people

    @property
    def key(self) -> str:
        """Short, for a cache key: "all", or whom it shows ("p12") and computes over ("t3.5")."""
        shown = "all" if self.people is None else "p" + ".".join(map(str, sorted(self.people)))
        return shown if self.team is None else f"{shown}-t" + ".".join(map(str, sorted(self.team)))

    def __str__(self) -> str:
        return self.key


EVERYONE = Scope()
NOBODY = Scope(people=frozenset())


def scope_of(user: User, permission: str = VIEW_DASHBOARD) -> Scope:
    """Whose numbers and pay the user may see: everyone when they hold `permission`, else their
    own person (a rep), or nobody. Pages, statements, the API and the cache keys ask this."""
    if user.has_perm(permission):
        return EVERYONE
    own = person_of(user)
    return Scope(people=frozenset({own.pk})) if own is not None else NOBODY


def may_see_person(user: User, person, permission: str = VIEW_DASHBOARD) -> bool:
    """Whether the user may see `person`'s page or statement; a page answers 404 when not, so a
    rep cannot even learn who else has one."""
    return scope_of(user, permission).sees(person.pk)


def is_board_member(user: User) -> bool:
    """In the Board group and unable to enter actuals: such users start on the board view.
    (Someone in Board and Managers works as a manager.)"""
    return (
        user.is_authenticated
        and not user.has_perm(ENTER_ACTUALS)
        and user.groups.filter(name=BOARD).exists()  # a query: only the start page asks
    )


# --- What templates ask -----------------------------------------------------------------------


@dataclass(frozen=True)
class Can:
    """What the user may do, as templates ask it: `{% if can.enter_actuals %}`.

    Frozen and comparable, so a cached page section can put it in its key."""

    view_dashboard: bool = False
    enter_actuals: bool = False
    view_plans: bool = False
    view_plan_history: bool = False
    use_admin: bool = False
    edit_assumptions: bool = False  # in the admin: staff only
    edit_plans: bool = False
    use_what_if: bool = False
    view_scenarios: bool = False
    save_scenarios: bool = False
    apply_scenarios: bool = False
    view_leaderboards: bool = False
    view_people: bool = False
    review_month: bool = False
    approve_month: bool = False
    view_statements: bool = False
    send_statements: bool = False
    view_disputes: bool = False
    resolve_disputes: bool = False
    own_numbers: bool = False  # a rep: asked (one query) only of users who cannot see the dashboard
    enter_deals: bool = False
    view_deals: bool = False

    def __str__(self) -> str:
        """Short, for a cache key: "1110000"."""
        return "".join("1" if allowed else "0" for allowed in astuple(self))

    @classmethod
    def of(cls, user: User) -> Can:
        if not user.is_authenticated:
            return cls()
        staff = user.is_active and user.is_staff
        view_dashboard = user.has_perm(VIEW_DASHBOARD)
        return cls(
            view_dashboard=view_dashboard,
            enter_actuals=user.has_perm(ENTER_ACTUALS),
            view_plans=user.has_perm(VIEW_PLANS),
            view_plan_history=user.has_perm(VIEW_PLAN_HISTORY),
            use_admin=staff,
            edit_assumptions=staff and user.has_perm(EDIT_ASSUMPTIONS),
            edit_plans=staff and user.has_perm(EDIT_PLANS),
            use_what_if=user.has_perm(USE_WHAT_IF),
            view_scenarios=user.has_perm(VIEW_SCENARIOS),
            save_scenarios=user.has_perm(SAVE_SCENARIOS),
            apply_scenarios=user.has_perm(APPLY_SCENARIOS),
            view_leaderboards=user.has_perm(VIEW_LEADERBOARDS),
            view_people=user.has_perm(VIEW_PEOPLE),
            review_month=user.has_perm(REVIEW_MONTH),
            approve_month=user.has_perm(APPROVE_MONTH),
            view_statements=user.has_perm(VIEW_STATEMENTS),
            send_statements=user.has_perm(SEND_STATEMENTS),
            view_disputes=user.has_perm(VIEW_DISPUTES),
            resolve_disputes=user.has_perm(RESOLVE_DISPUTES),
            own_numbers=not view_dashboard and person_of(user) is not None,
            enter_deals=user.has_perm(ENTER_DEALS),
            view_deals=user.has_perm(VIEW_DEALS),
        )


def can(request: HttpRequest) -> dict:
    """Context processor: `can`, worked out on first use."""
    return {"can": SimpleLazyObject(lambda: Can.of(request.user))}
