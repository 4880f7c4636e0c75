"""Answer sections written in HTML or as a LaTeX table are read as the markdown they mean
(split/markup.py), and a table row may answer several questions at once. Written for these
tests, in their own wording and topics."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.markup import as_markdown
from drqa.labeling.split.structured import table_answers

PROBLEMS = [
    "How many legs do three spiders have?",
    "What is 15% of 60?",
    "How many edges does a square pyramid have?",
]


def answers(section: str, problems=PROBLEMS) -> list[str | None]:
    text = "Working them out.</think>\n\n" + section
    return [c.answer for c in split_batched_response(text, len(problems), problems=problems)]


def test_html_bold_labels_and_line_breaks_read_as_markdown():
    section = (
        "<strong>Problem 1</strong><br/>\nThree spiders, 8 legs each: <strong>24</strong>"
        "<br/>\n<strong>Problem 2</strong><br/>\n0.15 &times; 60 = <strong>9</strong><br/>\n"
        "<strong>Problem 3</strong><br/>\n4 base edges and 4 slant edges: <strong>8</strong>"
    )
    assert answers(section) == ["24", "9", "8"]


def test_an_html_ordered_list_numbers_the_answers_in_order():
    section = (
        "<p>My results:</p><ol><li>8 × 3 gives <em>24</em> legs</li>"
        "<li>one tenth is 6, half of that 3, so <b>9</b></li>"
        "<li>a square base has 4, plus 4 up to the apex: <b>8</b></li></ol>"
    )
    assert answers(section) == ["24", "9", "8"]


def test_a_chain_keeps_the_html_the_model_wrote():
    section = "<b>Problem 1</b><br>\n<b>24</b><br>\n<b>Problem 2</b><br>\n<b>9</b><br>\n"
    section += "<b>Problem 3</b><br>\n<b>8</b>"
    text = "Working them out.</think>\n\n" + section
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert all("<b>" in c.answer_section and "**" not in c.answer_section for c in chains)
    assert "<b>9</b>" in chains[1].answer_section


def test_an_html_table_cell_spanning_rows_answers_each_of_them():
    section = (
        "<table><tr><th>#</th><th>Result</th></tr>"
        "<tr><td>1</td><td rowspan='2'>24</td></tr><tr><td>2</td></tr>"
        "<tr><td>3</td><td>8</td></tr></table>"
    )
    assert answers(section) == ["24", "24", "8"]


def test_a_latex_tabular_with_a_title_row_and_a_merged_row_reads_as_a_table():
    section = (
        "\\[\n\\begin{tabular}{|l|r|}\n\\hline\n\\multicolumn{2}{|c|}{\\textbf{Final}} \\\\\n"
        "\\hline\n1 & 24 \\\\\n2 & 9 \\\\\n3 & 8 \\\\\n\\hline\n\\end{tabular}\n\\]"
    )
    assert answers(section) == ["24", "9", "8"]


def test_latex_multirow_repeats_its_value_down():
    rows = "\\begin{array}{cc}\nQ & A \\\\\n1 & \\multirow{2}{*}{5} \\\\\n2 & \\\\\n3 & 7\n"
    table = as_markdown(rows + "\\end{array}").text
    assert table_answers(table, 3) == {1: "5", 2: "5", 3: "7"}


def test_a_merged_row_names_a_range_or_a_list_of_questions():
    table = "| Question | Answer |\n|---|---|\n| 1 – 2 | 30 (same) |\n| Q3 | 11 |\n"
    assert table_answers(table, 3) == {1: "30", 2: "30", 3: "11"}
    table = "| Item | Value |\n|---|---|\n| 1 | 4 |\n| 2 and 3 | 0 |\n| Note | checked |\n"
    assert table_answers(table, 3) == {1: "4", 2: "0", 3: "0"}


def test_a_headerless_table_of_numbered_rows_gives_its_values_in_order():
    assert table_answers("| 1 | 12 |\n| 2 | -3 |\n| 3 | 1/2 |", 3) == {1: "12", 2: "-3", 3: "1/2"}
    assert table_answers("| 2 | 12 |\n| 1 | -3 |", 2) == {}  # not the questions in order


def test_text_without_markup_is_left_as_it_is():
    text = "If x < 5 and y > 2 then x & y are close."
    rewrite = as_markdown(text)
    assert rewrite.text == text and rewrite.as_written(text) == text


def test_latex_lists_and_section_headings_read_as_markdown():
    section = (
        "\\subsection*{Problem 1}\nThree spiders: 3 x 8 = 24 legs, so \\textbf{24}.\n"
        "\\subsection*{Problem 2}\nA tenth of 60 is 6, half again is 3: total 9.\n"
        "\\subsection*{Problem 3}\nFour around the base, four to the top: 8."
    )
    assert answers(section) == ["24", "9", "8"]
    listed = "Results:\n\\begin{enumerate}\n  \\item 24\n  \\item 9\n  \\item 8\n\\end{enumerate}"
    assert answers(listed) == ["24", "9", "8"]
    rewrite = as_markdown(listed)
    assert "1. 24" in rewrite.text and rewrite.as_written("1. 24") == "\\item 24"


def test_a_word_like_section_in_prose_is_no_markup():
    text = "A plane section of a cone is an ellipse; the item count is 4."
    assert as_markdown(text).text == text


def test_an_html_definition_list_reads_as_term_value_lines():
    section = "<dl><dt>Problem 1</dt><dd>24</dd><dt>Problem 2</dt><dd>9</dd>"
    section += "<dt>Problem 3</dt><dd>8</dd></dl>"
    assert answers(section) == ["24", "9", "8"]


def test_a_single_answer_in_html_is_read_as_markdown_and_kept_as_written():
    chain = split_batched_response("ok</think>\n\n<p>So the total is <strong>56</strong>.</p>", 1)[
        0
    ]
    assert (chain.answer, chain.status) == ("56", "ok")
    assert "<strong>56</strong>" in chain.answer_section


def test_values_in_italics_are_no_step_cut_on_a_multiplication():
    section = "1) <i>24</i><br>\n2) <i>9</i><br>\n3) *8*"
    assert answers(section) == ["24", "9", "8"]
    assert answers("1) 24\n2) 9\n3) 2 x 4 = 8 *") == ["24", "9", None]  # cut on its operator


def test_answers_in_answer_tags_read_as_boxes_and_stay_as_written():
    section = "Legs: <answer>24</answer>\nShare: <answer> 9 </answer>\nEdges: <answer>8</answer>"
    text = "Working them out.</think>\n\n" + section
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["24", "9", "8"]
    assert "<answer>24</answer>" in chains[0].answer_section
