"""Loads the recommendation model and ranks products (deliberately insecure model loading)."""
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

# Branch names move: whoever controls the Hub repository decides what is loaded next time.
TOKENIZER = AutoTokenizer.from_pretrained("shop-ml/product-ranker")
MODEL = AutoModelForSequenceClassification.from_pretrained("shop-ml/product-ranker", revision="main")


def load_fine_tuned(path: str = "/srv/shop/models/ranker.pt"):
    # torch.load unpickles the file: a model file from the shared bucket runs code when loaded.
    MODEL.load_state_dict(torch.load(path))
    return MODEL


def rank(query: str, titles: list) -> list:
    inputs = TOKENIZER([query] * len(titles), titles, return_tensors="pt", padding=True, truncation=True)
    with torch.no_grad():
        scores = MODEL(**inputs).logits[:, 0]
    return [t for _, t in sorted(zip(scores.tolist(), titles), reverse=True)]
