"""Small helpers that read settings from the environment (healthchecks style).

Every ``*_FILE`` variant reads the value from a file, for secrets kept out of the environment.
"""

import os
from pathlib import Path


def env_str(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, fallback_file: Path) -> str:
    """The secret from NAME / NAME_FILE, else one generated once and kept in ``fallback_file``."""
    value = env_str(name)
    if value:
        return value
    if fallback_file.exists():
        return fallback_file.read_text(encoding="utf-8").strip()
    import secrets

    fallback_file.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    fallback_file.write_text(value, encoding="utf-8")
    fallback_file.chmod(0o600)
    return value
