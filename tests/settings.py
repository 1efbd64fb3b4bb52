"""Settings for the test run: the production settings, read with a test environment.

Static files come from the finders (no collectstatic) and data (uploads, the secret key) goes to
a temporary directory. Everything else is exactly what production reads.
"""

import os
import tempfile

os.environ.setdefault("HOGOKAN_TESTING", "1")
os.environ.setdefault("HOGOKAN_DATA_DIR", tempfile.mkdtemp(prefix="hogokan-test-"))

from hogokan.settings import *  # noqa: E402,F403
