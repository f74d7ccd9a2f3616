"""The helpers the scripts and the browser tests share, from the outside: a folder served on 127.0.0.1
(scripts/local_server.py) and Chromium that fetches only from it (scripts/chromium.py)."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import chromium
import pytest
from browsing import own_tab
from local_server import served

#: Another loopback address: not 127.0.0.1, so it must be refused, yet nothing leaves the machine if it is not.
ELSEWHERE = "http://127.0.0.2:9/pixel.png"
#: An opener that ignores any proxy set in the environment, so the request goes straight to 127.0.0.1.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def test_a_served_folder_answers_on_127_0_0_1_until_the_block_ends(tmp_path):
    (tmp_path / "hello.txt").write_text("你好 hello", encoding="utf-8")
    with served(tmp_path) as url:
        assert urlsplit(url).hostname == "127.0.0.1" and urlsplit(url).port
        with DIRECT.open(url + "hello.txt", timeout=10) as response:
            assert response.read().decode("utf-8") == "你好 hello"
        with pytest.raises(urllib.error.HTTPError) as missing:
            DIRECT.open(url + "nothing.txt", timeout=10)
        assert missing.value.code == 404
    with pytest.raises(urllib.error.URLError):
        DIRECT.open(url + "hello.txt", timeout=5)


@pytest.mark.parametrize(
    ("url", "local", "in_page"),
    [
        ("http://127.0.0.1:8000/index.html", True, False),
        ("data:image/png;base64,AAAA", True, True),
        ("blob:http://127.0.0.1:8000/1234", True, True),
        ("about:blank", True, True),
        (ELSEWHERE, False, False),
        ("https://cdn.example.com/lib.js", False, False),
    ],
)
def test_what_counts_as_local(url, local, in_page):
    assert chromium.is_local(url) is local and chromium.in_page(url) is in_page


def test_chromium_loads_the_served_folder_and_refuses_and_notes_any_other_host(browser, tmp_path):
    (tmp_path / "style.css").write_text("body { color: rgb(1, 2, 3); }", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        f'<!DOCTYPE html><html><head><link rel="stylesheet" href="style.css"></head>'
        f'<body><p>hello</p><img src="{ELSEWHERE}" alt=""></body></html>',
        encoding="utf-8",
    )
    with served(tmp_path) as url, own_tab(browser) as tab:
        tab.goto(url + "index.html", wait_until="networkidle")
        assert tab.evaluate("() => getComputedStyle(document.body).color") == "rgb(1, 2, 3)"
        assert tab.evaluate("() => document.querySelector('img').naturalWidth") == 0
        assert tab.watch.foreign_requests == [ELSEWHERE]
        assert tab.watch.failed_requests == []
