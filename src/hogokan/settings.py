"""Hogokan settings: one module, driven only by environment variables (see README 'Configuration')."""

from pathlib import Path

import dj_database_url

from hogokan.env import env_bool, env_int, env_list, env_secret, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("HOGOKAN_DATA_DIR", "var")).resolve()
# The data directory holds personal information (database, attachments) and the secret key: owner only.
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)

SECRET_KEY = env_secret("SECRET_KEY", DATA_DIR / "secret_key")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "hogokan.core",
    "hogokan.org",
    "hogokan.accounts",
    "hogokan.checklists",
    "hogokan.registers",
    "hogokan.outsourcing",
    "hogokan.assets",
    "hogokan.mynumber",
    "hogokan.inspections",
    "hogokan.incidents",
    "hogokan.disclosures",
    "hogokan.purpose_uses",
    "hogokan.training",
    "hogokan.audits",
    "hogokan.scanner",
    "hogokan.reports",
    "hogokan.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hogokan.core.middleware.RequestGuardMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "hogokan.org.middleware.ActorMiddleware",
    "hogokan.accounts.middleware.TwoFactorRequiredMiddleware",
    # axes last, as its documentation asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hogokan.urls"
WSGI_APPLICATION = "hogokan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hogokan.site.context.shell",
            ],
        },
    },
]

# --- Database: SQLite (WAL, busy timeout, IMMEDIATE transactions) unless DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # Persistent connections are checked before each request reuses them: after a PostgreSQL restart
    # the next request opens a new connection instead of failing on the dead one.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
                                                  conn_health_checks=True)}
