"""Which rule decided a verdict: a short reason code from its status and detail.

Every verdict of the verifier carries a detail written by the rule that decided it
(:mod:`drqa.labeling.answer_kinds`, :mod:`drqa.labeling.quantities`,
:mod:`drqa.labeling.closed_forms`, :mod:`drqa.labeling.judge`). :func:`reason_code` maps it to
one code per rule family, so a benchmark can count, per rule, how many pairs it decides and how
often it agrees with human judges (``benchmarks/answer_matching.py`` prints that table).
"""

from __future__ import annotations

# (code, details that open with one of these prefixes), first match wins: prefixed details
# (a closed form's numeric value, a sentence's only number) before the bare details they wrap.
REASONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("closed-form", ("numeric value:",)),
    ("sentence-number", ("the sentence's only number", "the value the answer gives",
                         "the value the answer concludes on")),
    ("qualified", ("the gold's quantity",)),
    ("ordering", ("the same steps",
                  "the gold's order as", "the gold's items in another",
                  "the same ranking", "the same relation",
                  "another relation between")),
    ("approximation", ("the value the answer rounds to", "the value the answer ends on")),
    ("hedged", ("the answer hedges", "the answer adds a claim", "several option letters")),
    ("aside", ("an aside after",)),
    ("abbreviation", ("the abbreviation the gold gives", "the name the gold gives with")),
    ("configuration", ("the same electron configuration", "different electron configurations",
                       "electron configurations on")),
    ("ratio", ("the same ratio", "a different ratio", "ratios of different", "a ratio against",
               "the gold's ratio")),
    ("same-text", ("same text", "text")),
    ("names-equivalent", ("equivalent names",)),
    ("names-formula", ("different molecular formulas", "one molecular formula")),
    ("names-stereo", ("different stereodescriptors", "the same skeleton but")),
    ("names-systematic", ("different systematic names", "a systematic name against",
                          "the same name in another form",
                          "the same parts")),
    ("point-group", ("the same point group", "different point groups",
                     "the point group the sentence", "another point group named")),
    ("shape", ("the same molecular shape", "different molecular shapes")),
    ("multiplicity", ("the same multiplicity", "different values of one kind (multiplicities")),
    ("names-plain", ("different names", "the same name but", "a formula or an acronym",
                     "one name within", "different values of one kind", "different plain names",
                     "different formulas", "the same value of one kind",
                     "formulas apart in letter case")),
    ("names-unrelated", ("none of the gold's names",)),
    ("no-common-word", ("no content word in common",)),
    ("no-common-number", ("no number in common", "as many numbers")),
    ("labelled", ("every labelled value", "a labelled value differs", "labelled values",
                  "several labelled values")),
    ("choice", ("choice", "an option letter", "several option letters")),
    ("angle", ("degrees against radians", "the angle in degrees")),
    ("units", ("different units", "a bare number, perhaps", "a percent sign", "a bare gold against",
               "numbers in units the rules",
               "units of different kinds", "percent against")),
    ("number-range", ("the answer gives a range", "the gold is outside the answer's range")),
    ("number-precision", ("within the gold's precision", "within a one-digit",
                          "within a precise gold", "the gold rounds to the answer")),
    ("number-close", ("close but unequal",)),
    ("number-equal", ("same number", "decimal", "integer")),
    ("number-apart", ("different numbers", "opposite signs", "different integers")),
    ("structure", ("every element", "every item", "element ", "item ", "different brackets",
                   "different shapes", "different number of elements", "the same items",
                   "items of the gold missing",
                   "elements the rules", "the same set", "both signs of")),
    ("shapes", ("values of different shapes", "math-verify reads the answer only")),
    ("math-verify", ("math-verify", "same expression", "correct only if \\log",
                     "a quantity with its unit against", "expressions in different symbols",
                     "different values at sampled", "equal at sampled", "close values at sampled",
                     "equal at integer points")),
    ("prose", ("prose",)),
    ("kind-mismatch", ("a name against a value",)),
)  # fmt: skip
_BY_STATUS = {"no_answer": "no-answer", "gold_unparseable": "gold-unparseable",
              "timeout": "timeout", "error": "error"}  # fmt: skip


def reason_code(status: str, detail: str) -> str:
    """The rule family that gave ``status`` with ``detail`` (``"other"`` when none matches)."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    for code, prefixes in REASONS:
        if detail.startswith(prefixes):
            return code
    return "other"
