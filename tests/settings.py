"""The production settings, with one change for speed: passwords hashed with MD5.

Django 6.1 hashes with 1.5 million PBKDF2 iterations, which is right for staff
accounts and made every test that signs someone in slow; nothing here tests the
hashing itself. Everything else is clinic_site.settings, DEBUG off included.
"""

from clinic_site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The test client's host, so that absolute links read as the client sees them.
SITE_URL = "http://testserver"
