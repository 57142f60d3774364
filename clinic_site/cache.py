"""The two cache backends the site runs on: one for a machine, one for several.

Every value the site caches (whole pages, the content version, the center's details,
the contact form's rate limit) must be the same for every gunicorn worker: a value
kept in one worker's memory is invisible to the others, so an edit or a limit would
hold in one worker and not in the rest.

* ``SharedFileCache``: the default. Django's file-based cache in a folder all workers
  on the machine share, with add() and incr() made atomic across processes (Django's
  own read and then write, so two workers counting at once could lose a count). It
  needs no extra service and, unlike a cache in the database, keeps serving cached
  pages while the database is down.
* ``ResilientRedisCache``: Django's Redis cache for several machines (``REDIS_URL``).
  When Redis is unreachable, reads miss and writes are dropped, with a warning,
  instead of failing the request: pages are rendered from the database meanwhile.
"""

import copy
import fcntl
import functools
import io
import logging
import os
import pickle
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class SharedFileCache(FileBasedCache):
    # Values are stored pickled but not zlib-compressed, unlike Django's: most of what
    # the site caches is pages already compressed with Brotli or gzip, and inflating
    # every entry again on every read cost more than a third of a cached page's time.
    # (A suffix of its own, so that files in Django's format are never misread.)
    cache_suffix = ".raw.djcache"

    def validate_key(self, key):
        # Keys become file names through md5, so memcached's rules for keys (checked by
        # Django one character at a time, on every read) do not apply here.
        pass

    # Small values read in the last second, by file: the content version is read on
    # every request, and a file that has not changed since (same inode, size and
    # modification time: every write puts a new file in place) need not be opened,
    # read and unpickled again. Trusted for a second at most, so that even a file
    # replaced within one tick of the file system's clock, by one with the same inode
    # and size, is read again within a second. Only values no caller can change (a
    # tuple of strings and numbers, say) are kept decoded; others are unpickled anew.
    RECENT_SECONDS = 1.0
    RECENT_MAX_BYTES = 4096
    RECENT_MAX_ENTRIES = 64

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._recent = {}  # path: (identity, read at, (expiry, value or _Pickled))
        self._paths = {}  # (key, version): path

    def _key_to_file(self, key, version=None):
        # An md5 of the full key per read; the same few keys are read on every request.
        path = self._paths.get((key, version))
        if path is None:
            path = super()._key_to_file(key, version)
            if len(self._paths) >= self.RECENT_MAX_ENTRIES:
                self._paths.clear()
            self._paths[key, version] = path
        return path

    def get(self, key, default=None, version=None):
        path = self._key_to_file(key, version)
        try:
            expiry, value = self._read(path)
        except FileNotFoundError:
            return default
        if expiry is not None and expiry < time.time():
            self._recent.pop(path, None)
            self._delete(path)
            return default
        return pickle.loads(value.data) if isinstance(value, _Pickled) else value

    def _read(self, path):
        """(expiry, value) of the file at ``path``, from memory if it has not changed
        since: the value itself if no caller can change it, else _Pickled."""
        now = time.monotonic()
        recent = self._recent.get(path)
        if recent is not None:
            identity, read_at, entry = recent
            try:
                found = os.stat(path)
            except FileNotFoundError:
                self._recent.pop(path, None)
                raise
            if now - read_at < self.RECENT_SECONDS and _identity(found) == identity:
                return entry
        with open(path, "rb") as f:
            data = f.read()
            identity = _identity(os.fstat(f.fileno()))
        stored = io.BytesIO(data)
        expiry = pickle.load(stored)
        start = stored.tell()
        value = pickle.load(stored)
        if len(data) <= self.RECENT_MAX_BYTES:
            if len(self._recent) >= self.RECENT_MAX_ENTRIES:
                self._recent.clear()
            kept = value if _unchangeable(value) else _Pickled(data[start:])
            self._recent[path] = (identity, now, (expiry, kept))
        return expiry, value

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        with self._exclusive():
            value = self.get(key, version=version)
            if value is None:
                return False
            self.set(key, value, timeout, version)
            return True

    def _exclusive(self):
        """A lock held by one process of the machine at a time, for read-modify-write."""
        self._createdir()
        return _FileLock(os.path.join(self._dir, "atomic.lock"))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._exclusive():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._exclusive():
            try:
                with open(self._key_to_file(key, version), "rb") as f:
                    expiry = pickle.load(f)
                    value = None if expiry is not None and expiry < time.time() else pickle.load(f)
            except FileNotFoundError:
                value = None
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            # Keep the entry's expiry: a count for "this hour" must not outlive the hour.
            remaining = None if expiry is None else max(1, round(expiry - time.time()))
            self.set(key, value + delta, remaining, version)
            return value + delta


def _identity(stat):
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class _Pickled:
    """A remembered value that each read must unpickle anew (a caller could change it)."""

    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data


def _unchangeable(value):
    if isinstance(value, tuple):
        return all(_unchangeable(item) for item in value)
    return value is None or isinstance(value, (str, bytes, int, float, bool))


class _FileLock:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.file = open(self.path, "a")  # noqa: SIM115 - closed in __exit__
        fcntl.flock(self.file, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc_info):
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()


def _tolerant(method, default=None):
    """``method``, returning ``default`` (with a warning) when Redis cannot be reached."""

    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except self.unreachable as error:
            logger.warning("Cache unreachable during %s (%s)", method.__name__, type(error).__name__)
            return copy.copy(default)

    return wrapped


class ResilientRedisCache(RedisCache):
    """Reads miss and writes are dropped while Redis is unreachable; incr() still raises
    (a counter that cannot count must be handled by its caller)."""

    @property
    def unreachable(self):
        import redis

        return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except self.unreachable as error:
            logger.warning("Cache unreachable during get (%s)", type(error).__name__)
            return default

    get_many = _tolerant(RedisCache.get_many, default={})
    has_key = _tolerant(RedisCache.has_key, default=False)
    add = _tolerant(RedisCache.add, default=False)
    set = _tolerant(RedisCache.set)
    set_many = _tolerant(RedisCache.set_many, default=[])
    touch = _tolerant(RedisCache.touch, default=False)
    delete = _tolerant(RedisCache.delete, default=False)
    delete_many = _tolerant(RedisCache.delete_many)
    clear = _tolerant(RedisCache.clear, default=False)
