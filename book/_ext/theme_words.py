"""Sphinx extension: the theme's own words in English and Chinese, following the reader's language choice.

The book's prose follows the language switch (book/_static/bilingual.js), but sphinx-book-theme,
pydata-sphinx-theme and Sphinx write words of their own around it: "Contents", "previous" / "next",
"Skip to main content", the footer, the buttons' tooltips and labels, the search page. With
``language: en`` they are English only. :data:`THEME_WORDS` is the one table of those words and their
Chinese; this extension applies it.

- Words the theme writes into the page (the templates, and the header buttons that sphinx-book-theme
  builds in Python) are rewritten at build time, outside the page's own content: a text becomes the
  book's ``bi-en`` / ``bi-sep`` / ``bi-zh`` spans, which bilingual.css shows or hides as it does for
  headings; a label or tooltip attribute gets its bilingual value ("Download this page · 下载本页") and a
  ``data-bi-<attribute>`` copy, from which bilingual.js sets the one-language value on each switch (CSS
  cannot choose an attribute's text).
- Words the theme's scripts write after the page loads (Sphinx's search messages, sphinx-copybutton's
  tooltips) are handed to bilingual.js as ``CBEC_THEME_WORDS`` on the pages that have them.

The page's own content (the ``body`` the templates insert) is never touched, so a lesson may say
"next" or "Contents" in its own words; only the tooltip of the "#" link Sphinx adds to each heading
and the toggle myst-nb puts over a folded code cell are.
"""

from __future__ import annotations

import html
import json
import re

from retention.bilingual import SEPARATOR, bi, split

#: Every theme word the reader meets, English -> Chinese. Written by the theme into the page:
THEME_WORDS = {
    # page frame
    "Skip to main content": "跳到正文",
    "Back to top": "返回顶部",
    "Contents": "目录",
    "previous": "上一页",
    "next": "下一页",
    "previous page": "上一页",
    "next page": "下一页",
    "By The CBEC Retention course authors": "作者：跨境电商客户维系课程编写组",
    "© Copyright 2026.": "© 版权所有 2026。",
    # header buttons and navigation landmarks
    "Search": "搜索",
    "Index": "索引",
    "Search this book...": "搜索本书…",
    "Toggle primary sidebar": "显示或隐藏导航栏",
    "Toggle secondary sidebar": "显示或隐藏本页目录",
    "Download this page": "下载本页",
    "Download source file": "下载源文件",
    "Print to PDF": "打印为 PDF",
    "Fullscreen mode": "全屏模式",
    "Color mode": "颜色模式",
    "Light": "浅色",
    "Dark": "深色",
    "System Settings": "跟随系统",
    "Main": "主导航",
    "Page": "本页",
    "Version warning": "版本提示",
    # the tooltip of the "#" link Sphinx puts after each heading of the page's content
    "Link to this heading": "链接到此标题",
    # the toggle myst-nb puts in the page's content over a code cell shown folded (tag hide-input)
    "Toggle hidden content": "显示或隐藏内容",
    "Show code cell source": "显示代码",
    "Hide code cell source": "隐藏代码",
    # the search page without JavaScript
    "Error": "错误",
    "Please activate JavaScript to enable the search functionality.": "请启用 JavaScript 以使用搜索功能。",
}
#: Written by the theme's scripts after the page loads (bilingual.js puts them in the reader's language).
#: ``${resultCount}`` is the number Sphinx's search puts in.
SCRIPT_WORDS = {
    "search": {
        "Preparing search...": "正在准备搜索…",
        "Searching": "正在搜索",
        "Search Results": "搜索结果",
        "Search finished, found ${resultCount} page(s) matching the search query.": "搜索完成，找到 ${resultCount} 个匹配的页面。",
        "Your search did not match any documents. Please make sure that all words are spelled correctly and "
        "that you've selected enough categories.": "没有找到匹配的页面。请检查每个词的拼写，并确认选择了足够多的类别。",
    },
    "copy": {
        "Copy": "复制",
        "Copy to clipboard": "复制到剪贴板",
        "Copied!": "已复制！",
        "Failed to copy": "复制失败",
    },
}
#: The attributes that carry a control's label or tooltip.
ATTRIBUTES = ("title", "aria-label", "placeholder", "data-bs-title", "alt")

