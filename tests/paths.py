"""Where things are, for every test: the repository, the lessons and the built book."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BOOK_HTML = ROOT / "_build" / "html"
