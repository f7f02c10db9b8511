"""Every list the API answers comes in pages: `?page=2`, `?page_size=500` (at most 1,000)."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 1000
