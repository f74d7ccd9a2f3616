"""Make the Chinese text of Chromium's PDFs copy and search as written: 户, not the Kangxi radical ⼾.

Noto CJK draws a radical (U+2F3E ⼾) and the character it looks like (U+6237 户) with one glyph, and
Chromium's PDF names that glyph by the radical in the text layer: the page looks right, but a copy or
a search for 客户 finds nothing. :func:`fix_text_layer` rewrites each font's ToUnicode map so such a
glyph names the character the Chinese font itself maps to it (read from the font's cmap with
fontTools); :func:`readable` does the same for text already extracted (used by the tests on PDFs
printed by a teacher's browser, which this project does not write).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from functools import lru_cache

#: Kangxi radicals, CJK radicals supplement and compatibility ideographs: what may share a glyph.
_LOOKALIKES = [(0x2E80, 0x2FDF), (0xF900, 0xFAFF)]
_UNIFIED = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF)]
#: The fonts whose shared glyphs are read, in order of preference: the Chinese faces, then the Japanese
#: ones, which fontconfig picks for Han characters in text not marked as Chinese (a pandas table cell).
FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans CJK JP", "Noto Serif CJK JP")
_BFCHAR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>")
_BFCHAR_BLOCK = re.compile(rb"beginbfchar.*?endbfchar", re.S)


def _within(code: int, ranges) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


@lru_cache(maxsize=1)
def lookalike_map() -> dict[int, int]:
    """Radical or compatibility code point -> the unified ideograph drawn with the same glyph in the Chinese fonts."""
    from fontTools.ttLib import TTFont

    found: dict[int, int] = {}
    faces = []
    for family in FONTS:  # every style: bold headings use the bold face
        listed = subprocess.run(
            ["fc-list", "-f", "%{file}|%{index}\n", f":family={family}"], capture_output=True, text=True
        ).stdout
        faces += [tuple(line.split("|")) for line in sorted(listed.splitlines()) if "|" in line]
    for file, index in faces:
        font = TTFont(file, fontNumber=int(index or 0), lazy=True)
        cmap = font.getBestCmap()
        by_glyph: dict[str, int] = {}
        for code, glyph in sorted(cmap.items()):
            if _within(code, _UNIFIED):
                by_glyph.setdefault(glyph, code)
        for code, glyph in cmap.items():
            if _within(code, _LOOKALIKES) and glyph in by_glyph:
                found.setdefault(code, by_glyph[glyph])
        font.close()
    return found


def readable(text: str) -> str:
    """``text`` with every lookalike code point replaced as in :func:`lookalike_map` (else by NFKC)."""
    table = lookalike_map()
    return "".join(
        chr(table[ord(c)])
        if ord(c) in table
        else unicodedata.normalize("NFKC", c)
        if _within(ord(c), _LOOKALIKES)
        else c
        for c in text
    )


def _fixed_cmap(data: bytes, table: dict[int, int]) -> bytes:
    """A ToUnicode CMap whose single-character entries (``bfchar``) name lookalikes by their ideograph."""

    def swap(match):
        code = int(match.group(2), 16)
        return match.group(1) + (b"<%04X>" % table[code] if code in table else b"<" + match.group(2) + b">")

    return _BFCHAR_BLOCK.sub(lambda block: _BFCHAR.sub(swap, block.group(0)), data)


def fix_text_layer(writer) -> int:
    """Rewrite the ToUnicode maps of every font on every page of a pypdf ``writer``; return how many maps changed."""
    table = lookalike_map()
    if not table:
        return 0
    done: set[int] = set()
    changed = 0

    def visit(resources):
        nonlocal changed
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            ref = font.get("/ToUnicode")
            if ref is None or ref.idnum in done:
                continue
            done.add(ref.idnum)
            stream = ref.get_object()
            data = stream.get_data()
            new = _fixed_cmap(data, table)
            if new != data:
                stream.set_data(new)
                changed += 1
            if "/Resources" in font:
                visit(font["/Resources"])
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in writer.pages:
        visit(page.get("/Resources"))
    return changed
