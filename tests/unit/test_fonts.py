"""Tests of retention.ui.fonts."""

from matplotlib import font_manager  # noqa: E402

from retention.ui.fonts import cjk_font_path  # noqa: E402


def test_font_ships_with_a_package_and_covers_the_lesson_text():
    path = cjk_font_path()
    assert path.is_file() and "site-packages" in str(path)
    font = font_manager.get_font(str(path))
    for char in "客户维系流失率终身价值投诉（）":
        assert font.get_char_index(ord(char)) != 0, char
