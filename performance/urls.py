from django.urls import path

from performance import views

urlpatterns = [
    path("performance/", views.pick_month, name="pick_month"),
    path("performance/latest/", views.latest_month, name="latest_month"),
    path("performance/trends/", views.trends, name="trends"),
    path("performance/metrics.csv", views.metrics_csv, name="metrics_csv"),
    path("performance/<month:month>/", views.month, name="month"),
    path("board/", views.board, name="board"),
]
