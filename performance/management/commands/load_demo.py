"""manage.py load_demo [--if-empty]: the demo agency, two years of history, one login per group."""

from datetime import date

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from compensation.models import Role
from performance.exchange.demo import build_demo_workspace
from performance.exchange.workspace import WorkspaceInvalid, import_workspace

# (username, group, is_staff, password): fixed, documented in the README; demo use only. The
# rep is in no group: their login is linked to a person (demo.REP_LOGINS; the workspace import
# creates it) and sees only their numbers.
DEMO_USERS = [
    ("admin", "Admins", True, "demo-admin-2026"),
    ("manager", "Managers", False, "demo-manager-2026"),
    ("board", "Board", False, "demo-board-2026"),
    ("ana", None, False, "demo-rep-2026"),
]
# Their e-mails, by which single sign-on finds them (the rep's is her person's).
DEMO_EMAILS = {"admin": "admin@example.com", "manager": "manager@example.com", "board": "board@example.com"}


class Command(BaseCommand):
    help = "Load the demo insurance agency (24 months ending last month) and one demo login per group."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing when any role exists")

    def handle(self, *args, if_empty: bool, **options) -> None:
        if if_empty and Role.objects.exists():
            self.stdout.write(
                "The database already has roles: left it as it is (load_demo without --if-empty merges the demo in)."
            )
        else:
            self._load()
        self._print_logins()

    def _load(self) -> None:
        workspace = build_demo_workspace(date.today())
        try:
            with transaction.atomic():
                summary = import_workspace(workspace, reason="load_demo")
                for username, group, is_staff, password in DEMO_USERS:
                    self._ensure_user(username, group, is_staff, password)
        except WorkspaceInvalid as error:
            listing = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"The demo does not fit the data already stored; nothing was loaded:\n{listing}"
            ) from None
        first, last = workspace["economics"][0]["effective_from"], workspace["person_actuals"][-1]["month"]
        self.stdout.write(f"Demo agency, {first} to {last}:")
        for line in summary.lines():
            if not line.startswith("logins created without a password"):  # the demo's get theirs below
                self.stdout.write(f"  {line}")

    def _ensure_user(self, username: str, group: str, is_staff: bool, password: str) -> None:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": is_staff})
        email = DEMO_EMAILS.get(username, user.email)
        if created or user.is_staff != is_staff or user.email != email or not user.check_password(password):
            user.is_staff, user.email = is_staff, email
            user.set_password(password)
            user._change_reason = "load_demo"
            user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))

    def _print_logins(self) -> None:
        existing = set(User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", flat=True))
        self.stdout.write("Demo logins:")
        for username, group, _, password in DEMO_USERS:
            if username in existing:
                self.stdout.write(f"  {username:<8} {password:<18} ({group or 'a rep: their own numbers'})")
            else:
                who = group or "a rep"
                self.stdout.write(f"  {username:<8} not created: run `manage.py load_demo` to add it ({who})")
