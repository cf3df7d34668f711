# trilat-bot: the Discord bot with its bundled fact base.
#   docker build -t trilat-bot .
#   docker run --env-file .env -v trilat-state:/var/lib/trilat-bot trilat-bot
# With several processes sharing a PostgreSQL question log (DATABASE_URL):
#   docker build --build-arg EXTRAS=postgres -t trilat-bot .
FROM python:3.11-slim

ARG EXTRAS=""

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TRILAT_STATE_DIR=/var/lib/trilat-bot

RUN groupadd --gid 10001 trilat \
    && useradd --create-home --uid 10001 --gid 10001 --shell /usr/sbin/nologin trilat \
    && mkdir -p /var/lib/trilat-bot \
    && chown 10001:10001 /var/lib/trilat-bot

WORKDIR /tmp/trilat-src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
# hadolint ignore=DL3013
RUN pip install --no-cache-dir ".${EXTRAS:+[$EXTRAS]}" \
    && rm -rf /tmp/trilat-src

USER 10001:10001
WORKDIR /home/trilat
# The last command sync (so a restart does not re-upload unchanged commands) and the
# question log (questions.sqlite3) live here.
VOLUME ["/var/lib/trilat-bot"]

# With TRILAT_HEALTH_PORT set: GET /healthz on the running bot (gateway connected).
# Without it: validates the fact base the bot serves (TRILAT_KNOWLEDGE or the bundled one).
HEALTHCHECK --interval=1m --timeout=20s --start-period=1m --retries=3 \
    CMD ["python", "-m", "bot", "health"]

CMD ["python", "-m", "bot", "run"]