else:
    SQLITE_PATH = DATA_DIR / "hogokan.sqlite3"
    # Created readable by the owner only; SQLite gives its -wal and -shm files the same mode.
    SQLITE_PATH.touch(mode=0o600, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# --- Directory login (LDAP / Active Directory), off unless HOGOKAN_LDAP_URI is set: accounts/directory.py.
HOGOKAN_LDAP_URI = env_str("HOGOKAN_LDAP_URI")
HOGOKAN_LDAP_GROUPS = env_str("HOGOKAN_LDAP_GROUPS")  # "group DN|unit code|role; …" for first logins
HOGOKAN_LDAP_EMPLOYEE_NO_ATTR = env_str("HOGOKAN_LDAP_EMPLOYEE_NO_ATTR", "employeeNumber")
if HOGOKAN_LDAP_URI:
    import ldap
    from django_auth_ldap.config import ActiveDirectoryGroupType, GroupOfNamesType, LDAPSearch

    AUTHENTICATION_BACKENDS.insert(1, "hogokan.accounts.directory.DirectoryBackend")
    AUTH_LDAP_SERVER_URI = HOGOKAN_LDAP_URI
    AUTH_LDAP_START_TLS = env_bool("HOGOKAN_LDAP_START_TLS", False)
    AUTH_LDAP_BIND_DN = env_str("HOGOKAN_LDAP_BIND_DN")
    AUTH_LDAP_BIND_PASSWORD = env_str("HOGOKAN_LDAP_BIND_PASSWORD")  # or HOGOKAN_LDAP_BIND_PASSWORD_FILE
    if env_str("HOGOKAN_LDAP_USER_DN_TEMPLATE"):
        AUTH_LDAP_USER_DN_TEMPLATE = env_str("HOGOKAN_LDAP_USER_DN_TEMPLATE")
    else:
        AUTH_LDAP_USER_SEARCH = LDAPSearch(env_str("HOGOKAN_LDAP_USER_SEARCH_BASE"), ldap.SCOPE_SUBTREE,
                                           env_str("HOGOKAN_LDAP_USER_FILTER", "(uid=%(user)s)"))
    active_directory = env_str("HOGOKAN_LDAP_GROUP_TYPE", "groupOfNames") == "ad"
    AUTH_LDAP_GROUP_SEARCH = LDAPSearch(env_str("HOGOKAN_LDAP_GROUP_SEARCH_BASE"), ldap.SCOPE_SUBTREE,
                                        "(objectClass=group)" if active_directory else "(objectClass=groupOfNames)")
    AUTH_LDAP_GROUP_TYPE = ActiveDirectoryGroupType() if active_directory else GroupOfNamesType()
    AUTH_LDAP_USER_ATTR_MAP = {"first_name": env_str("HOGOKAN_LDAP_NAME_ATTR", "displayName"), "email": "mail"}
    AUTH_LDAP_ALWAYS_UPDATE_USER = False  # Hogokan keeps its people; the directory only checks passwords
    AUTH_LDAP_CACHE_TIMEOUT = 0
    AUTH_LDAP_CONNECTION_OPTIONS = {ldap.OPT_NETWORK_TIMEOUT: 5, ldap.OPT_REFERRALS: 0}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env_int("HOGOKAN_SESSION_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: the age counts from the last request
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("HOGOKAN_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles from this site only, no inline script; the
# API docs page (Redoc) alone may use inline styles and a blob: worker (hogokan.api_urls).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features no page of Hogokan uses (core.middleware adds the header).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
HOGOKAN_BEHIND_TLS_PROXY = env_bool("HOGOKAN_BEHIND_TLS_PROXY", False)
if HOGOKAN_BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind TLS: browsers keep to HTTPS for a year (SecurityMiddleware sends it on HTTPS requests only).
    SECURE_HSTS_SECONDS = env_int("HOGOKAN_HSTS_SECONDS", 365 * 24 * 60 * 60)

# Lock-out after repeated failures (django-axes; the rules are in hogokan.accounts.lockout): a login ID
# from one address, and the login ID from all addresses together with a higher limit.
HOGOKAN_LOGIN_FAILURE_LIMIT = env_int("HOGOKAN_LOGIN_FAILURE_LIMIT", 5)
HOGOKAN_LOGIN_USERNAME_FAILURE_LIMIT = env_int("HOGOKAN_LOGIN_USERNAME_FAILURE_LIMIT", 20)
HOGOKAN_LOCKOUT_MINUTES = env_int("HOGOKAN_LOCKOUT_MINUTES", 15)
AXES_HANDLER = "hogokan.accounts.lockout.LockoutHandler"
# LGWAN terminals reach us through a few NAT addresses: locking by IP alone would lock whole offices out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_CLIENT_IP_CALLABLE = "hogokan.accounts.lockout.client_address"  # behind the proxy: X-Forwarded-For
AXES_FAILURE_LIMIT = "hogokan.accounts.lockout.failure_limit"  # each entry above has its own limit
AXES_COOLOFF_TIME = "hogokan.accounts.lockout.cooloff"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # attempts while locked are refused, not counted
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hogokan.accounts.lockout.lockout_response"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = env_str("HOGOKAN_BODY_NAME", "みなと緑市") + " Hogokan"
HOGOKAN_REQUIRE_2FA_ROLES = env_list("HOGOKAN_REQUIRE_2FA_ROLES", "admin,chief")

# --- Internationalisation
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG or env_bool("HOGOKAN_TESTING", False):
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_PERMISSIONS = 0o600  # attachments hold personal information
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
HOGOKAN_ATTACHMENT_MAX_MB = env_int("HOGOKAN_ATTACHMENT_MAX_MB", 20)
HOGOKAN_ATTACHMENT_TYPES = env_list(
    "HOGOKAN_ATTACHMENT_TYPES", "pdf,docx,doc,xlsx,xls,csv,txt,png,jpg,jpeg,zip"
)

# --- Mail: SMTP when EMAIL_HOST is set, else files in DATA_DIR/outbox.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hogokan@localhost")

# --- The body (団体) and its calendar
HOGOKAN_BODY_NAME = env_str("HOGOKAN_BODY_NAME", "みなと緑市")
# Extra local closed days (地方自治法4条の2③): ISO dates (2027-06-01) or yearly MM-DD (06-01).
HOGOKAN_LOCAL_CLOSED_DAYS = env_list("HOGOKAN_LOCAL_CLOSED_DAYS")
HOGOKAN_BASE_URL = env_str("HOGOKAN_BASE_URL", "http://127.0.0.1:8000")
# Self-inspection (RULES.md §8): quarterly report day and months, 点検強化月間.
HOGOKAN_INSPECTION_REPORT_DAY = env_int("HOGOKAN_INSPECTION_REPORT_DAY", 20)
HOGOKAN_INSPECTION_REPORT_MONTHS = [int(m) for m in env_list("HOGOKAN_INSPECTION_REPORT_MONTHS", "6,9,12,3")]
HOGOKAN_INSPECTION_STRENGTHENING_MONTHS = [int(m) for m in env_list("HOGOKAN_INSPECTION_STRENGTHENING_MONTHS", "8,2")]
HOGOKAN_WORKER_INTERVAL_SECONDS = env_int("HOGOKAN_WORKER_INTERVAL_SECONDS", 60)
# Registers (RULES.md §6): days before a PIA's yearly review / re-evaluation due date to remind the officers.
# 委託 (issue 13): on-site inspection from this many persons (名古屋市); the unit code that confirms the 資料2
# checklists (blank: the privacy office); a deletion report is overdue this many days after the end.
HOGOKAN_CONTRACT_ONSITE_PERSONS = env_int("HOGOKAN_CONTRACT_ONSITE_PERSONS", 5001)
HOGOKAN_CONTRACT_REVIEW_UNIT = env_str("HOGOKAN_CONTRACT_REVIEW_UNIT", "")
HOGOKAN_CONTRACT_DELETION_DAYS = env_int("HOGOKAN_CONTRACT_DELETION_DAYS", 30)
HOGOKAN_CONTRACT_REMIND_DAYS = [int(d) for d in env_list("HOGOKAN_CONTRACT_REMIND_DAYS", "30,7,1,0")]
# 委託: days the contractor has for an improvement report (改善報告) after an inspection with a 否.
HOGOKAN_CONTRACT_IMPROVEMENT_DAYS = env_int("HOGOKAN_CONTRACT_IMPROVEMENT_DAYS", 30)
HOGOKAN_PIA_REMIND_DAYS = [int(d) for d in env_list("HOGOKAN_PIA_REMIND_DAYS", "60,30,7,0")]
# Data-subject requests (RULES.md §3): the 条例's period (≤ 30), closed-day policy keep/previous/next,
# fees, the reminder steps and the 法78 row labels of the 八千代市 table ("|"-separated, 7 rows).
HOGOKAN_DISCLOSURE_PERIOD_DAYS = env_int("HOGOKAN_DISCLOSURE_PERIOD_DAYS", 30)
HOGOKAN_DISCLOSURE_DEADLINE_ON_CLOSED_DAY = env_str("HOGOKAN_DISCLOSURE_DEADLINE_ON_CLOSED_DAY", "keep")
HOGOKAN_DISCLOSURE_FEE_PER_PAGE = env_int("HOGOKAN_DISCLOSURE_FEE_PER_PAGE", 10)
HOGOKAN_DISCLOSURE_FEE_ELECTRONIC = env_int("HOGOKAN_DISCLOSURE_FEE_ELECTRONIC", 0)
HOGOKAN_DISCLOSURE_REMIND_DAYS = [int(d) for d in env_list("HOGOKAN_DISCLOSURE_REMIND_DAYS", "7,3,1,0")]
HOGOKAN_DISCLOSURE_GROUND_LABELS = env_str(
    "HOGOKAN_DISCLOSURE_GROUND_LABELS",
    "第1号 開示請求者に関する情報|第2号 第三者の個人に関する情報|第3号 法人等に関する情報|第4号 国の安全等に関する情報"
    "|第5号 公共の安全等に関する情報|第6号 審議，検討等に関する情報|第7号 事務又は事業に関する情報",
).split("|")
# Incidents (RULES.md §2): 速報 target and warning (days after the day of knowledge), whether the
# 条例 defines 条例要配慮個人情報 (規則43⑤), months after a measure is done before its review.
HOGOKAN_PPC_PRELIMINARY_DAYS = env_int("HOGOKAN_PPC_PRELIMINARY_DAYS", 5)
HOGOKAN_PPC_PRELIMINARY_WARN_DAYS = env_int("HOGOKAN_PPC_PRELIMINARY_WARN_DAYS", 3)
HOGOKAN_ORDINANCE_SENSITIVE_DEFINED = env_bool("HOGOKAN_ORDINANCE_SENSITIVE_DEFINED", True)
HOGOKAN_MEASURE_REVIEW_MONTHS = env_int("HOGOKAN_MEASURE_REVIEW_MONTHS", 6)
# Assets (issue 15 §3): open days after a personnel change by which the system's 所管課 reviews the accounts;
# the shortest leave (calendar days) that puts the person's accounts under review.
HOGOKAN_ACCESS_REVIEW_DAYS = env_int("HOGOKAN_ACCESS_REVIEW_DAYS", 5)
HOGOKAN_ACCESS_REVIEW_LEAVE_DAYS = env_int("HOGOKAN_ACCESS_REVIEW_LEAVE_DAYS", 30)
# 委託: a contract whose 削除・返却報告 is not confirmed this many days after its end is listed as overdue.
HOGOKAN_CONTRACT_DELETION_DAYS = env_int("HOGOKAN_CONTRACT_DELETION_DAYS", 30)

# --- API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hogokan.accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "hogokan.core.openapi.ApiSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Bodies are JSON objects (core.rest.ApiInput); a form-encoded body could not carry null, numbers or
    # nested answers, and is a 415.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "hogokan.core.rest.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hogokan API",
    "DESCRIPTION": "保護管理システムの API。すべての応答は利用者の役割と所属で絞り込まれます。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "GET_LIB_DOC_EXCLUDES": "hogokan.core.openapi.doc_excludes",
    # Choice sets that share a field name ("kind" …) need a name of their own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "hogokan.org.models.UnitKind",
        "PersonKindEnum": "hogokan.org.models.Person.Kind",
        "IncidentKindEnum": "hogokan.incidents.models.Kind",
        "MyNumberSystemEnum": "hogokan.incidents.rules.MN_SYSTEM_CHOICES",
        "CourseKindEnum": "hogokan.training.models.Course.Kind",
        "FindingSourceKindEnum": "hogokan.audits.models.FindingSource.Kind",
        "ScanFileStatusEnum": "hogokan.scanner.models.FileStatus",
        "LedgerKindEnum": "hogokan.mynumber.models.LedgerEntry.Kind",
        "AssetFrequencyEnum": "hogokan.assets.models.Frequency",
        "MediumKindEnum": "hogokan.assets.models_media.RemovableMedium.Kind",
        "TakeOutMediumKindEnum": "hogokan.assets.models_media.TakeOut.MediumKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_on_one_line": {"()": "hogokan.core.logging.ForbiddenOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "django.request": {"filters": ["forbidden_on_one_line"]}},
}