TEXT = re.compile(r"(?<=>)(\s*)([^<>]*?[A-Za-z][^<>]*?)(\s*)(?=<)")
TAG = re.compile(r"<[A-Za-z][^<>]*>")
HEADING_LINK = re.compile(r'<a class="headerlink"[^<>]*>')
FOLDED_CODE = re.compile(r'<summary aria-label="Toggle hidden content">.*?</summary>', re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
MARKUP = re.compile(r"<[^>]+>")
TITLE_HEAD = re.compile(r"^(.*?) [-\u2014] ")  # "Search - Book": the search page's own word
ATTRIBUTE = re.compile(r'(\s)(' + "|".join(map(re.escape, ATTRIBUTES)) + r')="([^"]*)"')


def both(en: str) -> str:
    """The bilingual form of a theme word, as the book writes a bilingual title: "English · 中文"."""
    return f"{en}{SEPARATOR}{THEME_WORDS[en]}"


def spans(en: str) -> str:
    """A theme word as the spans bilingual.css shows or hides by language (those bilingual.js makes of a title)."""
    # One outer span, so that a flex container (the page contents' heading) lays the halves out as one item.
    return (
        f'<span class="bi-theme"><span class="bi-en" lang="en">{html.escape(en)}</span><span class="bi-sep">{SEPARATOR}</span>'
        f'<span class="bi-zh" lang="zh-Hans">{html.escape(THEME_WORDS[en])}</span></span>'
    )


def translate_tag(match: re.Match) -> str:
    """An opening tag with each theme word in a label attribute made bilingual, and its ``data-bi-`` copy."""
    copies = []

    def attribute(found: re.Match) -> str:
        space, name, value = found.groups()
        word = html.unescape(value).strip()
        if word not in THEME_WORDS:
            return found[0]
        value = html.escape(both(word))
        copies.append(f' data-bi-{name}="{value}"')
        return f'{space}{name}="{value}"'

    tag = ATTRIBUTE.sub(attribute, match[0])
    if not copies:
        return tag
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:end].rstrip() + "".join(copies) + tag[end:]


def translate_text(match: re.Match) -> str:
    before, text, after = match.groups()
    word = html.unescape(text)
    return f"{before}{spans(word)}{after}" if word in THEME_WORDS else match[0]


def translate_frame(markup: str) -> str:
    """Theme markup (never a page's content) with its theme words in both languages."""
    return TEXT.sub(translate_text, TAG.sub(translate_tag, markup))


def translate_content(body: str) -> str:
    """The page's own content with only what Sphinx and myst-nb add to it translated: the heading links'
    tooltip and the toggle of a folded code cell."""
    return FOLDED_CODE.sub(lambda m: translate_frame(m[0]), HEADING_LINK.sub(translate_tag, body))


def translate_page(page: str, body: str) -> str:
    """A rendered page with the theme's words in its ``<body>`` translated around ``body`` (there: heading links only)."""
    head, tag, rest = page.partition("<body")
    if not tag:
        return page  # a redirect page (index.html) has no body
    if body and body in rest:
        before, _, after = rest.partition(body)
        return head + tag + translate_frame(before) + translate_content(body) + translate_frame(after)
    return head + tag + translate_frame(rest)


def tab_titles(page: str, context: dict) -> str:
    """The page's ``<title>`` with its form in each language as ``data-bi-en`` / ``-zh`` / ``-both``, for
    bilingual.js to show the reader's: the page's and the book's "English · 中文" titles cut to one half,
    a title of the theme's own ("Search", "Index"), from its context or its template, translated."""
    found = TITLE.search(page)
    if not found:
        return page
    title = dict.fromkeys(("both", "en", "zh"), html.unescape(found[1]))
    head = TITLE_HEAD.match(title["both"])
    pieces = [html.unescape(MARKUP.sub("", context.get(name) or "")).strip() for name in ("title", "docstitle")]
    for piece in pieces + [head[1] if head else ""]:
        halves = split(piece) or ((piece, THEME_WORDS[piece]) if piece in THEME_WORDS else None)
        if halves:
            for mode, text in (("both", bi(*halves)), ("en", halves[0]), ("zh", halves[1])):
                title[mode] = title[mode].replace(piece, text, 1)
    forms = "".join(f' data-bi-{mode}="{html.escape(text)}"' for mode, text in title.items())
    return f"{page[:found.start()]}<title{forms}>{html.escape(title['both'], quote=False)}</title>{page[found.end():]}"


def wrap_renderer(app) -> None:
    """Translate the theme's words in every page the HTML builder renders."""
    templates = getattr(app.builder, "templates", None)
    if app.builder.format != "html" or templates is None:
        return
    render = templates.render

    def render_in_both_languages(template: str, context: dict) -> str:
        return tab_titles(translate_page(render(template, context), context.get("body") or ""), context)

    templates.render = render_in_both_languages


def add_script_words(app, pagename, templatename, context, doctree) -> None:
    """Hand bilingual.js the words the theme's scripts will write on this page (search, copy buttons)."""
    groups = []
    if pagename == "search":
        groups.append("search")
    if 'class="highlight' in (context.get("body") or ""):
        groups.append("copy")
    if groups:
        words = {en: zh for group in groups for en, zh in SCRIPT_WORDS[group].items()}
        app.add_js_file(None, body=f"var CBEC_THEME_WORDS = {json.dumps(words, ensure_ascii=False)};")


def setup(app):
    app.connect("builder-inited", wrap_renderer)
    app.connect("html-page-context", add_script_words)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
