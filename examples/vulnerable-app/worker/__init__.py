"""Recommendation worker: ranks products for the shop's "you may also like" box."""
