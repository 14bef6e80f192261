"""Word-level differences between two drafts, as segments that a template marks up.

Nothing here builds HTML: a segment is (op, text) with op "equal", "delete" or "insert",
and the template wraps "delete" in <del> and "insert" in <ins>, escaping the text as usual.
Words are compared without their spacing, so a changed line break is not a change of wording;
each side keeps its own spacing so that line breaks show where the author put them.
"""

import re
from difflib import SequenceMatcher

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

_WORD = re.compile(r"\S+\s*")


def _words(text: str) -> list[str]:
    """Each word with the spacing that follows it; leading spacing of the text is dropped."""
    return _WORD.findall(text or "")


def _append(segments: list, op: str, text: str) -> None:
    """Add a segment, keeping a marked run's trailing spacing outside the mark."""
    if not text:
        return
    if op != EQUAL:
        body = text.rstrip()
        tail = text[len(body) :]
        _merge(segments, op, body)
        _merge(segments, EQUAL, tail)
    else:
        _merge(segments, EQUAL, text)


def _merge(segments: list, op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))


def _opcodes(old_words: list[str], new_words: list[str]):
    matcher = SequenceMatcher(
        None, [w.strip() for w in old_words], [w.strip() for w in new_words], autojunk=False
    )
    return matcher.get_opcodes()


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """One text in reading order: words only in `old` as "delete", only in `new` as "insert"."""
    a, b = _words(old), _words(new)
    segments: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            _append(segments, EQUAL, "".join(b[j1:j2]))
            continue
        _append(segments, DELETE, "".join(a[i1:i2]))
        _append(segments, INSERT, "".join(b[j1:j2]))
    return segments


def side_by_side(old: str, new: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """`old` with its removed words as "delete", and `new` with its added words as "insert"."""
    a, b = _words(old), _words(new)
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            _append(left, EQUAL, "".join(a[i1:i2]))
            _append(right, EQUAL, "".join(b[j1:j2]))
            continue
        _append(left, DELETE, "".join(a[i1:i2]))
        _append(right, INSERT, "".join(b[j1:j2]))
    return left, right


def changed_words(segments: list[tuple[str, str]]) -> int:
    """How many words the marked segments hold."""
    return sum(len(text.split()) for op, text in segments if op != EQUAL)
