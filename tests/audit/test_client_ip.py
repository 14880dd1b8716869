from __future__ import annotations

from django.test import RequestFactory, override_settings

from audit.client_ip import client_ip


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_without_a_proxy_the_peer_is_the_client():
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="6.6.6.6")) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_forwarded_entry_is_the_client():
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_missing_header_falls_back_to_the_peer():
    assert client_ip(_request()) == "10.0.0.1"
