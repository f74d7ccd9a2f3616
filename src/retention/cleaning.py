"""Cleaning the order lines: flag every quirk of the real data, then drop or net it explicitly.

Each rule is a named step, so a lesson can show what it does to rows, invoices, customers and
revenue (see :func:`cleaning_report`). Revenue is ``Quantity x UnitPrice`` in GBP.
"""

from __future__ import annotations

import pandas as pd

from retention.numeric import require_columns  # noqa: F401  (re-exported: other modules import it from here)

TRANSACTION_COLUMNS = ("InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country")

#: Stock codes that are not merchandise: postage, carriage, manual corrections, discounts, samples,
#: bank and marketplace fees, charity commission, a rounding item and bad-debt adjustments.
NON_PRODUCT_CODES = frozenset(
    {"POST", "DOT", "C2", "M", "m", "D", "S", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "B"}
)
#: Gift vouchers (``gift_0001_10`` ...) are money, not goods: also treated as non-product.
VOUCHER_PREFIX = "gift_"

#: A sale line that its own customer cancels in full (same stock code, same quantity) within this many
#: minutes never happened: the default cleaning drops it together with its cancellation. The two largest
#: lines of the Online Retail file are such mistakes (lesson 31).
CANCELLED_WITHIN_MINUTES = 30

#: Steps of :func:`cleaning_report`, in the order they are applied: (key, English, Chinese).
CLEANING_STEPS = (
    ("raw", "raw order lines", "原始订单行"),
    ("missing_customer", "drop lines without CustomerID", "删除缺少客户编号的行"),
    ("cancellations", "drop cancellations (invoices starting with C)", "删除取消订单（以 C 开头的发票）"),
    ("cancelled_in_full", f"drop sale lines cancelled in full within {CANCELLED_WITHIN_MINUTES} minutes",
     f"删除 {CANCELLED_WITHIN_MINUTES} 分钟内被整行取消的销售行"),
    ("non_product", "drop postage, fees, discounts and adjustments", "删除邮费、手续费、折扣和调整项"),
    ("bad_values", "drop zero or negative prices and quantities", "删除单价或数量为零或负数的行"),
)


def to_timestamp(value, name: str) -> pd.Timestamp:
    """Parse a date argument, raising ValueError with the argument's name if it is not a date."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a date such as '2011-09-01', got {value!r}") from err
    if pd.isna(stamp):
        raise ValueError(f"{name} must be a date such as '2011-09-01', got {value!r}")
    return stamp


def is_cancellation(invoices: pd.Series) -> pd.Series:
    """True for cancellation invoices, whose number starts with 'C' (e.g. C536379)."""
    return invoices.astype("str").str.startswith("C")


def is_non_product(stock_codes: pd.Series) -> pd.Series:
    """True for stock codes that are fees, postage, discounts, vouchers or adjustments, not goods."""
    codes = stock_codes.astype("str")
    return codes.isin(NON_PRODUCT_CODES) | codes.str.startswith(VOUCHER_PREFIX)


def cancelled_in_full(frame: pd.DataFrame, minutes: int = CANCELLED_WITHIN_MINUTES) -> pd.Series:
    """True for sale lines that a cancellation of the same customer, stock code and quantity undoes within ``minutes``.

    Each cancellation line undoes at most one sale line: the latest one before it (lines without a customer never match).
    """
    require_columns(frame, TRANSACTION_COLUMNS, "transactions")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
        raise ValueError(f"minutes must be a whole number of minutes (0 or more), got {minutes!r}")
    known = frame["CustomerID"].notna()
    cancel = is_cancellation(frame["InvoiceNo"])
    keys = ["CustomerID", "StockCode", "units"]
    sales = frame.loc[known & ~cancel & (frame["Quantity"] > 0), ["InvoiceDate", "CustomerID", "StockCode"]]
    sales = sales.assign(units=frame["Quantity"], line=sales.index).sort_values("InvoiceDate", kind="stable")
    undo = frame.loc[known & cancel & (frame["Quantity"] < 0), ["InvoiceDate", "CustomerID", "StockCode"]]
    undo = undo.assign(units=-frame["Quantity"]).sort_values("InvoiceDate", kind="stable")
    flagged = pd.Series(False, index=frame.index)
    if sales.empty or undo.empty:
        return flagged
    for frame_ in (sales, undo):
        frame_["CustomerID"] = frame_["CustomerID"].astype("int64")
        frame_["StockCode"] = frame_["StockCode"].astype("str")
    matched = pd.merge_asof(undo, sales, on="InvoiceDate", by=keys, direction="backward",
                            tolerance=pd.Timedelta(minutes=minutes))
    flagged.loc[matched["line"].dropna().astype("int64").unique()] = True
    return flagged


def add_revenue(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with a ``Revenue`` column, Quantity x UnitPrice in GBP (negative on cancellation lines)."""
    require_columns(frame, ("Quantity", "UnitPrice"), "transactions")
    return frame.assign(Revenue=frame["Quantity"] * frame["UnitPrice"])


