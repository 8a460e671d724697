import pytest
from playwright.sync_api import expect

from accord.testing import factories as f


@pytest.mark.django_db(transaction=True)
def test_sign_in_and_open_a_plan(new_page, network, section, make_member):
    f.make_item(section, what="Exchange with advisory partners", when_text="Fall 2021")
    viewer = make_member("viewer")
    page = new_page()
    page.goto("/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Username").fill(viewer.username)
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()  # waits for the page, where is_visible() would not
    page.get_by_label("Password").fill("pw-for-tests-only")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=network.name).click()
    page.get_by_role("link", name=section.plan.title).first.click()
    expect(page.get_by_role("heading", name="1. Awareness-raising")).to_be_visible()
    expect(page.get_by_role("cell", name="Exchange with advisory partners")).to_be_visible()
