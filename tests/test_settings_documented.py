"""Every setting the code reads from the environment is documented in the README's settings table."""
import re
from pathlib import Path

from dashboard import config

ROOT = Path(__file__).resolve().parent.parent


def documented() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.M))


def read_in_code() -> set[str]:
    names = {s.name for s in config.SETTINGS}
    for path in list((ROOT / "etl").rglob("*.py")) + list((ROOT / "dashboard").rglob("*.py")):
        # os.environ only: request.environ (WSGI) is not a setting.
        names |= set(re.findall(r"os\.environ(?:\.get)?\(\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8")))
        names |= set(re.findall(r"os\.environ\[\"([A-Z_]+)\"\]", path.read_text(encoding="utf-8")))
    return names


def test_every_setting_read_by_the_code_is_in_the_readme_table():
    assert read_in_code() - documented() == set()


def test_the_readme_documents_no_setting_the_code_does_not_read():
    assert documented() - read_in_code() == set()


def test_readme_gives_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
