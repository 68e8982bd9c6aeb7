import os

from elasticsearch import Elasticsearch, helpers


class SearchIndex:
    def __init__(self, index_name="documents"):
        self.client = Elasticsearch(os.environ.get("ELASTIC_URL", "http://localhost:9200"))
        self.index_name = index_name

    def rebuild(self, query):
        body = {"query": {"simple_query_string": {"query": query, "fields": ["title", "body"]}}}
        actions = (
            {"_op_type": "update", "_index": self.index_name, "_id": hit["_id"], "doc": {"reindexed": True}}
            for hit in helpers.scan(self.client, index=self.index_name, query=body)
        )
        ok, _ = helpers.bulk(self.client, actions)
        return ok
