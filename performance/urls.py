from django.urls import path

from performance import views

urlpatterns = [
    path("performance/trends/", views.trends, name="trends"),
    path("performance/metrics.csv", views.metrics_csv, name="metrics_csv"),
    path("board/", views.board, name="board"),
]
