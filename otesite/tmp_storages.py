"""Where django-import-export keeps an uploaded file between its dry run and the confirm.

Its default writes to the local temp folder, and its MediaStorage to the default file storage
(local files here): both break when the confirm lands on another app server than the upload.
This keeps it in the "import_export" cache instead, a database table (DatabaseCache) that every
app server shares; migration performance.0003 creates it, so `migrate` is all a deployment needs.
"""

from uuid import uuid4

from django.core.cache import caches
from import_export.tmp_storages import CacheStorage

CACHE_ALIAS = "import_export"


class SharedCacheStorage(CacheStorage):
    CACHE_LIFETIME = 60 * 60  # a dry run not confirmed within the hour is uploaded again

    @property
    def _cache(self):
        return caches[CACHE_ALIAS]

    def save(self, data):
        if not self.name:
            self.name = uuid4().hex
        self._cache.set(self.CACHE_PREFIX + self.name, data, self.CACHE_LIFETIME)

    def read(self):
        return self._cache.get(self.CACHE_PREFIX + self.name)

    def remove(self):
        self._cache.delete(self.CACHE_PREFIX + self.name)
