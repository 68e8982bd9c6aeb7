import logging

from celery import shared_task

from .search import SearchIndex

logger = logging.getLogger("search.tasks")


@shared_task(bind=True, max_retries=2)
def reindex_documents(self, query, requested_by):
    requester = int(requested_by)
    logger.info("reindex requested for query=%r by user=%d", query, requester)
    index = SearchIndex()
    try:
        count = index.rebuild(query=query)
    except ConnectionError as exc:
        raise self.retry(exc=exc, countdown=30)
    logger.info("reindex finished: %d documents", count)
    return count
