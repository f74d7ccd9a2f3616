"""Loaders for the course's data sets, checked against their published sha256 so every lesson sees the same numbers.

The files live in the repository's ``datasets/`` folder (override with the environment variable
``RETENTION_DATA_DIR``). Nothing is downloaded: a missing or damaged file raises an error that names
the path and says how to restore it.

Dtypes of :func:`load_online_retail`: ``InvoiceNo``, ``StockCode``, ``Description`` and ``Country``
are pandas strings (``Description`` is missing on 1,454 rows); ``Quantity`` is int64; ``UnitPrice``
is float64 in pounds sterling (GBP); ``InvoiceDate`` is a naive datetime64 in the shop's local time
(UK); ``CustomerID`` is the nullable integer dtype ``Int64`` (``<NA>`` for anonymous orders).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from pathlib import Path

import pandas as pd

#: The repository's ``datasets/`` folder, found relative to this package (src/retention/ -> ../../datasets).
DATASETS_DIR = Path(__file__).resolve().parents[2] / "datasets"
#: Environment variable that points the loaders at another folder holding the same files.
DATA_DIR_ENV = "RETENTION_DATA_DIR"

ONLINE_RETAIL_FILE = "online_retail.csv.gz"
ONLINE_RETAIL_SHA256 = "24bb5fccf34d11309a5b1462ea4b875ebf120ec76fb38b2df2ddc308656f0623"
ONLINE_RETAIL_DTYPES = {
    "InvoiceNo": "str",
    "StockCode": "str",
    "Description": "str",
    "Quantity": "int64",
    "UnitPrice": "float64",
    "CustomerID": "Int64",
    "Country": "str",
}
ONLINE_RETAIL_COLUMNS = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]

SUPPORT_TICKETS_FILE = "support_tickets.csv"
#: Checksum of the committed ticket file; ``python -m retention.tickets`` regenerates it byte for byte.
SUPPORT_TICKETS_SHA256 = "abb5c8b1dddd1c7b6230ffb5d8f2362bd92106e3dfd181d883a81052d5a53ad1"
SUPPORT_TICKETS_DATETIMES = ["order_date", "opened_at"]
SUPPORT_TICKETS_DTYPES = {
    "ticket_id": "str",
    "CustomerID": "int64",
    "InvoiceNo": "str",
    "Country": "str",
    "market": "str",
    "channel": "str",
    "issue_type": "str",
    "first_response_hours": "float64",
    "resolution_hours": "float64",
    "outcome": "str",
    "satisfaction": "int64",
    "repurchased": "bool",
}

_FIX = (
    "Restore it from the repository (`git checkout -- datasets/{name}`) or copy the original file there; "
    "set {env} to use another folder."
)


class DatasetError(Exception):
    """Base class of the loaders' errors."""


class DatasetMissingError(DatasetError, FileNotFoundError):
    """The data file is not where the loader looked for it."""


class DatasetCorruptError(DatasetError, ValueError):
    """The data file exists but is not the published file (wrong checksum, truncated or unreadable)."""


def datasets_dir() -> Path:
    """The folder the loaders read: ``$RETENTION_DATA_DIR`` when set, else :data:`DATASETS_DIR`."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).expanduser() if override else DATASETS_DIR


def sha256_of(path: str | os.PathLike) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# (resolved path, size, mtime_ns) -> sha256: a file that has not changed is hashed once per process.
_VERIFIED: dict[tuple[str, int, int], str] = {}


def _resolve(path, name: str) -> Path:
    path = Path(path) if path is not None else datasets_dir() / name
    if not path.is_file():
        raise DatasetMissingError(
            f"Data file not found: {path}. " + _FIX.format(name=name, env=DATA_DIR_ENV)
        )
    return path


def verify_file(path: str | os.PathLike, expected_sha256: str, name: str | None = None) -> Path:
    """Check a file's sha256 (cached by path, size and modification time); raise DatasetCorruptError if it differs."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise DatasetMissingError(f"Data file not found: {path}. " + _FIX.format(name=name, env=DATA_DIR_ENV))
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    actual = _VERIFIED.get(key)
    if actual is None:
        actual = sha256_of(path)
        _VERIFIED[key] = actual
    if actual != expected_sha256:
        raise DatasetCorruptError(
            f"Data file {path} is damaged or not the published version: sha256 {actual}, expected "
            f"{expected_sha256}. " + _FIX.format(name=name, env=DATA_DIR_ENV)
        )
    return path


def _read_csv(path: Path, name: str, columns: list[str], **kwargs) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, **kwargs)
    except (EOFError, OSError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError, ValueError, pd.errors.ParserError) as err:
        raise DatasetCorruptError(
            f"Data file {path} cannot be read ({type(err).__name__}: {err}). " + _FIX.format(name=name, env=DATA_DIR_ENV)
        ) from err
    if list(frame.columns) != columns:
        raise DatasetCorruptError(
            f"Data file {path} has columns {list(frame.columns)}, expected {columns}. "
            + _FIX.format(name=name, env=DATA_DIR_ENV)
        )
    return frame


def load_online_retail(path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """The UCI Online Retail order lines (541,909 rows), sha256-checked, with proper dtypes (see module docstring)."""
    path = _resolve(path, ONLINE_RETAIL_FILE)
    if verify:
        verify_file(path, ONLINE_RETAIL_SHA256, ONLINE_RETAIL_FILE)
    frame = _read_csv(
        path,
        ONLINE_RETAIL_FILE,
        ONLINE_RETAIL_COLUMNS,
        dtype=ONLINE_RETAIL_DTYPES,
        parse_dates=["InvoiceDate"],
        date_format="%Y-%m-%d %H:%M:%S",
    )
    if not pd.api.types.is_datetime64_any_dtype(frame["InvoiceDate"]):
        raise DatasetCorruptError(f"Data file {path}: InvoiceDate is not in 'YYYY-MM-DD HH:MM:SS' form.")
    return frame


def load_support_tickets(path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """The synthetic support tickets (see datasets/support_tickets.md), sha256-checked, with proper dtypes."""
    path = _resolve(path, SUPPORT_TICKETS_FILE)
    if verify:
        verify_file(path, SUPPORT_TICKETS_SHA256, SUPPORT_TICKETS_FILE)
    frame = _read_csv(
        path,
        SUPPORT_TICKETS_FILE,
        TICKET_COLUMNS,
        dtype=SUPPORT_TICKETS_DTYPES,
        parse_dates=SUPPORT_TICKETS_DATETIMES,
        date_format="%Y-%m-%d %H:%M",
    )
    return frame


#: Column order of the ticket file (written by retention.tickets).
TICKET_COLUMNS = [
    "ticket_id",
    "CustomerID",
    "InvoiceNo",
    "Country",
    "market",
    "order_date",
    "opened_at",
    "channel",
    "issue_type",
    "first_response_hours",
    "resolution_hours",
    "outcome",
    "satisfaction",
    "repurchased",
]
