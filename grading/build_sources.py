"""Write the assignments' source notebooks (grading/source/<assignment>/<notebook>.ipynb).

The notebooks are the committed artefacts; this script is how they are authored, so that every
nbgrader cell carries schema_version 3, every test cell opens with a bilingual comment and the
points add up to the total stated in the notebook. Run it after editing, then review the diff:

    python grading/build_sources.py            # rewrite all source notebooks
    python grading/build_sources.py --check    # exit 1 if a committed notebook differs

It lives under grading/ (not in the installed package) because it contains the answer keys and the
hidden tests, which the autograding sandbox hides from student code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _src(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


class Notebook:
    def __init__(self, assignment: str, name: str):
        self.assignment, self.name, self.cells, self.points = assignment, name, [], 0.0
        self._ids = set()

    def _meta(self, grade_id, *, grade=False, solution=False, locked=False, points=None, task=False):
        assert grade_id not in self._ids, grade_id
        self._ids.add(grade_id)
        meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
                "solution": solution, "task": task}
        if grade:
            meta["points"] = points
            self.points += points
        return {"nbgrader": meta}

    def _add(self, cell_type, source, metadata):
        cell = {"cell_type": cell_type, "id": f"c{len(self.cells):02d}", "metadata": metadata,
                "source": _src(source)}
        if cell_type == "code":
            cell.update(execution_count=None, outputs=[])
        self.cells.append(cell)

    def heading(self, text):
        self._add("markdown", text, {})

    def prose(self, en, zh):
        self._add("markdown", en, {"lang": "en"})
        # A line break between Chinese characters would show as a space: join such lines.
        zh = re.sub(r"(?<=[^\x00-\x7f])\n[ \t]*(?=[^\x00-\x7f])", "", _src(zh))
        self._add("markdown", zh, {"lang": "zh-Hans"})

    def setup(self, grade_id, source):
        """A read-only code cell (imports, data loading) the student runs but cannot change."""
        meta = self._meta(grade_id, locked=True)
        meta["deletable"], meta["editable"] = False, False
        self._add("code", source, meta)

    def answer(self, grade_id, source):
        """A code cell the student completes (### BEGIN/END SOLUTION is replaced by a stub)."""
        self._add("code", source, self._meta(grade_id, solution=True))

    def test(self, grade_id, points, source):
        """An autograded test cell; its first line is a bilingual comment saying what it checks."""
        source = _src(source)
        first = source.splitlines()[0]
        assert first.startswith("# Checks") and "·" in first, (grade_id, first)
        meta = self._meta(grade_id, grade=True, locked=True, points=points)
        meta["deletable"], meta["editable"] = False, False
        self._add("code", source, meta)

    def written(self, grade_id, points, solution):
        """A markdown answer graded by hand (manual grading in formgrader)."""
        body = "### BEGIN SOLUTION\n" + _src(solution) + "\n### END SOLUTION"
        self._add("markdown", body, self._meta(grade_id, grade=True, solution=True, points=points))

    def to_json(self):
        return {"cells": self.cells, "metadata": {"kernelspec": KERNELSPEC,
                "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


# ----------------------------------------------------------------------------------------------
# Assignment 1 · retention economics
# ----------------------------------------------------------------------------------------------

def retention_economics() -> Notebook:
    nb = Notebook("a1_retention_economics", "retention_economics")
    nb.heading("# Assignment 1 · Retention economics · 作业一：客户留存的经济账")
    nb.prose(
        """
        In this assignment you put numbers on customer retention: lifetime value, the yearly cost of
        churn, the value of handling complaints well, and a discounted lifetime value. Fill in every
        cell marked `YOUR CODE HERE`, run the notebook from top to bottom, then run the tests below
        each answer. Some tests are visible; hidden tests run when your work is graded.

        **Total: 25 points** — 20 points autograded, 5 points for the written answer graded by the
        instructor. Use plain Python numbers (`int` or `float`) for numeric answers.
        """,
        """
        本作业用数字说明客户留存（customer retention）的价值：客户终身价值、每年流失带来的成本、
        妥善处理投诉的价值，以及折现后的终身价值。请在每个标有 `YOUR CODE HERE` 的单元格中作答，
        从头到尾运行笔记本，并运行每道题下面的测试。部分测试可见；隐藏测试会在评分时运行。

        **总分：25 分**——自动评分 20 分，书面回答 5 分由教师人工评分。数值答案请使用普通的 Python
        数字（`int` 或 `float`）。
        """,
    )
    nb.setup("setup", """
        # Tools from the course package (read-only cell) · 课程工具包（只读单元格）
        from retention.economics import COMPLAINT_OUTCOMES
        COMPLAINT_OUTCOMES
        """)
    nb.heading("## Part A · Lifetime value · 第一部分：客户终身价值")
    nb.prose(
        """
        A customer spends £10 per order and orders 10 times a year. Lifetime value (undiscounted) is
        order value × orders per year × years. Compute `ltv_leaves` for a customer who leaves after
        1 year, `ltv_stays` for one who stays 10 years, and `ltv_uplift` for one who stays with order
        value, frequency and years each raised by 10%.
        """,
        """
        某客户每单消费 10 英镑，每年下单 10 次。客户终身价值（lifetime value，未折现）= 每单金额 ×
        每年订单数 × 留存年数。请计算：1 年后流失的客户的 `ltv_leaves`；留存 10 年的客户的
        `ltv_stays`；以及每单金额、购买频率和留存年数都提高 10% 时的 `ltv_uplift`。
        """,
    )
    nb.answer("ltv_answer", """
        ### BEGIN SOLUTION
        ltv_leaves = 10 * 10 * 1
        ltv_stays = 10 * 10 * 10
        ltv_uplift = 11 * 11 * 11
        ### END SOLUTION
        """)
    nb.test("ltv_visible", 2, """
        # Checks the one-year lifetime value · 检查一年期客户终身价值
        from retention.grading import checks
        from retention.economics import lifetime_value
        checks.number(ltv_leaves, lifetime_value(10, 10, 1), "ltv_leaves")
        """)
    nb.test("ltv_hidden", 3, """
        # Checks the ten-year and +10% lifetime values (hidden) · 检查十年期和提高 10% 后的终身价值（隐藏测试）
        from retention.grading import checks
        from retention.economics import lifetime_value
        assert ltv_stays is not None and ltv_uplift is not None  # both answers exist · 两个答案都已定义
        ### BEGIN HIDDEN TESTS
        checks.number(ltv_stays, lifetime_value(10, 10, 10), "ltv_stays")
        checks.number(ltv_uplift, lifetime_value(11, 11, 11), "ltv_uplift")
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part B · The cost of churn · 第二部分：客户流失的成本")
    nb.prose(
        """
        A shop keeps a base of customers the same size every year. Keeping an existing customer
        costs n; winning a new one costs 5n (a commonly cited industry figure puts it at 3–10 times).
        Every customer who churns must be replaced by a new one. Write `churn_cost_n(customers,
        churn_rate, acquisition_multiple=5)` that returns the total yearly cost in units of n, then
        build `churn_table`, a DataFrame with columns `churn_rate` and `total_cost_n` for 1,000
        customers and churn rates 0.05, 0.10, 0.15, 0.20, 0.25 and 0.30 (in that order).
        """,
        """
        一家店铺每年保持客户总数不变。维系一位老客户的成本是 n；获取一位新客户的成本是 5n
        （一个常被引用的行业数字是 3–10 倍）。每流失一位客户，就要用一位新客户来补上。请编写
        `churn_cost_n(customers, churn_rate, acquisition_multiple=5)`，返回以 n 为单位的年度总成本；
        然后构建 `churn_table`：一个含 `churn_rate` 和 `total_cost_n` 两列的 DataFrame，对应 1,000 位客户、
        流失率（churn rate）依次为 0.05、0.10、0.15、0.20、0.25 和 0.30。
        """,
    )
    nb.answer("churn_answer", """
        import pandas as pd

        def churn_cost_n(customers, churn_rate, acquisition_multiple=5):
            ### BEGIN SOLUTION
            new_customers = customers * churn_rate
            return new_customers * acquisition_multiple + (customers - new_customers)
            ### END SOLUTION

        ### BEGIN SOLUTION
        rates = [0.05, 0.10, 0.15, 0.20, 0.25, 0.30]
        churn_table = pd.DataFrame({"churn_rate": rates,
                                    "total_cost_n": [churn_cost_n(1000, r) for r in rates]})
        ### END SOLUTION
        churn_table
        """)
    nb.test("churn_visible", 2, """
        # Checks the seed example: 1,000 customers, 10% churn cost 1,400n · 检查示例：1,000 位客户、10% 流失率的成本为 1,400n
        from retention.grading import checks
        checks.number(churn_cost_n(1000, 0.10), 1400, "churn_cost_n(1000, 0.10)")
        """)
    nb.test("churn_hidden", 3, """
        # Checks churn_cost_n on other inputs against the course formula (hidden) · 用课程公式检查其他输入（隐藏测试）
        from retention.grading import checks
        from retention.economics import churn_cost
        checks.number(churn_cost_n(100, 0.0), 100, "churn_cost_n(100, 0.0)")
        ### BEGIN HIDDEN TESTS
        for customers, rate, multiple in [(1000, 0.0, 5), (500, 0.3, 5), (2000, 0.25, 8), (1, 1.0, 3)]:
            expected = churn_cost(customers, rate, multiple).total_cost
            checks.number(churn_cost_n(customers, rate, multiple), expected,
                          f"churn_cost_n({customers}, {rate}, {multiple})")
        ### END HIDDEN TESTS
        """)
    nb.test("churn_table_test", 3, """
        # Checks churn_table against the course's churn-cost table · 用课程的流失成本表检查 churn_table
        from retention.grading import checks
        from retention.economics import churn_cost_table
        table = checks.frame(churn_table, "churn_table", columns=["churn_rate", "total_cost_n"])
        expected = churn_cost_table(1000)
        checks.same_values(table["churn_rate"], expected["churn_rate"], "churn_table.churn_rate")
        checks.same_values(table["total_cost_n"], expected["total_cost_n"], "churn_table.total_cost_n")
        """)
    nb.heading("## Part C · What complaint handling is worth · 第三部分：妥善处理投诉的价值")
    nb.prose(
        """
        `COMPLAINT_OUTCOMES` (above) gives the share of customers who buy again after a complaint,
        by outcome (commonly cited industry figures). A shop receives 200 complaints a year that now
        go unresolved; each customer is worth £150. Compute `extra_value`: the value kept if all 200
        complaints were resolved quickly instead. Use the numbers in `COMPLAINT_OUTCOMES`.
        """,
        """
        上面的 `COMPLAINT_OUTCOMES` 给出了不同投诉处理结果下客户再次购买的比例（常被引用的行业数字）。
        某店铺每年收到 200 个投诉，目前都没有得到解决；每位客户价值 150 英镑。请计算 `extra_value`：
        如果这 200 个投诉都能迅速解决，可以多保住多少价值。请使用 `COMPLAINT_OUTCOMES` 中的数字。
        """,
    )
    nb.answer("complaint_answer", """
        ### BEGIN SOLUTION
        gain = COMPLAINT_OUTCOMES["resolved_quickly"]["repurchase"] - COMPLAINT_OUTCOMES["unresolved"]["repurchase"]
        extra_value = 200 * gain * 150
        ### END SOLUTION
        """)
    nb.test("complaint_test", 3, """
        # Checks the value of resolving 200 complaints quickly · 检查迅速解决 200 个投诉的价值
        from retention.grading import checks
        from retention.economics import value_of_better_complaint_handling
        checks.number(extra_value, value_of_better_complaint_handling(200, 150), "extra_value")
        """)
    nb.heading("## Part D · Discounted lifetime value · 第四部分：折现后的客户终身价值")
    nb.prose(
        """
        With a yearly margin m, a yearly retention rate r and a discount rate d, a customer's
        discounted lifetime value is m × r / (1 + d − r). Write `clv(margin, retention, discount)`.
        """,
        """
        设每年利润为 m、年留存率为 r、折现率为 d，则客户的折现终身价值（discounted lifetime value）为
        m × r / (1 + d − r)。请编写函数 `clv(margin, retention, discount)`。
        """,
    )
    nb.answer("clv_answer", """
        def clv(margin, retention, discount):
            ### BEGIN SOLUTION
            return margin * retention / (1 + discount - retention)
            ### END SOLUTION
        """)
    nb.test("clv_test", 4, """
        # Checks clv against the course formula for several inputs (partly hidden) · 用课程公式检查 clv（部分为隐藏测试）
        from retention.grading import checks
        from retention.economics import discounted_clv
        checks.number(clv(50, 0.8, 0.1), discounted_clv(50, 0.8, 0.1), "clv(50, 0.8, 0.1)")
        ### BEGIN HIDDEN TESTS
        for args in [(100, 0.9, 0.1), (20, 0.5, 0.0), (0, 0.7, 0.2), (75, 0.85, 0.05)]:
            checks.number(clv(*args), discounted_clv(*args), f"clv{args}")
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part E · Written answer · 第五部分：书面回答")
    nb.prose(
        """
        A manager says: "We hardly get any complaints, so our service must be fine." In 80–150 words,
        in English or Chinese, explain why this is a myth. Use the figure for unhappy customers who
        never complain, and suggest one way to make complaining easier. (5 points, graded by hand:
        2 for the argument, 2 for correct use of the figure, 1 for a practical suggestion.)
        """,
        """
        一位经理说：“我们几乎没有收到投诉，所以我们的服务一定没问题。”请用 80–150 个英文单词或
        150–300 个汉字解释为什么这是一个误区。要用到“不满但从不投诉的客户”的相关数字，并提出一个让客户
        更容易投诉的办法。（5 分，人工评分：论证 2 分，正确使用数字 2 分，可行的建议 1 分。）
        """,
    )
    nb.written("myth_answer", 5, """
        Few complaints can mean that unhappy customers leave silently. Only 9% of unhappy customers
        who never complain buy again, while 82% of those whose complaint is resolved quickly do. A
        quiet inbox therefore hides lost customers. Make complaining easy: a one-click feedback
        button on every order page and a reply within 24 hours.
        """)
    assert nb.points == 25, nb.points
    return nb


# ----------------------------------------------------------------------------------------------
# Assignment 2 · CRM language
# ----------------------------------------------------------------------------------------------

def crm_language() -> Notebook:
    nb = Notebook("a2_crm_language", "crm_language")
    nb.heading("# Assignment 2 · The language of CRM · 作业二：客户关系管理的语言")
    nb.prose(
        """
        Customer relationship management (CRM) has its own vocabulary. In Part A you match eight
        English terms with their definitions and give each term's Chinese name; in Part B you write
        an English reply to a customer's cross-border complaint.

        **Total: 20 points** — 10 points autograded (Part A), 10 points for the reply, graded by the
        instructor with the rubric below.
        """,
        """
        客户关系管理（customer relationship management，CRM）有一套自己的词汇。第一部分中，你要把八个
        英文术语与它们的定义配对，并写出每个术语的中文名称；第二部分中，你要用英文回复一位跨境电商客户的投诉。

        **总分：20 分**——第一部分自动评分 10 分；回复信 10 分，由教师按下方评分标准人工评分。
        """,
    )
    nb.heading("## Part A · Terms and definitions · 第一部分：术语与定义")
    nb.prose(
        """
        Definitions (letters a–h):

        - a. Going back to a customer after a sale or a complaint to check that everything is resolved.
        - b. Every point where a customer meets the business: website, chat, parcel, invoice, call.
        - c. Serving customers before they ask, e.g. warning them about a delay before they notice it.
        - d. The customer's tendency to keep buying from you and to recommend you.
        - e. Opinions customers give about a product or the service, asked for or not.
        - f. The benefit a customer gets from choosing you rather than a competitor.
        - g. Methods that lead the industry and that others measure themselves against.
        - h. Measuring what happens to customers and drawing lessons to improve the service.

        Fill the dictionary `matches` with the letter of each term's definition, and `zh_terms` with
        each term's Chinese name.
        """,
        """
        定义（字母 a–h）：

        - a. 售出商品或处理投诉之后回访客户，确认问题都已解决。
        - b. 客户与企业接触的每一个环节：网站、在线聊天、包裹、发票、电话。
        - c. 在客户开口之前就提供服务，例如在客户发现之前就告知物流延误。
        - d. 客户持续向你购买并向他人推荐你的倾向。
        - e. 客户对产品或服务发表的看法，无论是否经过征询。
        - f. 客户选择你而不是竞争对手所获得的好处。
        - g. 行业领先、被其他企业当作标杆的做法。
        - h. 记录客户身上发生的情况并总结经验，以改进服务。

        请在字典 `matches` 中填入每个术语对应定义的字母，在 `zh_terms` 中填入每个术语的中文名称。
        """,
    )
    nb.answer("terms_answer", """
        TERMS = ["Pro-active customer care", "Follow-up", "Feedback", "Customer touch-points",
                 "Customer loyalty", "Value proposition", "Tracking & learning", "Best practices"]
        ### BEGIN SOLUTION
        matches = {"Pro-active customer care": "c", "Follow-up": "a", "Feedback": "e",
                   "Customer touch-points": "b", "Customer loyalty": "d", "Value proposition": "f",
                   "Tracking & learning": "h", "Best practices": "g"}
        zh_terms = {"Pro-active customer care": "积极主动的客户服务", "Follow-up": "后续服务工作",
                    "Feedback": "反馈意见", "Customer touch-points": "客户接触点",
                    "Customer loyalty": "客户忠诚度", "Value proposition": "价值主张",
                    "Tracking & learning": "追踪与总结", "Best practices": "最佳实践"}
        ### END SOLUTION
        """)
    nb.test("matches_format", 2, """
        # Checks that matches has every term and only letters a–h · 检查 matches 包含全部术语且只用字母 a–h
        from retention.grading import checks
        answer = checks.mapping(matches, TERMS, "matches")
        bad = {k: v for k, v in answer.items() if v.lower() not in list("abcdefgh")}
        assert not bad, f"not a letter a–h · 不是 a–h 中的字母: {bad}"
        """)
    nb.test("matches_first", 3, """
        # Checks the definitions of the first four terms (hidden) · 检查前四个术语的定义（隐藏测试）
        from retention.grading import checks
        answer = {k: v.lower() for k, v in checks.mapping(matches, TERMS, "matches").items()}
        ### BEGIN HIDDEN TESTS
        key = {"Pro-active customer care": "c", "Follow-up": "a", "Feedback": "e", "Customer touch-points": "b"}
        wrong = sorted(term for term in key if answer.get(term) != key[term])
        assert not wrong, f"wrong definitions for · 以下术语的定义不对: {wrong}"
        ### END HIDDEN TESTS
        """)
    nb.test("matches_second", 3, """
        # Checks the definitions of the last four terms (hidden) · 检查后四个术语的定义（隐藏测试）
        from retention.grading import checks
        answer = {k: v.lower() for k, v in checks.mapping(matches, TERMS, "matches").items()}
        ### BEGIN HIDDEN TESTS
        key = {"Customer loyalty": "d", "Value proposition": "f", "Tracking & learning": "h", "Best practices": "g"}
        wrong = sorted(term for term in key if answer.get(term) != key[term])
        assert not wrong, f"wrong definitions for · 以下术语的定义不对: {wrong}"
        ### END HIDDEN TESTS
        """)
    nb.test("zh_terms_test", 2, """
        # Checks the Chinese names of the terms (hidden; common variants accepted) · 检查术语的中文名称（隐藏测试，接受常见说法）
        from retention.grading import checks
        answer = checks.mapping(zh_terms, TERMS, "zh_terms")
        ### BEGIN HIDDEN TESTS
        accepted = {
            "Pro-active customer care": ["积极主动的客户服务", "主动客户服务", "主动式客户服务", "主动的客户服务"],
            "Follow-up": ["后续服务工作", "后续服务", "跟进", "回访", "后续跟进"],
            "Feedback": ["反馈意见", "反馈", "客户反馈"],
            "Customer touch-points": ["客户接触点", "接触点", "客户触点", "触点"],
            "Customer loyalty": ["客户忠诚度", "客户忠诚", "顾客忠诚度"],
            "Value proposition": ["价值主张", "价值定位", "增值建议"],
            "Tracking & learning": ["追踪与总结", "跟踪与总结", "追踪与学习", "跟踪与学习"],
            "Best practices": ["最佳实践", "最佳做法", "世界一流实践"],
        }
        wrong = sorted(t for t, names in accepted.items() if answer[t].replace(" ", "") not in names)
        assert not wrong, f"check the Chinese names of · 请检查以下术语的中文名称: {wrong}"
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part B · Reply to a cross-border complaint · 第二部分：回复跨境投诉")
    nb.prose(
        """
        A customer in Germany writes: "I ordered a ceramic tea set from your store three weeks ago.
        It arrived ten days late and two cups are broken. I want my money back." Write a reply in
        English (120–200 words), as the store's after-sales agent, in the answer cell below.

        Rubric (10 points): acknowledges the problem and apologises sincerely without blaming the
        carrier (2); asks only for the evidence needed, e.g. a photo of the damage (1); offers at
        least two concrete solutions, e.g. a replacement sent by express or a partial or full
        refund, and lets the customer choose (3); gives a clear timeline and says how you will
        follow up (2); polite, clear, error-free English that addresses the customer by name (2).
        """,
        """
        一位德国客户来信：“三周前我在你们店买了一套陶瓷茶具，结果晚到了十天，而且两个杯子碎了。
        我要退款。”请以店铺售后客服的身份，在下面的答题单元格中用英文（120–200 词）写一封回复。

        评分标准（10 分）：承认问题并真诚致歉，不把责任推给物流公司（2 分）；只索要必要的证据，例如
        破损照片（1 分）；至少提供两种具体的解决方案，例如以快递补发或部分/全额退款，并请客户选择（3 分）；
        给出明确的时间表并说明你将如何跟进（2 分）；英文礼貌、清楚、没有错误，并称呼客户的名字（2 分）。
        """,
    )
    nb.written("reply_answer", 10, """
        Dear Ms Weber,

        Thank you for telling us, and I am very sorry that your tea set arrived late and with two
        broken cups. This is not the experience we want you to have. Could you send us a photo of
        the damaged cups? That is all we need. Then please choose what suits you best: we can send
        two new cups by express delivery at our cost, arriving within five working days, or refund
        the two cups today, or refund the whole order if you would rather not keep the set. You do
        not need to return the broken pieces. As soon as you reply, I will arrange your choice
        within 24 hours and send you the tracking number or the refund confirmation. I will also
        check in with you next week to make sure everything has arrived safely.

        With kind regards,
        Li Na, After-sales team
        """)
    assert nb.points == 20, nb.points
    return nb


BUILDERS = [retention_economics, crm_language]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed notebooks")
    args = parser.parse_args(argv)
    stale = []
    for build in BUILDERS:
        nb = build()
        path = SOURCE / nb.assignment / f"{nb.name}.ipynb"
        text = json.dumps(nb.to_json(), ensure_ascii=False, indent=1) + "\n"
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(HERE)} ({nb.points:g} points)")
    if stale:
        print("out of date:", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
