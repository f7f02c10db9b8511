from django.urls import reverse


def test_the_login_page_is_open_to_everyone(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Log in" in response.content


def test_home_sends_an_anonymous_visitor_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_no_template_comment_leaks_onto_a_page(client, db):
    """Django's {# #} comments end at the line's end: one spanning two lines is printed as text."""
    page = client.get("/login/").content.decode()

    assert "{#" not in page and "#}" not in page
