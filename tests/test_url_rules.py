"""Links: only http(s) with a host, tidied on the way in, and link identity by the written rules of
`herotui.store.urls` (one test per rule, same and different)."""

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


# -- link identity, rule by rule (numbers as in the module docstring of herotui.store.urls) -------

RULES_SAME = {
    "1 scheme": [("http://example.com/a", "https://example.com/a"), ("HTTPS://example.com/a", "https://example.com/a")],
    "2 host": [("https://EXAMPLE.com/a", "https://example.com/a"), ("https://example.com./a", "https://example.com/a"),
               ("https://www.example.com/a", "https://example.com/a"), ("https://user@example.com/a", "https://example.com/a"),
               ("https://räksmörgås.se/a", "https://xn--rksmrgs-5wao1o.se/a")],
    "3 port": [("https://example.com:443/a", "https://example.com/a"), ("http://example.com:80/a", "https://example.com/a")],
    "4 path": [("https://example.com/a/", "https://example.com/a"), ("https://example.com", "https://example.com/"),
               ("https://example.com/a/./b/../c", "https://example.com/a/c")],
    "5 encodings": [("https://example.com/%c3%a5", "https://example.com/%C3%A5"), ("https://example.com/%7Ea", "https://example.com/~a"),
                    ("https://example.com/å", "https://example.com/%C3%A5"), ("https://example.com/?q=a+b", "https://example.com/?q=a%20b"),
                    ("https://x.sharepoint.com/Delade%20dokument/Guide.pdf", "https://x.sharepoint.com/Delade%20dokument/Guide.pdf")],
    "6 query": [("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
                ("https://example.com/a?utm_source=x&utm_medium=y&id=3", "https://example.com/a?id=3"),
                ("https://example.com/a?fbclid=abc", "https://example.com/a"), ("https://example.com/a?gclid=abc", "https://example.com/a"),
                ("https://example.com/a?ref=newsletter", "https://example.com/a")],
    "7 fragment": [("https://example.com/a#section", "https://example.com/a"), ("https://example.com/a#:~:text=x", "https://example.com/a"),
                   ("https://app.example.org/#/articles/one", "https://APP.example.org:443/#/articles/one")],
}
RULES_DIFFERENT = {
    "2 host": [("https://example.com/a", "https://example.org/a"), ("https://a.example.com/x", "https://b.example.com/x")],
    "3 port": [("https://example.com:8080/a", "https://example.com/a"), ("https://example.com:80/a", "https://example.com/a")],
    "4 path": [("https://example.com/Guide", "https://example.com/guide")],
    "5 encodings": [("https://example.com/a%2Fb", "https://example.com/a/b"), ("https://example.com/%C3%A5", "https://example.com/a")],
    "6 query": [("https://example.com/a?id=1", "https://example.com/a?id=2"),
                ("https://github.com/o/r/blob/main/x.md?ref=v2", "https://github.com/o/r/blob/main/x.md"),
                ("https://gitlab.com/o/r/-/raw/x?ref=v1", "https://gitlab.com/o/r/-/raw/x?ref=v2"),
                ("https://gitlab.firma.se/o/r?ref=v1", "https://gitlab.firma.se/o/r")],
    "7 fragment": [("https://app.example.org/#/articles/one", "https://app.example.org/#/articles/two"),
                   ("https://app.example.org/#!/item/1", "https://app.example.org/#!/item/2"),
                   ("https://app.example.org/#/articles/one", "https://app.example.org/")],
}


@pytest.mark.parametrize("rule, a, b", [(r, a, b) for r, pairs in RULES_SAME.items() for a, b in pairs])
def test_rule_says_the_same_page(rule, a, b):
    assert normalise_url(a) == normalise_url(b), rule


@pytest.mark.parametrize("rule, a, b", [(r, a, b) for r, pairs in RULES_DIFFERENT.items() for a, b in pairs])
def test_rule_says_different_pages(rule, a, b):
    assert normalise_url(a) != normalise_url(b), rule


def test_every_rule_in_the_docstring_has_tests():
    import herotui.store.urls as urls

    numbered = {line.strip()[0] for line in urls.__doc__.splitlines() if line.strip()[:2].rstrip(".").isdigit()
                and line.strip()[1] == "."}
    assert numbered == {r[0] for r in RULES_SAME} == {"1", "2", "3", "4", "5", "6", "7"}


def test_normalise_never_raises_and_is_bounded():
    assert normalise_url("http://x:port/") == "http://x:port/"
    assert len(normalise_url("https://x.se/" + "a" * 3000)) == 512
