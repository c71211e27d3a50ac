"""``import gametheory.models`` works from a checkout, not only from an install: the
folder ``gametheory/models`` is a link to the top-level ``models/`` (which setuptools
installs as ``gametheory.models``)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_gametheory_models_is_the_models_folder():
    assert (ROOT / "gametheory" / "models").resolve() == (ROOT / "models").resolve()


def test_import_from_the_checkout_finds_the_checkouts_models(tmp_path):
    # The child drops any editable-install finder (which maps gametheory.models to
    # models/ itself), so the import can only succeed through the checkout's link.
    code = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path "
            "if 'editable' not in repr(f).lower()]; sys.path.insert(0, sys.argv[1]); "
            "import gametheory.models as m; from gametheory.models import ukraine_guarantees; "
            "print(m.__file__)")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout.strip()
    assert Path(out) == ROOT / "gametheory" / "models" / "__init__.py"
