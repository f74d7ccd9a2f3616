"""Only the icons the book shows: the theme's Font Awesome rules and solid web font cut to what is used.

pydata-sphinx-theme's stylesheet carries a rule for each of Font Awesome's ~1,900 icon names (88 kB)
and its solid font has every glyph (156 kB); a page shows about fifteen. ``trim_icons`` keeps the
rules of the icon names that the built pages and the theme's scripts name, then cuts the solid font
(woff2 and ttf) with fontTools to the glyphs the kept stylesheets still draw: the kept rules and the
theme's own icons (admonitions, links, chevrons), which its CSS writes as private-use characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset

STYLESHEET = Path("styles") / "pydata-sphinx-theme.css"
WEBFONTS = Path("vendor") / "fontawesome" / "webfonts"
SOLID_FONTS = ("fa-solid-900.woff2", "fa-solid-900.ttf")
#: A rule of the icon table alone, e.g. ``.fa-circle-info:before,.fa-info-circle:before{content:"\f05a"}``.
ICON_RULE = re.compile(r'(?<=[{}])((?:\.fa-[\w-]+::?before,)*\.fa-[\w-]+::?before)\{content:("(?:[^"\\]|\\.)*")\}')
ICON_NAME = re.compile(r"(?<![\w-])fa-[a-z0-9]+(?:-[a-z0-9]+)*")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")


def icon_names(texts: Iterable[str]) -> set[str]:
    """Every ``fa-…`` class name the texts (built pages, scripts) mention."""
    return {name for text in texts for name in ICON_NAME.findall(text)}


def css_text(value: str) -> str:
    """The characters a CSS string stands for (its escapes ``\\f019``, ``\\!`` decoded)."""
    return CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], value)


def keep_icon_rules(css: str, names: set[str]) -> str:
    """The stylesheet with only the icon rules of ``names`` (and no source map: it no longer matches)."""

    def keep(match: re.Match) -> str:
        selectors = [s for s in match[1].split(",") if s[1:].split(":")[0] in names]
        return f"{','.join(selectors)}{{content:{match[2]}}}" if selectors else ""

    return SOURCE_MAP.sub("", ICON_RULE.sub(keep, css))


def drawn_characters(css: str) -> set[str]:
    """The private-use characters (Font Awesome's code points) a stylesheet can draw."""
    return set(PRIVATE_USE.findall(css_text(css)))


def cut_font(source: Path, target: Path, characters: set[str]) -> None:
    """Write ``source`` with only the glyphs of ``characters``, in the format of ``target``'s suffix."""
    options = subset.Options()
    options.flavor = "woff2" if target.suffix == ".woff2" else None
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=sorted(map(ord, characters)))
    cutter.subset(font)
    subset.save_font(font, str(target), options)


def theme_file(theme_dirs: Iterable[str], relative: Path) -> Path:
    """The theme's own copy of a static file (never the cut one in the output)."""
    for entry in theme_dirs:
        if (found := Path(entry) / "static" / relative).is_file():
            return found
    raise FileNotFoundError(f"no theme has static/{relative}")


def trim_icons(outdir: Path, theme_dirs: list[str]) -> set[str]:
    """Cut the output's icon rules and solid font to the icons the built book uses; return those characters."""
    static = outdir / "_static"
    pages = (p for p in outdir.rglob("*.html") if not {"_static", "vendor"} & set(p.relative_to(outdir).parts))
    scripts = (p for p in static.rglob("*.js") if p.name != "fontawesome.js")  # the book leaves fontawesome.js out
    names = icon_names(p.read_text(encoding="utf-8", errors="replace") for p in [*pages, *scripts])
    css = keep_icon_rules(theme_file(theme_dirs, STYLESHEET).read_text(encoding="utf-8"), names)
    (static / STYLESHEET).write_text(css, encoding="utf-8")
    characters = set().union(*(drawn_characters(p.read_text(encoding="utf-8")) for p in static.rglob("*.css")))
    for name in SOLID_FONTS:
        cut_font(theme_file(theme_dirs, WEBFONTS / name), static / WEBFONTS / name, characters)
    return characters
