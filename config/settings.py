"""The only settings module: every value comes from the environment, with safe defaults."""

import datetime as dt
import ipaddress
import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Sessions, password-reset links and the favourites' calendar feeds are signed with this key:
# DJANGO_SECRET_KEY, else the file DJANGO_SECRET_KEY_FILE names (`make run` makes .secret_key
# once). Only a debug run may fall back to the published development key: with debug off the
# site refuses to start without a key of its own.
SECRET_KEY_FILE = Path(env.str("DJANGO_SECRET_KEY_FILE", default=str(BASE_DIR / ".secret_key")))
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the site needs a secret key of "
            "its own: make one with\n"
            "    python3 -c 'import secrets; print(secrets.token_urlsafe(50))'\n"
            "and set DJANGO_SECRET_KEY to it, in the environment or in .env, or write it to "
            f"{SECRET_KEY_FILE} (the same key on every server, kept secret); `make run` makes "
            "that file once. Or set DJANGO_DEBUG=1 for a debug run."
        )
    SECRET_KEY = "django-insecure-development-key-change-me-in-production"
# Keys signed with before the current one, newest first (comma-separated): what they signed
# (sessions, feed addresses) stays valid while a new key is rolled out; drop one to revoke it.
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The public site's address. Absolute links (in exports, calendars and the booklet) start with
# it, whatever Host a request carried, so one cached file or booklet serves every host name.
SITE_URL = env.str("DJANGO_SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "accounts",
    "workshops",
    "config.admin.ProgramAdminConfig",  # django.contrib.admin, with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "workshops.pagecache.middleware.ProgramCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.signout.ClearSiteDataOnSignOutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.health.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "NAME": "django",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Connections are kept between requests (a cached page costs one query: opening a connection
# for it would cost more than the rest of the request); health checks replace broken ones.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DATABASE_CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Let a writer wait for another instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # Tests use a file, not a shared in-memory database: the browser tests' live server then
    # reads through a connection of its own, with SQLite's normal locking and timeout.
    # One file per test run (its process id), so two runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://workshop-program")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Each process holds at most this many entries (a page is two: plain and gzip); the least
    # recently read make room. Django's default, 300, is fewer than one edition's pages.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("PROGRAM_CACHE_MAX_ENTRIES", default=1000)
    )
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A Redis that is down or unreachable costs a page a fraction of a second, never more:
    # the page is then rendered from the database.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
    )
# Public pages and exports are cached under the program's version (workshops/pagecache).
PROGRAM_CACHE_ENABLED = env.bool("PROGRAM_CACHE_ENABLED", default=True)
PROGRAM_CACHE_ALIAS = "default"
PROGRAM_CACHE_SECONDS = env.int("PROGRAM_CACHE_SECONDS", default=24 * 3600)
# Each process also keeps the entries it served lately in its own memory, up to this many bytes.
PROGRAM_CACHE_LOCAL_BYTES = env.int("PROGRAM_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# How long a CDN or reverse proxy may serve a public page before asking again; browsers
# always ask (and get a 304 while the program is unchanged).
PROGRAM_CACHE_SHARED_MAX_AGE = env.int("PROGRAM_CACHE_SHARED_MAX_AGE", default=30)
# The PDF booklet of a program with more slots than this is rendered by the task worker
# (workshops/exchange/prepared.py); a request waits this long for it before "being prepared".
PREPARED_EXPORT_INLINE_SLOTS = env.int("PREPARED_EXPORT_INLINE_SLOTS", default=60)
PREPARED_EXPORT_WAIT_SECONDS = env.float("PREPARED_EXPORT_WAIT_SECONDS", default=5.0)
PREPARED_EXPORT_RETRY_SECONDS = 15
# The e-mails that tell organizers of a release: a failed sending is tried again after this
# many seconds, doubling each time, up to this many attempts in all.
RELEASE_NOTICE_RETRY_SECONDS = env.float("RELEASE_NOTICE_RETRY_SECONDS", default=60.0)
RELEASE_NOTICE_ATTEMPTS = env.int("RELEASE_NOTICE_ATTEMPTS", default=5)

# Background work (django.tasks). The default queue lives in the database and
# `manage.py db_worker` runs it (make run starts one); no other server is needed.
# DJANGO_TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend runs each task
# inside the request that enqueues it (no worker; a big booklet then holds that request).
TASKS = {
    "default": {
        "BACKEND": env.str("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes and WhiteNoise serves from (the benchmarks use a throwaway folder).
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail (password resets) goes to the console unless an SMTP server is given:
# EMAIL_URL=smtp+tls://user:password@smtp.example.org:587
if "EMAIL_URL" in env:
    _smtp = env.email_url("EMAIL_URL")
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp["EMAIL_HOST"],
                "port": _smtp["EMAIL_PORT"],
                "username": _smtp["EMAIL_HOST_USER"],
                "password": _smtp["EMAIL_HOST_PASSWORD"],
                "use_tls": _smtp.get("EMAIL_USE_TLS", False),
                "use_ssl": _smtp.get("EMAIL_USE_SSL", False),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="program@localhost")

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one IP address, that pair is refused for AXES_COOLOFF_TIME, even with the right password;
# other addresses and other usernames can still sign in. A successful sign-in resets the count.
AXES_ENABLED = env.bool("DJANGO_AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Each attempt while locked restarts the wait (axes' default): the page says so.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"  # 429, templates/axes/
# Behind the reverse proxy every REMOTE_ADDR is the proxy's: count by the address it forwards,
# believed only from the proxies listed here (addresses or networks; default: this machine).
SIGN_IN_BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
try:
    TRUSTED_PROXIES = [
        str(ipaddress.ip_network(value, strict=False))
        for value in env.list("DJANGO_TRUSTED_PROXIES", default=["127.0.0.0/8", "::1"])
    ]
except ValueError as error:
    raise ImproperlyConfigured(
        f"DJANGO_TRUSTED_PROXIES: {error}. List the reverse proxies' addresses or networks, "
        "comma-separated, e.g. 10.0.0.5,192.168.10.0/24,2001:db8::/64."
    ) from error
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
# Password-reset requests (each may send an e-mail): at most this many an hour from one client
# address, and for one e-mail address whoever asks; more are answered 429 with no e-mail sent.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("DJANGO_PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("DJANGO_PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_WINDOW = dt.timedelta(hours=1)

# Field-level history of workshops, slots and agendas; reverting is left to the forms.
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Scripts only from this site, never inline; styles may carry the admin's style attributes.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The sites that may show the embed views (/<edition>/embed/ and /embed/schedule/) in an iframe,
# as origins ("https://conference.example.org"); no other page may be framed by anyone.
EMBED_ALLOWED_ORIGINS = env.list("DJANGO_EMBED_ALLOWED_ORIGINS", default=[])
# Behind HTTPS in production: set these (the README's production section lists them).
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "forbidden_without_traceback": {"()": "config.log_filters.ForbiddenWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Axes logs every sign-in at INFO; its warnings (failures, lockouts) are the ones to keep.
        "axes": {"level": env.str("DJANGO_AXES_LOG_LEVEL", default="WARNING")},
        # A refused request is one warning line; a server error keeps its traceback.
        "django.request": {"filters": ["forbidden_without_traceback"]},
    },
}
