"""Why two texts cannot be the same answer: positive evidence that they differ.

:func:`unrelated` gives a reason or None: the gold's chemical names (with locants) appear nowhere
in an answer naming others, two phrases share no content word, or the numbers they state have
none in common. Used by :mod:`drqa.labeling.answer_kinds` for names and prose that no finer rule
decided; a reason found here makes the pair ``incorrect``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from drqa.labeling.lexicon import SCRIPT_DIGITS
from drqa.labeling.name_classes import formula_counts
from drqa.labeling.names import NOTATIONS, descriptors, parts, stereo_verdict
from drqa.labeling.number_forms import scaled
from drqa.labeling.ratios import ratio_shares
from drqa.labeling.sentence_numbers import spelled_numbers
from drqa.labeling.text_items import canonical_text, content_terms
from drqa.labeling.words import FUNCTION_WORDS as _FUNCTION_WORDS
from drqa.labeling.words import LATEX_NAMES as _LATEX_NAMES
from drqa.labeling.words import words as _words

_VON_BAEYER = re.compile(r"(?:bicyclo|cyclo|spiro)\s*\[\d", re.I)  # bicyclo[2.2.1]: ring systems
_HYDRO_OR_FUSED = re.compile(r"hydro(?!x)|(?<![\w])\d+[a-h]'*(?=[,\-])", re.I)
# "tetrahydro-" (a parent with hydrogens added: tetrahydrophthalic) or fusion locants (3a,7a-):
# a name of another nomenclature than a substitutive name without either, perhaps of one compound
_CLASS_WORD = re.compile(r"\s+(?:anhydride|acid|ester|ketone|lactone|lactam)\.?$", re.I)
_PRINCIPAL_GROUP = re.compile(r"\d[\d,]*(?:\([^()]*\))?-[a-z][a-z ]*$")  # 2,3-dicarboxylic acid
_RANGE_WORDS = re.compile(r"\bbetween\b|\bfrom\b[^.;]*\bto\b|\d\s*(?:–|—|to)\s*\d", re.I)
_EXPLANATION_WORDS = 5  # an answer this long, and twice the gold's words, explains
_CLOSE = Decimal("0.02")  # relative gap under which unequal numbers are "close"
_NO_CHANGE = re.compile(
    r"\b(?:no|not|none|unchanged|unaffected|same|constant|remains?|stays?|un[a-z]+ed)\b", re.I
)  # a claim that nothing changes, said in words the two sides need not share
_NAME_CHAR = r"(?:[^\s,;]|,(?=\d))"  # a comma before a digit is a locant list's (5,6-di...)
_LOCANT_NAME = re.compile(
    rf"(?:\([\dRSEZ, ]+\)-)?(?:{_NAME_CHAR}*\d[,\d']*-[A-Za-z]{_NAME_CHAR}*"
    rf"|{_NAME_CHAR}*[A-Za-z]-\d{_NAME_CHAR}*)"
)  # a name with locants, its stereodescriptors ((1R,2R)-) with it
_STANDALONE_NUMBER = re.compile(
    r"(?<![\w.,^_{}/\\\-])(?:(?<=[\s=(:])-)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?![\w^_}/\-]|[.,]\d)"
)
_FORMULA_WORD = re.compile(r"[A-Za-z()][A-Za-z0-9₀-₉()=\[\]]*")
_FORMULA_TOKEN = re.compile(
    r"(?=.*(?:[A-Z].*[A-Z]|[A-Z][a-z]?[\d₀-₉]))(?:[A-Z][a-z]?|[\d₀-₉()=\[\]])+"
)


def _tails(names) -> set[str]:
    """The principal groups names end on, with their locants (``2,3-dicarboxylic anhydride``)."""
    return {tail.group() for name in names if (tail := _PRINCIPAL_GROUP.search(name.lower()))}


def _stereo_incorrect(gold: str, answer: str) -> bool:
    return (stereo_verdict(gold, answer) or ("",))[0] == "incorrect"


def unrelated(gold: str, answer: str) -> str | None:
    """Why two texts cannot be the same answer, or None: the gold's chemical names (with
    locants, ``4-methylhexan-2-one``) appear nowhere in an answer naming others, or two
    phrases share no content word at all."""
    gold_names = {name: canonical_text(name) for name in _LOCANT_NAME.findall(gold)}
    answer_names = {canonical_text(name) for name in _LOCANT_NAME.findall(answer)}
    if gold_names and answer_names and not set(gold_names.values()) & answer_names:
        found = [(name, skeleton_in(name, _LOCANT_NAME.findall(answer))) for name in gold_names]
        rings = bool(_VON_BAEYER.search(gold)) != bool(_VON_BAEYER.search(answer))  # other notation
        rings = rings and bool(_tails(gold_names) & _tails(_LOCANT_NAME.findall(answer)))
        other = bool(_HYDRO_OR_FUSED.search(gold)) != bool(_HYDRO_OR_FUSED.search(answer))
        other = other and _bare_name(gold) and _bare_name(answer)
        if not any(answer_name for _, answer_name in found) and not rings:
            # names of two nomenclatures share no word either: nothing here proves them apart
            return None if other else "none of the gold's names in the answer"
        if any(a and (word_stereo_apart(g, a) or _stereo_incorrect(g, a)) for g, a in found):
            return "different stereodescriptors of one notation"  # endo against exo
    gold_words, answer_words = len(_words(gold)), len(_words(answer))
    # a long explanation may say a short gold in other words ("neutralised H+" for "increased
    # pH"): sharing no word with it proves nothing
    explains = answer_words >= _EXPLANATION_WORDS and answer_words >= 2 * gold_words
    wordy = gold_words >= 2 and answer_words >= 2 and not explains
    formulas = _in_formulas(gold) != _in_formulas(answer)  # PhCOOH against benzoic acid
    formulas |= _short_with_formula(gold, answer) or _short_with_formula(answer, gold)
    terms = content_terms(gold), content_terms(answer)
    no_change = all(map(_NO_CHANGE.search, (gold, answer)))  # "no change" / "it is unaffected"
    if wordy and not formulas and all(terms) and not terms[0] & terms[1] and not no_change:
        return "no content word in common"  # II and IV: no content word to compare
    gold_values, answer_values = _standalone_numbers(gold), _standalone_numbers(answer)
    if scaled(gold) or scaled(answer) or _RANGE_WORDS.search(gold):  # 5 x 10^-7 m, 'between'
        return None  # numbers apart prove nothing: another scale, or a range holding the answer
    if any(_close(share, a) for share in ratio_shares(gold) for a in answer_values):
        return None  # 3:1 stated as 75% and 25%: shares are for a reader to weigh
    if (
        gold_values
        and answer_values
        and not any(_close(g, a) for g in gold_values for a in answer_values)
    ):
        return "no number in common"
    if len(gold_values) == len(answer_values) >= 2 and not all(  # 2 and 3 peaks vs 2 and 4
        _close(g, a) for g, a in zip(sorted(gold_values), sorted(answer_values), strict=True)
    ):
        return "as many numbers, not the same ones"
    return None


def skeleton_in(name: str, names: list[str]) -> str | None:
    """The name of ``names`` on ``name``'s skeleton (stereodescriptors aside): the same parts,
    or the same letters where one states more locants (numbered from elsewhere?), else None."""
    letters, digits = parts(descriptors(name)[0])
    for other in names:
        other_letters, other_digits = parts(descriptors(other)[0])
        if other_letters == letters and (
            other_digits == digits or len(other_digits) != len(digits)
        ):
            return other
    return None


def _bare_name(text: str) -> bool:
    """``text`` is one chemical name with locants and nothing else, a class word aside
    (``cis-1,2,3,6-tetrahydrophthalic anhydride``): no prose, no list, no aside."""
    return bool(_LOCANT_NAME.fullmatch(_CLASS_WORD.sub("", text.strip()).rstrip(".")))


def word_stereo_apart(gold: str, answer: str) -> bool:
    """Each name states one descriptor of a word notation (endo/exo, cis/trans, syn/anti), and
    not the same one: ``endo-...`` against ``exo-...`` whatever else either states."""
    words = [[d for d in descriptors(side)[1] if len(d) > 1] for side in (gold, answer)]
    for notation in NOTATIONS[2:]:
        mine, theirs = ([d for d in side if d in notation] for side in words)
        if len(mine) == len(theirs) == 1 and mine != theirs:
            return True
    return False


def _short_with_formula(text: str, other: str) -> bool:
    """``text`` is a formula with a word or two (``CO2 gas``) and ``other`` names no formula."""
    has = [any(map(formula_counts, side.split())) for side in (text, other)]
    return has[0] and not has[1] and len(text.split()) <= 3


def _in_formulas(text: str) -> bool:
    """Every word of ``text`` a chemical formula (``PhCOOH + CH3OH``, ``(CH₃)₂C=CHCH₂Br``): it
    shares no word with the same substances named, and proves nothing by that."""
    words = [w for w in _FORMULA_WORD.findall(text) if w.lower() not in _FUNCTION_WORDS]
    return bool(words) and all(_FORMULA_TOKEN.fullmatch(w) for w in words)


def _standalone_numbers(text: str) -> list[Decimal]:
    """Numbers standing on their own (not locants like ``4-methyl``, not in ``1H``, ``x^2``,
    ``T_1``, ``\\frac{1}{2}`` or ``λ2``): the values a sentence states."""
    text = _LATEX_NAMES.sub(" ", text.translate(SCRIPT_DIGITS))
    values = spelled_numbers(text)  # "two peaks" states 2 as "2 peaks" does
    for match in _STANDALONE_NUMBER.finditer(text):
        try:
            values.append(Decimal(match.group().replace(",", "")))
        except InvalidOperation:
            continue
    return values


def _close(a: Decimal, b: Decimal) -> bool:
    scale = max(abs(a), abs(b))
    return a == b or (scale > 0 and abs(a - b) / scale <= _CLOSE)
