"""The one restricted parser for strings that become numbers or expressions.

Every string that a file, the command line or a user turns into a payoff, a probability
or a parameter value is read here: JSON payloads, ``--set q=...``, ``game.substitute(q=
"...")``, parameter defaults and domain bounds, string entries of ``from_arrays``, the
CLI's ranges. The grammar (recursive descent over a tokenizer)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | power
    power      := atom ["**" unary]          # right-associative; -2**2 is -4, as in Python
    atom       := NUMBER | NAME | FUNCTION "(" expression ("," expression)* ")"
                | "(" expression ")"

* ``NUMBER``: ``12``, ``0.1``, ``.5``, ``1e-3``, ``2.5E+4``, all read exactly
  (``"0.1"`` is 1/10); ``3/5`` is the division of two integers, so also exact.
* ``NAME``: a declared parameter (the caller passes the allowed names). There are no
  constants: ``exp(1)`` is e.
* ``FUNCTION``: ``sqrt``, ``exp``, ``log`` (one argument) and ``min``, ``max`` (also
  spelled ``Min``, ``Max`` as sympy prints them).

Nothing else: no attribute access, subscripts, keywords, strings, other calls, implicit
multiplication (``2q``) or ``^`` (write ``**``). The result is built directly from sympy
objects (``Integer``, ``Rational``, ``Symbol(real=True)``, ``Add``, ``Mul``, ``Pow``,
...), never through a string, and must be a finite real number or expression.

Why not ``sympy.sympify``/``parse_expr``: they ``eval`` the string, so
``"__import__('os').system(...)"`` runs; even with restricted dictionaries and
transformations, ``eval`` of attacker text is one sandbox escape away from code
execution, and ``9**9**9`` hangs inside sympy with no way to bound it. A grammar this
small is easier to audit than a sandbox, and every bound is checked before sympy
computes anything large.

Bounds (each an error, raised before any large computation): at most
:data:`MAX_LENGTH` characters and :data:`MAX_DEPTH` levels of nesting; numbers of at
most :data:`MAX_DIGITS` digits (numerator and denominator); exponents must be rational
numbers (``q**2``, ``2**-3``, ``2**(1/3)``) with numerator and denominator at most
:data:`MAX_EXPONENT` in size, and a power of a number may not exceed
:data:`MAX_DIGITS` digits; roots are taken only of numbers of at most
:data:`MAX_ROOT_DIGITS` digits (sympy factors them); ``exp`` of a number needs its
argument at most :data:`MAX_EXP_ARGUMENT` in size. So ``9**9**9`` and
``10**10**10`` fail at once, while ``sqrt(2)``, ``q**2`` and ``2**-3`` work.

Errors are :class:`~gametheory.errors.ParseError` (a :class:`~gametheory.errors.GameError`),
one line: what the caller is reading (``where``), the text, what is wrong and at which
character (also in the error's ``column`` attribute).

Examples
--------
>>> from gametheory.games.expr import parse_expression, parse_number
>>> parse_number("0.1"), parse_number("3/5"), parse_number("2**-3"), parse_number("1e-3")
(Fraction(1, 10), Fraction(3, 5), Fraction(1, 8), Fraction(1, 1000))
>>> parse_expression("1 - q**2/2", names=["q"])
1 - q**2/2
>>> parse_number("sqrt(8)")
2*sqrt(2)
>>> parse_expression("__import__('os')")
Traceback (most recent call last):
...
gametheory.errors.ParseError: cannot read "__import__('os')": '__import__' is not a function ...
>>> parse_number("9**9**9")
Traceback (most recent call last):
...
gametheory.errors.ParseError: cannot read '9**9**9': the exponent 387420489 is too large ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from ..errors import ParseError

__all__ = ["parse_expression", "parse_number", "is_name", "MAX_LENGTH", "MAX_DEPTH",
           "MAX_DIGITS", "MAX_EXPONENT", "MAX_ROOT_DIGITS", "MAX_EXP_ARGUMENT", "FUNCTIONS"]

MAX_LENGTH = 1000
MAX_DEPTH = 64
MAX_DIGITS = 4000          # below Python's 4300-digit int <-> str limit
MAX_EXPONENT = 1000
MAX_ROOT_DIGITS = 300      # sympy's root extraction factors the radicand
MAX_EXP_ARGUMENT = 1000    # exp(x) of a number needs |x| <= 1000 (exp(exp(1000)) is no number)
_MAX_BITS = 13287          # 2**13287 < 10**4000
_MAX_ROOT_BITS = 997       # 2**997 < 10**300
FUNCTIONS = ("sqrt", "exp", "log", "min", "max")

_NUMBER = r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_TOKEN = re.compile(rf"""
    (?P<space>\s+)
  | (?P<number>{_NUMBER})
  | (?P<name>[^\W\d]\w*)
  | (?P<op>\*\*|[-+*/(),^])
