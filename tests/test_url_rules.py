"""Links: only http(s) with a host, tidied on the way in, normalised for "already shared"."""

from __future__ import annotations

import pytest

from herotui.store.urls import BadUrl, is_web_url, normalise_url, tidy_url


@pytest.mark.parametrize("text, tidy", [
    ("  https://Example.COM/Path?Q=1#Frag  ", "https://example.com/Path?Q=1#Frag"),
    ("HTTP://www.Example.se", "http://www.example.se"),
    ("https://User@Example.com/x", "https://User@example.com/x"),
    ("https://example.com:8080/a", "https://example.com:8080/a"),
])
def test_tidy_keeps_the_link_but_lowers_scheme_and_host(text, tidy):
    assert tidy_url(text) == tidy


@pytest.mark.parametrize("text, reason", [
    ("javascript:alert(1)", "scheme"), ("JavaScript:alert(1)", "scheme"), ("file:///etc/passwd", "scheme"),
    ("data:text/html;base64,PHNjcmlwdD4=", "scheme"), ("mailto:a@b.se", "scheme"), ("example.com/a", "scheme"),
    ("https://", "host"), ("https:///path", "host"), ("http://x:port/", "host"), ("https://[::1", "host"),
    ("https://a..b/", "host"), ("https://exa mple.com", "spaces"), ("https://x.se/\x1b[2J", "spaces"),
    ("https://x.se/\u202eevil", "spaces"), ("https://x.se/" + "a" * 2100, "too_long"),
])
def test_anything_but_a_web_address_is_refused(text, reason):
    with pytest.raises(BadUrl) as caught:
        tidy_url(text)
    assert caught.value.reason == reason
    assert not is_web_url(text)


@pytest.mark.parametrize("a, b", [
    ("https://www.example.com/artikel", "http://example.com/artikel/"),
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/a?utm_source=x&id=3&fbclid=y", "https://example.com/a?id=3"),
    ("https://Example.com:443/a#section", "https://example.com/a"),
    ("http://example.com:80/a", "https://example.com/a"),
])
def test_the_same_article_normalises_to_the_same_key(a, b):
    assert normalise_url(a) == normalise_url(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.com/a?id=1", "https://example.com/a?id=2"),
    ("https://example.com/a", "https://example.org/a"),
    ("https://example.com:8080/a", "https://example.com/a"),
    ("https://example.com/A", "https://example.com/a"),  # paths are case-sensitive
])
def test_different_articles_stay_different(a, b):
    assert normalise_url(a) != normalise_url(b)


def test_normalise_never_raises_and_is_bounded():
    assert normalise_url("http://x:port/") == "http://x:port/"
    assert len(normalise_url("https://x.se/" + "a" * 3000)) == 512
