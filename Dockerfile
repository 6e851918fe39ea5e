# LaborBridge API image. Build: docker build -t laborbridge .
# Run with PostgreSQL: see docker-compose.yml.
FROM python:3.11-slim

# LABORBRIDGE_ENV=production refuses the development secret unless the deployment
# says otherwise. LABORBRIDGE_HOME: a relative SQLite path lives under /app.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    LABORBRIDGE_ENV=production \
    LABORBRIDGE_HOME=/app

RUN groupadd --system --gid 10001 laborbridge \
 && useradd --system --uid 10001 --gid laborbridge --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin laborbridge

# Install the project (runtime dependencies are pinned in pyproject.toml), then
# drop the sources: the console script runs the installed packages.
COPY pyproject.toml README.md /src/
COPY domain /src/domain
COPY application /src/application
COPY infrastructure /src/infrastructure
COPY interfaces /src/interfaces
RUN pip install --no-cache-dir /src \
 && rm -rf /src

# Working directory owned by the service user (the SQLite default, data/, would live here).
# The secrets directory is owned by it too: a new volume mounted there (compose's
# `secrets`) starts with this owner and mode, so `laborbridge secrets init` can write.
WORKDIR /app
RUN mkdir -p /app/data /var/lib/laborbridge/secrets \
 && chown -R laborbridge:laborbridge /app /var/lib/laborbridge \
 && chmod 0700 /var/lib/laborbridge/secrets

USER 10001:10001

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]

CMD ["laborbridge", "serve", "--host", "0.0.0.0", "--port", "8000"]
