"""Test configuration: in CI (CI=true) hypothesis runs derandomized, so a green run here
is a green run there; locally it explores new examples every run."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
