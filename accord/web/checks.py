"""`accord check --deploy`: what would break or leak in a deployment, beyond Django's own deployment checks."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import Error, Tags, Warning, register

SOURCE_MAP = re.compile(r"(?://|/\*)[#@] ?sourceMappingURL=([^\s*]+)")


def missing_static_references() -> list[str]:
    """Static .js/.css files naming a source map that is not there: hashed collectstatic fails on each one."""
    problems = []
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if not path.endswith((".js", ".css")):
                continue
            with storage.open(path) as handle:
                tail = handle.read()[-4096:].decode("utf-8", "replace")
            for name in SOURCE_MAP.findall(tail):
                if "://" in name or name.startswith("data:"):
                    continue
                target = str(Path(path).parent / name)
                if not finders.find(target):
                    problems.append(f"{path} names {name}, which is not there")
    return problems


def _loose(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))
    except FileNotFoundError:
        return False


@register(Tags.security, deploy=True)
def check_deployment(app_configs, **kwargs):
    messages = []
    for problem in missing_static_references():
        messages.append(
            Error(
                f"Static file {problem}: collectstatic with hashed names (production mode) would fail.",
                hint="Remove the sourceMappingURL comment (scripts/vendor_js.py does it for vendored files).",
                id="accord.E001",
            )
        )
    home = Path(settings.ACCORD_HOME)
    if _loose(home):
        messages.append(
            Warning(
                f"ACCORD_HOME ({home}) can be read by other users of this machine; it holds the database, the key "
                "and uploaded documents.",
                hint=f"chmod 700 {home}",
                id="accord.W001",
            )
        )
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]) not in ("", ":memory:") and _loose(Path(db["NAME"])):
        messages.append(
            Warning(
                f"The SQLite database {db['NAME']} can be read by other users of this machine.",
                hint=f"chmod 600 {db['NAME']}",
                id="accord.W002",
            )
        )
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend")):
        messages.append(
            Warning(
                "Mail is not sent (EMAIL_BACKEND is the console, memory or dummy backend): password reset links never "
                "reach anyone.",
                hint="Set ACCORD_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and "
                "EMAIL_HOST (docs/settings.md).",
                id="accord.W003",
            )
        )
    if settings.ACCORD_SIGNIN_MAX_FAILURES <= 0 or settings.ACCORD_SIGNIN_ADDRESS_MAX_FAILURES <= 0:
        messages.append(Warning("Sign-in throttling is switched off (a limit of 0).", id="accord.W004"))
    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        messages.append(
            Warning(
                "Imports run inside the upload request (ImmediateBackend): one large file holds a server process.",
                hint="Use the database backend and run accord db_worker.",
                id="accord.W005",
            )
        )
    return messages
