import os

from celery import Celery

app = Celery("chat", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))
app.conf.task_acks_late = True
