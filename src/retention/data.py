"""Checksummed loaders of the course's data sets, read as their data cards say, so every lesson sees the same data.

Each file in ``datasets/`` has a card beside it (``<name>.yml``, see :mod:`retention.datacards`) giving its sha256,
columns, dtypes and date formats. Set ``RETENTION_DATA_DIR`` to read the files (and cards, when present there)
from another folder. Nothing is downloaded: a missing or damaged file raises an error naming the path and the fix.
``python -m retention.data card NAME`` prints the Markdown card of data set NAME.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import sys
import zlib
from pathlib import Path

import pandas as pd

from retention.datacards import (  # noqa: F401  (re-exported: lessons and tests import them from here)
    DATA_DIR_ENV,
    DATASETS_DIR,
    Column,
    DataCard,
    DataCardError,
    DatasetError,
    card,
    card_markdown,
    card_names,
    card_path,
    datasets_dir,
    load_card,
)

_FIX = (
    "Restore it from the repository (`git checkout -- datasets/{name}`) or copy the original file there; "
    "set {env} to use another folder."
)


class DatasetMissingError(DatasetError, FileNotFoundError):
    """The data file is not where the loader looked for it."""


class DatasetCorruptError(DatasetError, ValueError):
    """The data file exists but is not the published file (wrong checksum, truncated or unreadable)."""


def _missing(path: Path, name: str) -> DatasetMissingError:
    return DatasetMissingError(f"Data file not found: {path}. " + _FIX.format(name=name, env=DATA_DIR_ENV))


def sha256_of(path: str | os.PathLike) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# (resolved path, size, mtime_ns) -> sha256: a file that has not changed is hashed once per process.
_VERIFIED: dict[tuple[str, int, int], str] = {}


def verify_file(path: str | os.PathLike, expected_sha256: str, name: str | None = None) -> Path:
    """Check a file's sha256 (cached by path, size and modification time); raise DatasetCorruptError if it differs."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise _missing(path, name)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _VERIFIED:
        _VERIFIED[key] = sha256_of(path)
    if _VERIFIED[key] != expected_sha256:
        raise DatasetCorruptError(
            f"Data file {path} is damaged or not the published version: sha256 {_VERIFIED[key]}, expected "
            f"{expected_sha256}. " + _FIX.format(name=name, env=DATA_DIR_ENV)
        )
    return path


def _readable(fmt: str) -> str:
    """A strptime format as people write it: '%Y-%m-%d %H:%M' -> 'YYYY-MM-DD HH:MM'."""
    for code, shown in (("%Y", "YYYY"), ("%m", "MM"), ("%d", "DD"), ("%H", "HH"), ("%M", "MM"), ("%S", "SS")):
        fmt = fmt.replace(code, shown)
    return fmt


def load_dataset(name: str, path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """Data set ``name`` read as its card says (checksum, columns, dtypes, date formats)."""
    info = card(name)
    path = Path(path) if path is not None else datasets_dir() / info.file
    if verify:
        verify_file(path, info.sha256, info.file)
    elif not path.is_file():
        raise _missing(path, info.file)
    stat = path.stat()
    key = (name, str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _READ:  # parsed once per process and file version; each caller gets its own copy
        _READ.clear()
        _READ[key] = _read(name, path, info)
    return _READ[key].copy(deep=True)


#: The last data set parsed: (name, path, size, mtime) -> frame. A lesson, its exercises' answer check
#: and the tests load the same file several times; parsing it costs about 1.7 s, copying it 0.25 s.
_READ: dict[tuple, pd.DataFrame] = {}


def _read(name: str, path: Path, info) -> pd.DataFrame:
    """Parse data set ``name`` from ``path`` and check its columns and dates against its card."""
    fix = _FIX.format(name=info.file, env=DATA_DIR_ENV)
    plain = {column: dtype for column, dtype in info.dtypes.items() if column not in info.dates}
    try:
        frame = pd.read_csv(path, dtype=plain, parse_dates=list(info.dates), date_format=dict(info.dates))
    except (EOFError, OSError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError, ValueError, pd.errors.ParserError) \
            as err:
        raise DatasetCorruptError(f"Data file {path} cannot be read ({type(err).__name__}: {err}). " + fix) from err
    if list(frame.columns) != info.columns:
        raise DatasetCorruptError(f"Data file {path} has columns {list(frame.columns)}, expected {info.columns}. "
                                  + fix)
    for column, fmt in info.dates.items():
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            raise DatasetCorruptError(f"Data file {path}: {column} is not in '{_readable(fmt)}' form.")
        if str(frame[column].dtype) != info.dtypes[column]:
            frame[column] = frame[column].astype(info.dtypes[column])
    return frame


def load_online_retail(path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """The UCI Online Retail order lines, sha256-checked, with the dtypes of datasets/online_retail.yml."""
    return load_dataset("online_retail", path, verify)


def load_support_tickets(path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """The synthetic support tickets, sha256-checked, with the dtypes of datasets/support_tickets.yml."""
    return load_dataset("support_tickets", path, verify)


def __getattr__(attribute: str):
    """``TICKET_COLUMNS``: the ticket file's column order, read from its card when first asked for."""
    if attribute == "TICKET_COLUMNS":
        return card("support_tickets").columns
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")


def main(argv: list[str] | None = None) -> int:
    """``python -m retention.data card NAME``: print the Markdown card of data set NAME."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "card":
        print(f"usage: python -m retention.data card NAME > datasets/NAME.md   (NAME: {', '.join(card_names())})",
              file=sys.stderr)
        return 2
    try:
        sys.stdout.write(card_markdown(card(argv[1])))
    except DataCardError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
