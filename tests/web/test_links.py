"""url_maker: reverse() once per page, the same address for every key."""

from __future__ import annotations

from django.urls import reverse

from accord.web.links import url_maker


def test_url_maker_gives_what_reverse_gives():
    item_url = url_maker("plans:item", "northern-lights")
    for pk in (1, 42, 1234567):
        assert item_url(pk) == reverse("plans:item", args=["northern-lights", pk])
    assert url_maker("network:organisation", "nl")("aso") == reverse("network:organisation", args=["nl", "aso"])
