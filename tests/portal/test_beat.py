"""Beat keeps its schedule in a folder it makes itself, or refuses in one plain sentence.

(That beat starts in a fresh clone with no var/, with the dev and the production settings, is
shown by tests/newcomer/test_production_layout.py.)
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_beat(schedule: Path):
    return subprocess.run(
        [sys.executable, "-m", "celery", "-A", "portal", "beat", "--loglevel", "WARNING", "-s", str(schedule)],
        cwd=ROOT,
        env=dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test"),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_beat_refuses_an_unusable_schedule_folder_in_one_sentence(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = start_beat(blocker / "var" / "celerybeat-schedule")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        f"beat cannot keep its schedule in {blocker / 'var'} (Not a directory): "
        "set PORTAL_VAR_DIR to a writable folder, or give beat -s FILE."
    ) in output
    assert "Traceback" not in output
