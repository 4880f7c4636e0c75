"""How a thinking sentence turns to a question in words (read by :mod:`.revisits`): a check
cue, a comparison that turns nowhere, a topic named after a cue or as a short label, and the
bare number a response labels its questions with."""

from __future__ import annotations

import re

from drqa.labeling import lexicon as lx

CUE = re.compile(lx.alternation(lx.CHECK_CUES))
COMPARISON = re.compile(rf"(?<![\w])(?:{lx.alternation(lx.COMPARISON_CUES)})(?![\w])")
_WORDS = r"(?P<topic>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,2}?)"  # one to three
_TAIL = r"(?:one|problem|question|part|answer|count|again|once)"
OBJECT = re.compile(  # "double check the shirt one", "make sure about the donuts."
    rf"(?:{CUE.pattern})[ \t]+(?:(?:about|on|with|at|to|over)[ \t]+)?"
    rf"(?:(?:the|that|this|my)[ \t]+)?{_WORDS}"
    rf"(?:[ \t]+{_TAIL}(?![\w])|[ \t]*(?=[.,:;?!]|$)|[ \t]+(?=(?:of|in|for)[ \t]))"
)
TOPIC_LABEL = re.compile(  # "And the train:", "Re the area problem:"
    rf"[ \t*_>#-]*(?:(?:{lx.alternation(lx.LEAD_INS)})[ \t,]+)*"
    rf"(?:re:?|regarding|as for|about)?[ \t]*the[ \t]+{_WORDS}(?:[ \t]+{_TAIL})?[ \t]*[:：]"
)
NICKNAME = re.compile(  # "Now for the marble one, ...", "thinking about the train problem again"
    rf"(?:^|[ \t,])(?:for|about|on|to|with)[ \t]+the[ \t]+{_WORDS}"  # "And for the cone, ..."
    rf"(?:[ \t]+(?:one|problem|question))?(?:[ \t]*[,:：—–]|[ \t]+(?:again|once))"
)
NUMBER = re.compile(r"[\d.]+")
CUE_NUMBER = re.compile(  # "double check 3:", "recheck #2,": the number a response labels with
    rf"(?:{CUE.pattern})[^\W\d_]*[ \t]+(?:(?:on|of|at)[ \t]+)?#?(?P<k>\d{{1,2}})"
    rf"(?=[ \t]*[:,;)]|[ \t]+(?:again|once)|[ \t]*$|(?P<stop>\.(?!\d)))"
)
