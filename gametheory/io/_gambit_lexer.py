"""Tokens of Gambit's text formats (.nfg and .efg) and a stream that parsers read them from.

The lexer is shared by the .nfg parser and (later) the .efg parser: it knows the token
kinds of both formats (numbers, quoted labels, bare symbols such as ``NFG``, ``R``, ``p``,
``c`` and ``t``, braces and commas) and nothing of their grammar. Every error is a
:class:`~gametheory.errors.ParseError` with the line and column of the offending token.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from fractions import Fraction

from ..errors import ParseError

__all__ = ["Token", "TokenStream", "tokenize", "quote"]

_NUMBER = re.compile(r"[+-]?(?:\d+(?:/\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\Z",
                     re.ASCII)
_DELIMITERS = frozenset('{},"')
_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{},])|([^\s{},"]+)|(")|\Z)', re.DOTALL)
_ESCAPE = re.compile(r'\\(["\\])')
_MAX_EXPONENT = 1000      # exact decimals with larger exponents would build huge integers
_MAX_DIGITS = 4000        # below Python's int-from-string limit


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is "number", "text", "symbol", "{", "}", "," or "eof"."""

    kind: str
    text: str
    line: int
    column: int

    def describe(self) -> str:
        """How the token reads in an error message."""
        if self.kind == "eof":
            return "end of file"
        if self.kind == "text":
            return f"the label {quote(self.text)}"
        return f'"{self.text}"'


def quote(label: str) -> str:
    """A label in double quotes, escaped so that :func:`tokenize` reads it back.

    A double quote becomes ``\\"``; a backslash is doubled only before a quote, another
    backslash or the end of the label, so ordinary labels are written as Gambit writes them.

    >>> print(quote('say "hi"'))
    "say \\"hi\\""
    """
    out = []
    for k, ch in enumerate(label):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\" and (k + 1 == len(label) or label[k + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class _Position:
    """Line and column (both from 1) of offsets into a text."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def tokenize(text: str) -> list[Token]:
    """Split a Gambit file into tokens; the last token has kind "eof".

    Inside a quoted label ``\\"`` stands for a quote and ``\\\\`` for a backslash;
    any other backslash is kept as it is.

    >>> [t.kind for t in tokenize('NFG 1 R "a \\\\"b\\\\"" { 2 }')]
    ['symbol', 'number', 'symbol', 'text', '{', 'number', '}', 'eof']
    """
    where = _Position(text)
    tokens = []
    k = 0
    while True:
        m = _TOKEN.match(text, k)
        label, delimiter, word, lone_quote = m.groups()
        k = m.end()
        if m.lastindex is None:
            tokens.append(Token("eof", "", *where(len(text))))
            return tokens
        start = m.start(m.lastindex)
        if label is not None:
            tokens.append(Token("text", _ESCAPE.sub(r"\1", label[1:-1]), *where(start)))
        elif delimiter is not None:
            tokens.append(Token(delimiter, delimiter, *where(start)))
        elif word is not None:
            number = word.isascii() and (word.isdigit() or _NUMBER.match(word) is not None)
            tokens.append(Token("number" if number else "symbol", word, *where(start)))
        else:
            raise ParseError("unterminated label: no closing double quote", *where(start))


def _number_value(token: Token, exact_decimals: bool) -> int | Fraction | float:
    text = token.text
    if len(text) > _MAX_DIGITS:
        raise ParseError(f"the number {text[:20]}... has too many digits",
                         token.line, token.column)
    if "/" in text:
        num, den = text.split("/")
        if int(den) == 0:
            raise ParseError(f'the rational "{text}" has denominator zero',
                             token.line, token.column)
        return Fraction(int(num), int(den))
    if "." not in text and "e" not in text.lower():
        return int(text)
    if exact_decimals:
        mantissa, _, exponent = text.lower().partition("e")
        if exponent and abs(int(exponent)) > _MAX_EXPONENT:
            raise ParseError(f'the exponent of "{text}" is too large for an exact number',
                             token.line, token.column)
        return Fraction(text)
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ParseError(f'the number "{text}" is too large for a float',
                         token.line, token.column)
    if value == 0 and any(c in "123456789" for c in text.lower().partition("e")[0]):
        raise ParseError(f'the number "{text}" is too small for a float (it would read as 0)',
                         token.line, token.column)
    return value


class TokenStream:
    """Tokens read one at a time, with ``expect`` helpers that raise ParseError."""

    def __init__(self, text: str):
        self._tokens = tokenize(text)
        self._k = 0

    def peek(self) -> Token:
        """The next token, not consumed."""
        return self._tokens[self._k]

    def next(self) -> Token:
        """Consume and return the next token (the eof token repeats at the end)."""
        tok = self._tokens[self._k]
        if tok.kind != "eof":
            self._k += 1
        return tok

    def error(self, expected: str, token: Token | None = None) -> ParseError:
        """A ParseError at ``token`` (default: the next one) saying what was expected."""
        tok = self.peek() if token is None else token
        return ParseError(f"expected {expected}, found {tok.describe()}", tok.line, tok.column)

    def expect(self, kind: str, expected: str) -> Token:
        """Consume the next token, which must be of ``kind``."""
        if self.peek().kind != kind:
            raise self.error(expected)
        return self.next()

    def accept(self, kind: str) -> bool:
        """Consume the next token if it is of ``kind``; say whether it was."""
        if self.peek().kind == kind:
            self.next()
            return True
        return False

    def number(self, expected: str = "a number",
               exact_decimals: bool = False) -> int | Fraction | float:
        """Consume a number: int, Fraction for ``p/q``, float (or Fraction) for decimals."""
        return _number_value(self.expect("number", expected), exact_decimals)

    def count(self, expected: str) -> int:
        """Consume a positive whole number such as a number of strategies."""
        tok = self.peek()
        value = self.number(expected)
        if not isinstance(value, int) or value <= 0:
            raise self.error(expected, tok)
        return value

    def labels(self, what: str) -> list[Token]:
        """Consume ``{ "label" ... }`` and return its text tokens."""
        self.expect("{", f'"{{" opening the list of {what}')
        out = []
        while self.peek().kind == "text":
            out.append(self.next())
        self.expect("}", f'a quoted label or "}}" closing the list of {what}')
        return out