def flag_quirks(frame: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per quirk (missing customer, cancellation, sale cancelled in full, non-product, bad price,
    bad quantity, bad debt)."""
    require_columns(frame, TRANSACTION_COLUMNS, "transactions")
    cancel = is_cancellation(frame["InvoiceNo"])
    return pd.DataFrame(
        {
            "missing_customer": frame["CustomerID"].isna(),
            "cancellation": cancel,
            "cancelled_in_full": cancelled_in_full(frame),
            "non_product": is_non_product(frame["StockCode"]),
            "bad_price": frame["UnitPrice"] <= 0,
            "bad_quantity": (frame["Quantity"] <= 0) & ~cancel,
            "bad_debt": frame["StockCode"].astype("str").eq("B"),
        },
        index=frame.index,
    )


def quirk_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """How many rows and invoices show each quirk (a row can show several)."""
    flags = flag_quirks(frame)
    invoices = frame["InvoiceNo"]
    return pd.DataFrame(
        {
            "rows": flags.sum(),
            "invoices": pd.Series({name: invoices[flags[name]].nunique() for name in flags.columns}),
        }
    ).rename_axis("quirk")


def clean_transactions(
    frame: pd.DataFrame,
    *,
    cancellations: str = "drop",
    drop_missing_customer: bool = True,
    drop_non_product: bool = True,
    drop_bad_values: bool = True,
    drop_cancelled_in_full: bool = True,
) -> pd.DataFrame:
    """The analysis-ready order lines with a ``Revenue`` column.

    ``cancellations``: ``"drop"`` removes cancellation lines (sales only) and, with them, the sale lines
    they cancel in full within :data:`CANCELLED_WITHIN_MINUTES` (sales that never happened, see
    :func:`cancelled_in_full`; ``drop_cancelled_in_full=False`` keeps those); ``"net"`` keeps every
    cancellation with its negative quantity, so sums of Revenue are net of refunds (a sale cancelled in
    full nets to zero); ``"keep"`` is the same as net but also keeps any other negative-quantity lines.
    Bad values are non-positive prices, and non-positive quantities on lines that are not cancellations.
    """
    if cancellations not in ("drop", "net", "keep"):
        raise ValueError(f"cancellations must be 'drop', 'net' or 'keep', got {cancellations!r}")
    flags = flag_quirks(frame)
    drop = pd.Series(False, index=frame.index)
    if drop_missing_customer:
        drop |= flags["missing_customer"]
    if cancellations == "drop":
        drop |= flags["cancellation"]
        if drop_cancelled_in_full:
            drop |= flags["cancelled_in_full"]
    if drop_non_product:
        drop |= flags["non_product"]
    if drop_bad_values:
        drop |= flags["bad_price"]
        if cancellations != "keep":
            drop |= flags["bad_quantity"]
    clean = frame.loc[~drop]
    return add_revenue(clean).reset_index(drop=True)


def summary_counts(frame: pd.DataFrame) -> dict:
    """Rows, invoices, cancellation invoices, customers, countries, revenue and date range of a transactions frame."""
    require_columns(frame, ("InvoiceNo", "Quantity", "UnitPrice", "InvoiceDate", "CustomerID", "Country"), "transactions")
    invoices = frame["InvoiceNo"]
    return {
        "rows": int(len(frame)),
        "invoices": int(invoices.nunique()),
        "cancellation_invoices": int(invoices[is_cancellation(invoices)].nunique()),
        "customers": int(frame["CustomerID"].nunique()),
        "countries": int(frame["Country"].nunique()),
        "revenue": float((frame["Quantity"] * frame["UnitPrice"]).sum()),
        "first_date": frame["InvoiceDate"].min(),
        "last_date": frame["InvoiceDate"].max(),
    }


def cleaning_report(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows, invoices, customers and revenue (GBP) left after each cleaning step of :data:`CLEANING_STEPS`, applied in turn."""
    flags = flag_quirks(frame)
    revenue = frame["Quantity"] * frame["UnitPrice"]
    keep = pd.Series(True, index=frame.index)
    masks = {
        "raw": None,
        "missing_customer": flags["missing_customer"],
        "cancellations": flags["cancellation"],
        "cancelled_in_full": flags["cancelled_in_full"],
        "non_product": flags["non_product"],
        "bad_values": flags["bad_price"] | flags["bad_quantity"],
    }
    rows = []
    for key, en, zh in CLEANING_STEPS:
        if masks[key] is not None:
            keep &= ~masks[key]
        kept = frame.loc[keep]
        rows.append(
            {
                "step": key,
                "en": en,
                "zh": zh,
                "rows": int(keep.sum()),
                "invoices": int(kept["InvoiceNo"].nunique()),
                "customers": int(kept["CustomerID"].nunique()),
                "revenue_gbp": round(float(revenue[keep].sum()), 2),
            }
        )
    report = pd.DataFrame(rows)
    report["rows_removed"] = (-report["rows"].diff()).fillna(0).astype("int64")
    return report


def extreme_lines(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` order lines with the largest absolute quantity: where outliers and their cancellations hide."""
    require_columns(frame, TRANSACTION_COLUMNS, "transactions")
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    order = frame["Quantity"].abs().sort_values(ascending=False, kind="stable").index[:n]
    return frame.loc[order]