""", re.VERBOSE)
_NAME = re.compile(r"[^\W\d]\w*\Z")


def is_name(text: Any) -> bool:
    """True when ``text`` can be written as a parameter name in an expression.

    >>> is_name("c_D"), is_name("rho2"), is_name("2q"), is_name("q-1")
    (True, True, False, False)
    """
    return isinstance(text, str) and _NAME.match(text) is not None


def parse_expression(text: str, names: Iterable[Any] = (), where: str = "") -> Any:
    """Read ``text`` as a sympy expression in the declared parameters ``names``.

    Parameters
    ----------
    text : str
        The expression (grammar and bounds in the module docstring).
    names : iterable of str or sympy.Symbol
        The parameters the text may use; a string becomes ``Symbol(name, real=True)``.
        Any other name is an error that lists these.
    where : str
        What is being read (e.g. ``"payoff of Player 1 at (C, D)"``), the start of
        every error message.

    Returns
    -------
    sympy.Expr
        Exact: ``"0.1"`` gives ``Rational(1, 10)``.

    Raises
    ------
    ParseError
        Naming ``where``, the text, what is wrong and at which character; for a name
        that is not among ``names``, with that name as ``unknown_name``.

    References
    ----------
    Aho, A. V., Lam, M. S., Sethi, R. & Ullman, J. D. (2006). *Compilers: Principles,
    Techniques, and Tools*, 2nd ed., section 4.4 (recursive-descent parsing).

    Examples
    --------
    >>> parse_expression("-2**2"), parse_expression("2**3**2"), parse_expression("(1+2)*3")
    (-4, 512, 9)
    >>> parse_expression("max(q, 1 - q)", names=["q"])
    Max(q, 1 - q)
    >>> parse_expression("tyop + 1", names=["q", "r"], where="payoff")
    Traceback (most recent call last):
    ...
    gametheory.errors.ParseError: payoff: cannot read 'tyop + 1': unknown name 'tyop' at
    character 1; the declared parameters are: q, r
    """
    x = _plain(text)
    if x is not None:
        return _sympy().Rational(x.numerator, x.denominator)
    return _Parser(text, names, where).parse()


def parse_number(text: str, where: str = "", rational: bool = False) -> Any:
    """Read ``text`` as an exact number: a Fraction when rational, else a sympy real
    constant such as ``sqrt(2)`` (an error with ``rational=True``).

    Examples
    --------
    >>> parse_number("-1/3"), parse_number("2.5E+4")
    (Fraction(-1, 3), Fraction(25000, 1))
    >>> parse_number("sqrt(2)", rational=True)
    Traceback (most recent call last):
    ...
    gametheory.errors.ParseError: cannot read 'sqrt(2)': sqrt(2) is not a rational number
    """
    x = _plain(text)
    if x is not None:
        return x
    p = _Parser(text, (), where)
    x = p.parse()
    if x.is_Rational:
        return Fraction(int(x.p), int(x.q))
    if rational:
        raise p.error(f"{x} is not a rational number")
    return x


def _sympy():
    import sympy

    return sympy


class _Parser:
    def __init__(self, text: Any, names: Iterable[Any], where: str):
        self.where = f"{where}: " if where else ""
        if not isinstance(text, str):
            raise ParseError(f"{self.where}expected a string; got {type(text).__name__}")
        self.text = text
        if len(text) > MAX_LENGTH:
            raise self.error(f"the text is longer than {MAX_LENGTH} characters "
                             f"({len(text)})")
        sp = _sympy()
        self.symbols = {}
        for n in names:
            sym = sp.Symbol(n, real=True) if isinstance(n, str) else n
            self.symbols[sym.name] = sym
        self.tokens = self._tokenize()
        self.k = 0
        self.depth = 0

    # ------------------------------------------------------------- errors
    def error(self, message: str, pos: int | None = None, tail: str = "",
              unknown_name: str | None = None) -> ParseError:
        """One-line ParseError: where, the text, the message, the character, ``tail``."""
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        at = "" if pos is None else f" at character {pos + 1}"
        return ParseError(f"{self.where}cannot read {shown!r}: {message}{at}{tail}",
                          column=None if pos is None else pos + 1, unknown_name=unknown_name)

    def _describe(self, tok: tuple[str, str, int]) -> str:
        return "the end" if tok[0] == "end" else repr(tok[1])

    # ------------------------------------------------------------- tokens
    def _tokenize(self) -> list[tuple[str, str, int]]:
        out, k, text = [], 0, self.text
        while k < len(text):
            m = _TOKEN.match(text, k)
            if m is None or m.group() == "^":       # an error once the parser gets here
                out.append(("bad", text[k], k))
                return out
            if m.lastgroup != "space":
                out.append((m.lastgroup, m.group(), k))
            k = m.end()
        out.append(("end", "", len(text)))
        return out

    def peek(self) -> tuple[str, str, int]:
        tok = self.tokens[self.k]
        if tok[0] == "bad":
            if tok[1] == "^":
                raise self.error("'^' is not an operator; write ** for a power", tok[2])
            raise self.error(f"unexpected character {tok[1]!r}", tok[2])
        return tok

    def next(self) -> tuple[str, str, int]:
        tok = self.peek()
        self.k += tok[0] != "end"
        return tok

    def accept(self, op: str) -> bool:
        if self.peek()[:2] == ("op", op):
            self.k += 1
            return True
        return False

    def expect(self, op: str, what: str) -> None:
        if not self.accept(op):
            tok = self.peek()
            raise self.error(f"expected {what}, found {self._describe(tok)}", tok[2])

    def deeper(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} levels deep", pos)

    # ------------------------------------------------------------- grammar
    def parse(self) -> Any:
        sp = _sympy()
        if self.peek()[0] == "end":
            raise self.error("it is empty; expected a number or an expression")
        try:
            x = self.expression()
        except ParseError:
            raise
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise self.error(f"cannot compute it ({exc})") from None
        tok = self.peek()
        if tok[0] != "end":
            after_number = self.k and self.tokens[self.k - 1][0] == "number"
            hint = "" if tok[0] != "name" or not after_number else \
                " (write numbers without _)" if tok[1].startswith("_") else \
                " (write 2*q, not 2q)"
            raise self.error(f"expected an operator (+ - * / **) or the end, found "
                             f"{self._describe(tok)}{hint}", tok[2])
        if x.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise self.error("it is not finite")
        if x.has(sp.I) or x.is_real is False:
            raise self.error(f"{x} is not a real number")
        _check_size(self, x)
        return x

    def expression(self) -> Any:
        terms = [self.term()]
        while self.peek()[:2] in (("op", "+"), ("op", "-")):
            sign = self.next()[1]
            t = self.term()
            terms.append(t if sign == "+" else -t)
        return terms[0] if len(terms) == 1 else _sympy().Add(*terms)

    def term(self) -> Any:
        factors = [self.unary()]
        while self.peek()[:2] in (("op", "*"), ("op", "/")):
            op, pos = self.next()[1], self.peek()[2]
            f = self.unary()
            if op == "/":
                if f.is_zero:
                    raise self.error("division by zero", pos)
                f = _sympy().Pow(f, -1)
            factors.append(f)
        return factors[0] if len(factors) == 1 else _sympy().Mul(*factors)

    def unary(self) -> Any:
        tok = self.peek()
        if tok[:2] in (("op", "+"), ("op", "-")):
            self.next()
            self.deeper(tok[2])
            x = self.unary()
            self.depth -= 1
            return -x if tok[1] == "-" else x
        return self.power()

    def power(self) -> Any:
        base = self.atom()
        tok = self.peek()
        if not self.accept("**"):
            return base
        self.deeper(tok[2])
        exponent = self.unary()
        self.depth -= 1
        return self.pow(base, exponent, tok[2])

    def pow(self, base: Any, exponent: Any, pos: int) -> Any:
        sp = _sympy()
        if not exponent.is_Rational:
            raise self.error(f"the exponent {exponent} is not a rational number (write "
                             "e.g. q**2, 2**-3 or 2**(1/2))", pos)
        p, q = abs(int(exponent.p)), int(exponent.q)
        if p > MAX_EXPONENT or q > MAX_EXPONENT:
            raise self.error(f"the exponent {exponent} is too large (at most "
                             f"{MAX_EXPONENT} in size)", pos)
        if base.is_zero and exponent < 0:
            raise self.error("division by zero (0 to a negative power)", pos)
        bits = _max_bits(base)
        if bits * p > _MAX_BITS:
            raise self.error(f"the power would have more than {MAX_DIGITS} digits", pos)
        if q > 1 and bits > _MAX_ROOT_BITS:
            raise self.error(f"roots of numbers of more than {MAX_ROOT_DIGITS} digits are "
                             "not supported", pos)
        if q > 1 and base.is_negative:
            raise self.error(f"a root of the negative number {base} is not real (sympy "
                             "takes the principal, complex root)", pos)
        return sp.Pow(base, exponent)

    def atom(self) -> Any:
        tok = self.next()
        kind, text, pos = tok
        if kind == "number":
            return self.number(text, pos)
        if kind == "name":
            if self.peek()[:2] == ("op", "("):
                return self.call(text, pos)
            if text in self.symbols:
                return self.symbols[text]
            known = ", ".join(self.symbols)
            allowed = f"the declared parameters are: {known}" if known else \
                "no names are allowed here (numbers only)"
            raise self.error(f"unknown name {text!r}", pos, f"; {allowed}", unknown_name=text)
        if (kind, text) == ("op", "("):
            self.deeper(pos)
            x = self.expression()
            self.expect(")", "')' closing the '(' at character " + str(pos + 1))
            self.depth -= 1
            return x
        raise self.error(f"expected a number, a name or '(', found {self._describe(tok)}",
                         pos)

    def number(self, text: str, pos: int) -> Any:
        x = _literal(text)
        if x is None:
            raise self.error(f"the number {text[:20]} has more than {MAX_DIGITS} digits", pos)
        return _sympy().Rational(x.numerator, x.denominator)

    def call(self, name: str, pos: int) -> Any:
        sp = _sympy()
        fn = name.lower() if name in ("Min", "Max") else name
        if fn not in FUNCTIONS:
            raise self.error(f"{name!r} is not a function", pos,
                             f"; the functions are {', '.join(FUNCTIONS)}")
        self.next()                                  # the "("
        self.deeper(pos)
        args = [self.expression()]
        while self.accept(","):
            args.append(self.expression())
        self.expect(")", f"',' or ')' closing {name}(")
        self.depth -= 1
        if fn in ("min", "max"):
            return (sp.Min if fn == "min" else sp.Max)(*args)
        if len(args) != 1:
            raise self.error(f"{name} takes one argument; got {len(args)}", pos)
        x = args[0]
        if fn == "sqrt":
            return self.pow(x, sp.Rational(1, 2), pos)
        if fn == "log" and (x.is_zero or x.is_negative):
            raise self.error(f"log of {x}, which is not positive", pos)
        if fn == "exp":
            _check_exp(self, x, pos)
            return sp.exp(x)
        return sp.log(x)


# the common case, read without sympy: [sign] number [/ whole number]
_PLAIN = re.compile(rf"\s*([+-]?)({_NUMBER})(?:\s*/\s*([0-9]+))?\s*\Z")


def _literal(text: str) -> Fraction | None:
    """The exact value of a number token; None beyond MAX_DIGITS digits (numerator or
    denominator), checked before any large integer is built."""
    mantissa, _, exp = text.lower().partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0") or "0"
    if len(exp.lstrip("+-")) > 6:
        return None
    shift = int(exp or 0) - len(frac)
    if digits != "0" and (len(digits) + max(shift, 0) > MAX_DIGITS or -shift >= MAX_DIGITS):
        return None
    return Fraction(int(digits) * 10**max(shift, 0), 10**max(-shift, 0))


def _plain(text: Any) -> Fraction | None:
    """``"-3"``, ``"0.25"``, ``"1e-3"``, ``"2/3"`` as a Fraction without building sympy
    objects; None for anything else (which the full parser then reads or rejects)."""
    m = _PLAIN.match(text) if isinstance(text, str) and len(text) <= MAX_LENGTH else None
    if m is None:
        return None
    x = _literal(m[2])
    den = _literal(m[3]) if m[3] else Fraction(1)
    if x is None or not den:
        return None
    return -x / den if m[1] == "-" else x / den


def _max_bits(x: Any) -> int:
    """The bit length of the largest numerator or denominator among the numbers in x."""
    return max((max(int(r.p).bit_length(), int(r.q).bit_length())
                for r in x.atoms(_sympy().Rational)), default=0)


def _check_size(parser: _Parser, x: Any) -> None:
    """Errors for numbers beyond MAX_DIGITS digits and powers beyond MAX_EXPONENT in x
    (e.g. ``q**1000 * q**1000`` is ``q**2000``)."""
    sp = _sympy()
    if _max_bits(x) > _MAX_BITS:
        raise parser.error(f"it has a number of more than {MAX_DIGITS} digits")
    for pw in x.atoms(sp.Pow):
        e = pw.exp
        if e.is_Rational and max(abs(int(e.p)), int(e.q)) > MAX_EXPONENT:
            raise parser.error(f"the exponent {e} is too large (at most {MAX_EXPONENT} in "
                               "size)")
    for e in x.atoms(sp.exp):        # exp(1000)**1000 is exp(1000000)
        _check_exp(parser, e.args[0], None)


def _check_exp(parser: _Parser, x: Any, pos: int | None) -> None:
    """An error for exp of a number beyond MAX_EXP_ARGUMENT in size."""
    if not x.free_symbols and abs(x.evalf(15)) > MAX_EXP_ARGUMENT:
        raise parser.error(f"exp of a number beyond {MAX_EXP_ARGUMENT} in size", pos)
