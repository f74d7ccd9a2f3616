"""What a machine can check honestly in a written English reply to a buyer (assignment 5), and nothing more.

Each function looks for something a reader can point at: the length, the buyer's name in the greeting, the
order number, an apology, a time frame, the options the student says they offer, and phrases the course
forbids (promises no one can keep, asking to close a dispute or change a review, blame before checking).
Style, tone and fairness are graded by the teacher with the rubric, never here.
"""

from __future__ import annotations

import re

from retention.bilingual import has_chinese

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_APOLOGY = re.compile(r"\b(sorry|apologi[sz]e[sd]?|apologies)\b", re.I)
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four|48|72)"
_TIMEFRAME = re.compile(
    rf"\b(?:within|in|by|after|next)\s+(?:the\s+next\s+)?(?:{_NUMBER}(?:\s+to\s+{_NUMBER})?\s+)?"
    r"(?:(?:working|business)\s+)?(?:hours?|days?|weeks?)\b"
    r"|\b(?:(?:by|on|before|until)\s+)?(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
#: Forbidden phrases by the reason they are forbidden; each pattern is matched case-insensitively.
FORBIDDEN = {
    "a promise no one can keep · 无法兑现的承诺": [
        r"\bguarantee[sd]?\b", r"\b100\s?%", r"\bnever happen again\b", r"\bwill definitely\b", r"\bI promise\b",
    ],
    "asking to close a dispute or change a review · 要求关闭纠纷或修改评价": [
        r"\b(?:close|cancel|withdraw|drop)\b[^.!?]{0,40}\b(?:dispute|case|claim|chargeback)\b",
        r"\b(?:remove|change|update|delete|edit|improve)\b[^.!?]{0,40}\b(?:review|feedback|rating)\b",
        r"\b(?:positive|good|great|5-star|five-star|five star)\s+(?:review|feedback|rating)\b",
    ],
    "blame before checking · 未核实就归咎于人": [
        r"\b(?:our|my|the\s+(?:courier|carrier|driver|post office|warehouse|packer)(?:['’]s)?)\s+fault\b",
        r"\bfault\s+of\b",
    ],
}


def word_count(text: str) -> int:
    """Words as a reader counts them (``don't`` and ``24-hour`` are one word each)."""
    return len(_WORD.findall(text))


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def greets_by_name(text: str, names) -> bool:
    """True when the first non-empty line (the greeting) holds one of ``names``, e.g. 'Dear Ms Nguyen,'."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return any(re.search(rf"\b{re.escape(name)}\b", first, re.I) for name in names)


def mentions(text: str, token: str) -> bool:
    """True when ``token`` (e.g. the order number) appears as a whole word."""
    return re.search(rf"(?<![\w]){re.escape(token)}(?![\w])", text) is not None


def apologises(text: str) -> bool:
    return _APOLOGY.search(text) is not None


def time_frames(text: str) -> list[str]:
    """Every time frame the reply gives: 'within 24 hours', 'in 5 to 7 business days', 'by Friday', 'tomorrow'."""
    return [match.group(0) for match in _TIMEFRAME.finditer(text)]


def options_missing(text: str, options) -> list[str]:
    """The options listed that the reply does not contain word for word (spacing and case aside)."""
    reply = _normal(text)
    return [option for option in options if _normal(option) not in reply]


def forbidden_phrases(text: str) -> list[tuple[str, str]]:
    """(reason, phrase found) for every forbidden phrase in ``text``."""
    return [(reason, match.group(0)) for reason, patterns in FORBIDDEN.items()
            for pattern in patterns for match in re.finditer(pattern, text, re.I)]


def is_english(text: str) -> bool:
    """The reply is written for the buyer, in English: no Chinese characters."""
    return not has_chinese(text)


#: Assignment 5's buyer, as the case names her (greeting) and her order.
BUYER = {"names": ["Nguyen", "Emma"], "order": "7310"}
#: The reply's length in words, inclusive.
WORDS = (120, 220)
#: Assignment 5's machine checks, by test id.
CHECKS = ("reply_form", "reply_name", "reply_order", "reply_apology", "reply_time_frame", "reply_options",
          "reply_forbidden")


def problems(check: str, reply: str, options=None) -> list[str]:
    """What test ``check`` of assignment 5 finds wrong in ``reply`` (bilingual; [] when it passes).

    The test cell runs it in the kernel for the student's feedback; the grader runs it again outside the
    kernel on the reply the test handed out (``python -m retention.assignments.expected --check``), and
    only that second run counts.
    """
    if type(reply) is not str:
        return [f"the reply must be a string · 回复必须是字符串 ({type(reply).__name__})"]
    text = reply.strip()
    if check == "reply_form":
        n = word_count(text)
        return (["write the reply in English · 回复请用英文书写"] if not is_english(text) else []) + \
            ([f"the reply has {n} words, not {WORDS[0]}–{WORDS[1]} · 回复有 {n} 词，不在 {WORDS[0]}–{WORDS[1]} 词之间"]
             if not WORDS[0] <= n <= WORDS[1] else [])
    if check == "reply_name":
        return [] if greets_by_name(text, BUYER["names"]) else ["greet the buyer by name on the first line · 请在第一行称呼买家的名字"]
    if check == "reply_order":
        return [] if mentions(text, BUYER["order"]) else ["mention the order number · 请写明订单号"]
    if check == "reply_apology":
        return [] if apologises(text) else ["apologise for the buyer's trouble · 请为买家遇到的麻烦致歉"]
    if check == "reply_time_frame":
        return [] if time_frames(text) else ["say when things will happen, e.g. within 24 hours · 请说明事情何时发生，例如 within 24 hours"]
    if check == "reply_options":
        if type(options) is not list or any(type(o) is not str for o in options):
            return ["options must be a list of strings · options 必须是字符串列表"]
        distinct = {" ".join(o.lower().split()) for o in options if word_count(o) >= 3}
        if len(distinct) < 2:
            return ["list at least two different options of three words or more · 请列出至少两个不同的方案，每个至少三个词"]
        missing = options_missing(text, [o.strip() for o in options])
        return [f"not found word for word in the reply · 回复中找不到以下原文: {missing}"] if missing else []
    if check == "reply_forbidden":
        found = forbidden_phrases(text)
        return [f"forbidden phrases · 禁用说法: {found}"] if found else []
    raise ValueError(f"assignment 5 has no check {check!r}")
