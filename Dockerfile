# Production image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=ntm_portal.settings.base
# gettext compiles the translations; postgresql-client (15 on bookworm, as the server) gives
# pg_dump / pg_restore to `manage.py backup` / `restore`.
RUN apt-get update && apt-get install -y --no-install-recommends gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs settings but no real secrets or database.
RUN DJANGO_SECRET_KEY=build DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && DJANGO_SECRET_KEY=build DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py compilemessages --ignore=.venv
RUN useradd --system --uid 1000 ntm && mkdir -p /app/media /app/backups \
    && chown ntm /app/media /app/backups
USER ntm
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "ntm_portal.wsgi:application"]
