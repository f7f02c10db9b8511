"""Shared by the API's tests (tests/performance/api/): clients that send a token as a script
would (the `api_as` fixture), and a rep whose login is linked to a person of DOMAIN.md's people
example."""

import json

from django.contrib.auth.models import User
from rest_framework.test import APIClient

from compensation.models import Person
from performance.api.tokens import make_token


def token_client(user: User) -> APIClient:
    """A client that sends a fresh token of `user`'s, and no session cookie."""
    token, _ = make_token(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def clients_for(users: dict[str, User]):
    """The `api_as` fixture's function (tests/conftest.py): api_as("manager") is a token client for
    one of the cast; "anonymous" has no token; "rep" is Ana Ruiz's own login (needs the people
    example)."""

    def client_for(who: str) -> APIClient:
        if who == "anonymous":
            return APIClient()
        if who == "rep":
            return token_client(rep_user("Ana Ruiz"))
        return token_client(users[who])

    return client_for


def rep_user(name: str) -> User:
    """The login linked to the person called `name` (made on first use): a rep, in no group."""
    person = Person.objects.get(name=name)
    if person.user_id is None:
        person.user = User.objects.create_user(name.split()[0].lower(), password="correct horse battery staple")
        person.save()
    return person.user


def body(response) -> dict:
    return json.loads(response.content)


def post(client: APIClient, path: str, data: dict):
    return client.post(path, json.dumps(data), content_type="application/json")
