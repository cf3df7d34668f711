# trilat-bot: the Discord bot with its bundled fact base.
#   docker build -t trilat-bot .
#   docker run -d --env-file .env -v trilat-state:/var/lib/trilat-bot trilat-bot
# With several processes sharing a PostgreSQL question log (DATABASE_URL):
#   docker build --build-arg EXTRAS=postgres -t trilat-bot .
# compose.yaml runs it with a named volume, a restart policy and optional PostgreSQL.
# The build stage installs the package into /site and lists its dependencies.
FROM python:3.11-slim AS build
ARG EXTRAS=""
WORKDIR /src
COPY pyproject.toml ./
RUN python -c "import sys, tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
extras = [e for e in sys.argv[1].split(',') if e]; \
print('\n'.join(p['dependencies'] + [d for e in extras for d in p['optional-dependencies'][e]]))" \
        "${EXTRAS}" > /requirements.txt
COPY README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
# hadolint ignore=DL3013
RUN pip install --no-cache-dir --no-deps --target /site .

# The image: no source and no build files in any of its layers.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore \
    TRILAT_STATE_DIR=/var/lib/trilat-bot \
    TRILAT_HEALTH_PORT=8080

RUN groupadd --gid 10001 trilat \
    && useradd --create-home --uid 10001 --gid 10001 --shell /usr/sbin/nologin trilat \
    && mkdir -p /var/lib/trilat-bot \
    && chown 10001:10001 /var/lib/trilat-bot

# The dependencies first, in a layer of their own: rebuilt only when they change, not on
# every edit of the code or the facts.
COPY --from=build /requirements.txt /tmp/requirements.txt
# hadolint ignore=DL3013
RUN pip install --requirement /tmp/requirements.txt && rm /tmp/requirements.txt

# Then the installed package alone (one copy of it, no source tree or wheel beside it).
COPY --from=build /site /opt/trilat-bot
ENV PYTHONPATH=/opt/trilat-bot \
    PATH=/opt/trilat-bot/bin:$PATH

USER 10001:10001
WORKDIR /home/trilat
# The last command sync (so a restart does not re-upload unchanged commands) and the
# question log (questions.sqlite3) live here: mount a named volume over it.
VOLUME ["/var/lib/trilat-bot"]

# Healthy means connected to Discord: `bot health` asks the running bot's GET /healthz on
# TRILAT_HEALTH_PORT (8080 in the image, inside the container only). With the port set to
# `off`, it only validates the fact base.
HEALTHCHECK --interval=1m --timeout=20s --start-period=1m --retries=3 \
    CMD ["python", "-m", "bot", "health"]

CMD ["python", "-m", "bot", "run"]
