"""One Settings object, validated at start-up, from LABORBRIDGE_* variables."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.subsidy_policy import DEFAULT_POLICIES, PolicyBook
from infrastructure.encryption import DEVELOPMENT_KEY_RING, KeyRing
from infrastructure.policy_file import PolicyFileError, load_policies
from infrastructure.signing_keys import DEVELOPMENT_SIGNING_KEY, parse_signing_key

DEVELOPMENT_SECRET = "laborbridge-development-secret-not-for-production"  # noqa: S105 - refused in production


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


DEFAULT_DATABASE_URL = "sqlite:///data/laborbridge.db"


def checkout_directory() -> Path | None:
    """The source checkout this code runs from (where `make run` runs), or None
    when it runs from an installed package (a container image, a wheel)."""
    root = Path(__file__).resolve().parents[1]
    return root if (root / "pyproject.toml").is_file() else None


class DatabaseURL:
    """`sqlite:///relative/or//absolute/path.db` or `postgresql://user:pass@host:port/db`.

    A relative SQLite path is resolved against `home` (LABORBRIDGE_HOME, by default
    the checkout), never against the current directory: the server and a command
    run from any other directory must open the same file."""

    def __init__(self, url: str, home: Path | None = None) -> None:
        self.url = url.strip()
        parts = urlsplit(self.url)
        self.scheme = parts.scheme
        if parts.scheme == "sqlite":
            if parts.netloc or not parts.path.startswith("/") or parts.path == "/":
                raise ValueError("a SQLite URL looks like sqlite:///data/laborbridge.db")
            self.sqlite_path = _resolved(Path(unquote(parts.path[1:])), home)
        elif parts.scheme in ("postgresql", "postgres"):
            if not parts.hostname or not parts.path.strip("/"):
                raise ValueError("a PostgreSQL URL looks like postgresql://user:pass@host:5432/db")
            self.host = parts.hostname
            try:
                self.port = parts.port or 5432
            except ValueError:
                raise ValueError("the PostgreSQL port must be a number") from None
            self.dbname = unquote(parts.path.strip("/"))
            self.user = unquote(parts.username or "postgres")
            self.password = unquote(parts.password or "")
            schema = parse_qs(parts.query).get("schema", [""])[0]
            self.schema = schema or None
        else:
            raise ValueError("must start with sqlite:/// or postgresql://")

    @property
    def is_postgres(self) -> bool:
        return self.scheme != "sqlite"

    def redacted(self) -> str:
        """The URL without its password, fit for messages and logs; a SQLite
        URL with its absolute path (the same from any directory)."""
        if not self.is_postgres:
            return f"sqlite:///{self.sqlite_path}"
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    def __str__(self) -> str:
        return self.redacted()

    def __repr__(self) -> str:
        return f"DatabaseURL({self.redacted()!r})"


def _resolved(path: Path, home: Path | None) -> Path:
    if path.is_absolute() or str(path) == ":memory:" or "mode=memory" in str(path):
        return path
    base = home or checkout_directory()
    if base is None:
        raise ValueError(
            f"the SQLite path {path} is relative and there is no LABORBRIDGE_HOME to resolve"
            " it against: set LABORBRIDGE_HOME to a directory, or give an absolute path"
            " (sqlite:////var/lib/laborbridge/laborbridge.db)"
        )
    return base / path


class Settings(BaseSettings):
    # An empty variable counts as unset (compose passes `${NAME:-}` through empty).
    model_config = SettingsConfigDict(
        env_prefix="LABORBRIDGE_", extra="ignore", env_ignore_empty=True
    )

    env: Environment = Environment.DEVELOPMENT
    database_url: str = DEFAULT_DATABASE_URL
    # The directory a relative SQLite path is resolved against (an absolute path);
    # none: the source checkout the code runs from.
    home: Path | None = None
    # The PostgreSQL password when the URL holds none (e.g. read from a secrets
    # file by docker-compose.yml, which the postgres service reads too).
    database_password: SecretStr | None = None
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    # The key ring that encrypts personal data at rest: `ID:BASE64KEY,...`, the
    # first key encrypts, all decrypt (docs/operations.md: Personal data at rest).
    encryption_keys: SecretStr | None = None
    log_format: Literal["auto", "json", "console"] = "auto"
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # Connections each process opens to PostgreSQL for the event store; size it
    # to the threads that write (the table lock serialises writers anyway).
    postgres_pool_size: int = Field(default=4, ge=1, le=50)
    postgres_max_overflow: int = Field(default=8, ge=0, le=100)
    # Commands run from the shell (`laborbridge ...`) wait this long for a
    # PostgreSQL connection; the API process and the projector use the bound below.
    postgres_connect_timeout: int = Field(default=5, ge=1, le=60)
    # How long one database operation of an HTTP request may wait before the
    # request answers 503 with Retry-After: a pooled connection, connecting,
    # a lock, a statement (PostgreSQL), the write lock (SQLite's busy timeout).
    database_timeout_seconds: float = Field(default=2.0, ge=0.5, le=60)
    idempotency_ttl_hours: int = Field(default=24, ge=1, le=24 * 30)
    # How long a request's Idempotency-Key stays reserved after its server stopped
    # renewing it (killed mid-request): then a retry may take the key over.
    idempotency_lease_seconds: float = Field(default=10.0, ge=1, le=300)
    # The largest request body accepted (413 beyond it), checked before any is read.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024, le=1024 * 1024 * 1024)
    # The largest evidence file accepted (evidence_files.py), counted while
    # reading; only the upload routes take a body this big (request_guard.py).
    evidence_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    # The largest ledger (.xlsx or .csv) an upload may bring: a county's year of
    # rows is a few MiB; 100,000 rows about 6 MiB as .xlsx.
    ledger_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1024, le=1024 * 1024 * 1024)
    # The read side: does the API process run the projector in a thread, how
    # many events per page, how often to poll, how long min_position may wait.
    run_projector: bool = True
    projector_page_size: int = Field(default=1000, ge=1, le=50_000)
    projector_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    read_wait_seconds: float = Field(default=3.0, ge=0, le=30)
    # Pages: a signed-in session ends after this long without a request.
    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    # Subsidy policy versions (TOML, docs/api.md: Subsidies); none: the built-in book.
    subsidy_policies_file: Path | None = None
    # Signs integrity checkpoints (Ed25519 seed, hex or base64): docs/auditors.md.
    signing_key: SecretStr = SecretStr(DEVELOPMENT_SIGNING_KEY)

    @field_validator("database_url")
    @classmethod
    def _database_url_parses(cls, value: str) -> str:
        DatabaseURL(value, home=Path("/"))  # the form; the home is checked below
        return value

    @field_validator("home")
    @classmethod
    def _home_is_absolute(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        value = value.expanduser()
        if not value.is_absolute():
            raise ValueError("must be an absolute path (it must not depend on where you are)")
        return value

    @model_validator(mode="after")
    def _relative_database_has_a_home(self) -> Settings:
        self.database  # noqa: B018 - a relative SQLite path with no home is refused at start
        return self

    @model_validator(mode="after")
    def _production_needs_a_real_secret(self) -> Settings:
        secret = self.secret_key.get_secret_value()
        if self.env is Environment.PRODUCTION:
            if secret == DEVELOPMENT_SECRET:
                raise ValueError(
                    "LABORBRIDGE_SECRET_KEY is the development default; "
                    "set a random secret in production"
                )
            if len(secret) < 32:
                raise ValueError("LABORBRIDGE_SECRET_KEY must be at least 32 characters")
        elif len(secret) < 16:
            raise ValueError("LABORBRIDGE_SECRET_KEY must be at least 16 characters")
        return self

    @model_validator(mode="after")
    def _production_needs_its_own_encryption_keys(self) -> Settings:
        ring = self.key_ring  # a malformed ring is refused in every environment
        if self.env is Environment.PRODUCTION:
            if not self.encryption_keys or not self.encryption_keys.get_secret_value().strip():
                raise ValueError(
                    "LABORBRIDGE_ENCRYPTION_KEYS is not set; in production set a key ring"
                    " (`laborbridge keys generate` prints a new key)"
                )
            development = KeyRing.parse(DEVELOPMENT_KEY_RING).keys[0][1]
            if any(key == development for _, key in ring.keys):
                raise ValueError(
                    "LABORBRIDGE_ENCRYPTION_KEYS holds the development key; "
                    "set random keys in production"
                )
        return self

    @property
    def key_ring_text(self) -> str:
        """The configured ring, or the development ring if none is set."""
        given = self.encryption_keys.get_secret_value().strip() if self.encryption_keys else ""
        return given or DEVELOPMENT_KEY_RING

    @property
    def key_ring(self) -> KeyRing:
        return KeyRing.parse(self.key_ring_text)

    @model_validator(mode="after")
    def _policy_file_loads(self) -> Settings:
        self.policies  # noqa: B018 - a file that cannot be used is refused at start
        return self

    @property
    def policies(self) -> PolicyBook:
        """The subsidy policy book: from the file, or the programme's built-in one."""
        if self.subsidy_policies_file is None:
            return DEFAULT_POLICIES
        try:
            return load_policies(self.subsidy_policies_file)
        except PolicyFileError as error:
            raise ValueError(str(error)) from None

    @property
    def database(self) -> DatabaseURL:
        url = DatabaseURL(self.database_url, home=self.home)
        if url.is_postgres and not url.password and self.database_password is not None:
            url.password = self.database_password.get_secret_value()
        return url

    @property
    def identity_key(self) -> bytes:
        """Keys the hash that turns ID numbers into worker ids: never rotate it."""
        return self.secret_key.get_secret_value().encode()

    @model_validator(mode="after")
    def _production_needs_its_own_signing_key(self) -> Settings:
        seed = self.signing_seed  # a malformed key is refused in every environment
        if self.env is Environment.PRODUCTION and seed == parse_signing_key(
            DEVELOPMENT_SIGNING_KEY
        ):
            raise ValueError(
                "LABORBRIDGE_SIGNING_KEY is not set or is the development key; in production"
                " set a random one, or anyone could forge integrity checkpoints"
            )
        return self

    @property
    def signing_seed(self) -> bytes:
        """The Ed25519 private key seed that signs integrity checkpoints."""
        return parse_signing_key(self.signing_key.get_secret_value())


def settings_from_environment() -> Settings:
    """The settings of this process: the environment, and secrets given as files,
    one per variable named in lower case, in LABORBRIDGE_SECRETS_DIR
    (docker-compose.yml; `laborbridge secrets init`); the environment wins.
    Every entry point (the CLI, an ASGI server) reads them here."""
    secrets_dir = os.environ.get("LABORBRIDGE_SECRETS_DIR", "").strip()
    if secrets_dir and not os.path.isdir(secrets_dir):
        raise NotADirectoryError(f"LABORBRIDGE_SECRETS_DIR: {secrets_dir} is not a directory")
    # pydantic-settings' own argument, which pydantic's mypy plugin does not know.
    return Settings(_secrets_dir=secrets_dir or None)  # type: ignore[call-arg]
