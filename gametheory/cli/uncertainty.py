"""``gametheory uncertainty``: equilibria of a model whose parameters are random.

Each ``--dist NAME=DIST:ARG:...`` gives a parameter a distribution from a fixed table of
:mod:`scipy.stats` distributions (:data:`DISTRIBUTIONS`), its arguments read by the
restricted number parser; the result of :func:`gametheory.uncertainty` is printed as text
or its records as JSON, with ``--sobol QUANTITY`` adding global sensitivity indices.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..errors import GameError
from .loading import add_method_option, json_text

__all__ = ["DISTRIBUTIONS", "add_uncertainty_parser", "cmd_uncertainty", "parse_dist"]

#: With no MODEL: the bundled Ukraine model.
DEFAULT_MODEL = "ukraine_guarantees"

#: The allowed distributions: ``name -> (scipy.stats name, argument names)``, arguments
#: in the order scipy takes them (shape parameters, then loc and scale; a ``scale``
#: without ``loc`` is passed by keyword). No other name reaches scipy.
DISTRIBUTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "uniform": ("uniform", ("loc", "scale")),
    "beta": ("beta", ("a", "b")),
    "norm": ("norm", ("loc", "scale")),
    "truncnorm": ("truncnorm", ("a", "b", "loc", "scale")),
    "triang": ("triang", ("c", "loc", "scale")),
    "lognorm": ("lognorm", ("s", "scale")),
    "gamma": ("gamma", ("a", "scale")),
}
_MAX_N = 2**20


def add_uncertainty_parser(sub: Any, model_args: Callable) -> None:
    """Add the ``uncertainty`` subcommand to the subparsers ``sub``."""
    forms = ", ".join(f"{k}:{':'.join(a)}" for k, (_, a) in DISTRIBUTIONS.items())
    s = sub.add_parser("uncertainty", help="equilibria when parameters are random: "
                                           "probabilities of each structure and outcome",
                       description="With no MODEL: the bundled Ukraine model "
                                   f"({DEFAULT_MODEL}). Distributions: {forms}.")
    model_args(s, None)
    s.add_argument("--dist", action="append", metavar="NAME=DIST:ARG:...",
                   help="give a parameter a distribution (repeatable), e.g. q=beta:2:5, "
                        "r=uniform:0:1 (loc, scale)")
    s.add_argument("--n", type=int, default=1024, metavar="N",
                   help="quasi-random points (default: 1024; a power of 2 is best)")
    s.add_argument("--seed", type=int, default=0, help="seed of the scrambling (default: 0)")
    s.add_argument("--quantity", action="append", metavar="Q",
                   help="a quantity: payoff:PLAYER, prob:WHO:ACTION or outcome:PATH "
                        "(repeatable)")
    s.add_argument("--sobol", metavar="Q", help="Sobol' indices of the quantity Q")
    add_method_option(s)
    s.add_argument("--format", choices=["text", "json"], default="text")


def parse_dist(item: str) -> tuple[str, Any]:
    """``"q=beta:2:5"`` -> ``("q", scipy.stats.beta(2, 5))``; a UsageError otherwise.

    Only the names of :data:`DISTRIBUTIONS` are accepted and the arguments are numbers
    read by :func:`gametheory.games.expr.parse_number` (``1/7``, ``1e-3``).

    Examples
    --------
    >>> name, d = parse_dist("q=beta:2:5")
    >>> name, d.dist.name, d.args
    ('q', 'beta', (2.0, 5.0))
    >>> try:
    ...     parse_dist("q=cauchy:0:1")
    ... except Exception as exc:
    ...     print(str(exc).split(";")[0])
    --dist 'q=cauchy:0:1': unknown distribution 'cauchy'
    """
    from ..games.expr import parse_number
    from .loading import UsageError

    name, eq, spec = item.partition("=")
    name = name.strip()
    if not eq or not name or not spec.strip():
        raise UsageError(f"--dist {item!r}: expected NAME=DIST:ARG:..., e.g. q=beta:2:5")
    kind, *texts = (t.strip() for t in spec.split(":"))
    if kind not in DISTRIBUTIONS:
        raise UsageError(f"--dist {item!r}: unknown distribution {kind!r}; allowed: "
                         f"{', '.join(DISTRIBUTIONS)}")
    scipy_name, arg_names = DISTRIBUTIONS[kind]
    if len(texts) != len(arg_names):
        raise UsageError(f"--dist {item!r}: {kind} takes {len(arg_names)} arguments "
                         f"({kind}:{':'.join(arg_names)}); got {len(texts)}")
    args = []
    for arg, text in zip(arg_names, texts):
        try:
            x = float(parse_number(text, where=f"--dist {item}"))
        except GameError as exc:
            raise UsageError(str(exc)) from None
        except OverflowError:
            x = math.inf
        if not math.isfinite(x):
            raise UsageError(f"--dist {item!r}: {arg} = {text} is not a finite number")
        args.append(x)
    import scipy.stats

    factory = {"uniform": scipy.stats.uniform, "beta": scipy.stats.beta,
               "norm": scipy.stats.norm, "truncnorm": scipy.stats.truncnorm,
               "triang": scipy.stats.triang, "lognorm": scipy.stats.lognorm,
               "gamma": scipy.stats.gamma}[scipy_name]
    if "scale" in arg_names and "loc" not in arg_names:   # lognorm, gamma: loc skipped
        dist = factory(*args[:-1], scale=args[-1])
    else:
        dist = factory(*args)
    if not _valid(dist, arg_names, args):
        raise UsageError(f"--dist {item!r}: invalid arguments for {kind} "
                         f"({', '.join(f'{a}={x:g}' for a, x in zip(arg_names, args))})")
    return name, dist


def _valid(dist: Any, arg_names: tuple[str, ...], args: list[float]) -> bool:
    """Positive scale and a finite median (scipy gives NaN for invalid shape arguments)."""
    import numpy as np

    if any(x <= 0 for a, x in zip(arg_names, args) if a in ("scale", "s")):
        return False
    with np.errstate(all="ignore"):
        return bool(np.isfinite(dist.ppf(0.5)))


def cmd_uncertainty(args: Any) -> int:
    """Run ``gametheory uncertainty``; returns the exit code."""
    from ..games.expr import parse_number
    from ..sensitivity.uncertainty import uncertainty
    from .loading import UsageError, check_known, load_game, parse_sets

    game, name = load_game(args.game or DEFAULT_MODEL)
    free = [p.name for p in game.parameters]
    if not free:
        raise UsageError(f"{name} has no parameters to make uncertain")
    if not args.dist:
        example = "q" if "q" in free else free[0]
        raise UsageError(f"give --dist NAME=DIST:ARG:..., e.g. --dist {example}=uniform:0:1; "
                         f"the parameters of {name} are {', '.join(free)}")
    dists: dict[str, Any] = {}
    for item in args.dist:
        pname, dist = parse_dist(item)
        if pname in dists:
            raise UsageError(f"--dist {pname} given twice")
        check_known([pname], free, name)
        dists[pname] = dist
    sets = parse_sets(args.set)
    both = sorted(set(sets) & set(dists))
    if both:
        raise UsageError(f"{both[0]} has both --dist and --set; drop one")
    check_known(list(sets), free, name)
    try:
        fixed = {k: parse_number(v, where=f"--set {k}={v}") for k, v in sets.items()}
    except GameError as exc:
        raise UsageError(str(exc)) from None
    if not 2 <= args.n <= _MAX_N:
        raise UsageError(f"--n must be from 2 to {_MAX_N}; got {args.n}")
    if args.seed < 0:
        raise UsageError(f"--seed must be a non-negative integer; got {args.seed}")
    quantities = list(args.quantity or [])
    res = uncertainty(game, dists, quantities or None, n=args.n, seed=args.seed,
                      method=args.method, **fixed)
    sobol = res.sobol_indices(args.sobol) if args.sobol else None
    if args.format == "json":
        out: dict[str, Any] = {"model": name, "n": len(res), "seed": args.seed,
                               "records": [_finite(r) for r in res.records()]}
        if sobol is not None:
            out["sobol"] = {"quantity": args.sobol,
                            "indices": {k: {"first_order": _num(f), "total": _num(t)}
                                        for k, (f, t) in sobol.items()}}
        print(json_text(out))
        return 0
    print(res)
    if sobol is not None:
        print(f"  Sobol' indices of {args.sobol} (first order, total):")
        width = max(len(k) for k in sobol)
        for k, (f, t) in sobol.items():
            print(f"    {k:<{width}}  {f:6.3f}  {t:6.3f}")
    return 0


def _num(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _finite(record: dict[str, Any]) -> dict[str, Any]:
    return {k: _num(v) if isinstance(v, float) else v for k, v in record.items()}
