"""gunicorn settings for production: the Dockerfile and docker-compose.yml both start
`gunicorn -c gunicorn.conf.py ntm_portal.wsgi:application`, so the numbers live in one place.
Command-line flags and GUNICORN_CMD_ARGS still override them.

Server banner: gunicorn 27 sends `Server: gunicorn` with no version and has no setting to
change it (the product name is fixed in gunicorn.http.wsgi). nginx in front replaces it with
its own header; set `server_tokens off` there (README, Production).
tests/ntm_portal/test_gunicorn.py starts this configuration and checks the headers.
"""

bind = "0.0.0.0:8000"
# (2 x cores) + 1 sync workers, always behind nginx (sync workers need a buffering proxy).
workers = 5
timeout = 30
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100
