# syntax=docker/dockerfile:1
# Production image: gunicorn serving the site; static files collected at build time.

# Build stage: install the pinned dependencies into a virtual environment and collect
# the static files (compressed and content-hashed by whitenoise).
FROM python:3.13-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir -r requirements.txt
COPY . .
# Both read settings, which refuse the development key with DEBUG off. The Spanish
# interface is compiled here (.mo files are build output, never committed).
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-used-at-run-time \
    /venv/bin/python manage.py compile_translations \
    && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-used-at-run-time \
    /venv/bin/python manage.py collectstatic --noinput

# Run stage: the virtual environment and the app, owned by an unprivileged user.
FROM python:3.13-slim
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_DEBUG=0 \
    PORT=8000
RUN groupadd --system --gid 10001 clinic \
    && useradd --system --uid 10001 --gid clinic --home-dir /app --shell /usr/sbin/nologin clinic
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', timeout=4)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "clinic_site.wsgi"]
