"""`manage.py create_api_token USERNAME [--days N] [--name TEXT]`: print a new API token for the
user (shown once: only its digest is kept)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from performance.api.tokens import DaysOutOfRange, make_token


class Command(BaseCommand):
    help = "Print a new API token for USERNAME (send it as `Authorization: Token <token>`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--days", type=int, default=settings.API_TOKEN_DAYS, help="how long it lasts (default %(default)s)"
        )
        parser.add_argument("--name", default="", help="what it is for")

    def handle(self, *args, username: str, days: int, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username} is disabled; enable the login first.")
        try:
            token, row = make_token(user, days=days, name=name or "manage.py create_api_token")
        except DaysOutOfRange as error:
            raise CommandError(f"--days: {error}") from error
        self.stderr.write(
            f"A token for {username}, expiring {row.expires_at:%Y-%m-%d %H:%M %Z}; it is not shown again:"
        )
        self.stdout.write(token)
