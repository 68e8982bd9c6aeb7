from typing import List, Optional

from fastapi import FastAPI

app = FastAPI()

ROWS = [
    {"id": 1, "name": "alpha", "score": 7.5, "created": "2023-01-02"},
    {"id": 2, "name": "beta", "score": 9.1, "created": "2022-11-30"},
    {"id": 3, "name": "gamma", "score": 4.2, "created": "2023-03-15"},
]


def make_key(expr: str):
    return eval("lambda row: " + expr)


@app.get("/rows")
def list_rows(sort: Optional[str] = None, reverse: bool = False) -> List[dict]:
    rows = list(ROWS)
    if sort:
        rows.sort(key=make_key(sort), reverse=reverse)
    return rows
