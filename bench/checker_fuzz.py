"""docs/RELIABILITY.md, S10 at full size: about 10,000 random domain strings, JSON bodies and query strings against the
checker's form and API, counting HTTP 500s (must be 0).

    DATABASE_URL=postgres://... TEST_SLOT=N .venv/bin/python bench/checker_fuzz.py [examples per test, default 3400]
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    per_test = sys.argv[1] if len(sys.argv) > 1 else "3400"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/checker/portal/test_fuzz.py"],
        cwd=ROOT,
        env=dict(os.environ, CHECKER_FUZZ_EXAMPLES=per_test),
    )
    print(
        f"{3 * int(per_test)} examples in {time.monotonic() - started:.0f} s: "
        f"{'0 HTTP 500s' if result.returncode == 0 else 'FAILED (see above)'}"
    )
    sys.exit(result.returncode)
