from typing import List, Optional

from fastapi import FastAPI, HTTPException

app = FastAPI()

ROWS = [
    {"id": 1, "name": "alpha", "score": 7.5, "created": "2023-01-02"},
    {"id": 2, "name": "beta", "score": 9.1, "created": "2022-11-30"},
    {"id": 3, "name": "gamma", "score": 4.2, "created": "2023-03-15"},
]

KEY_EXPRS = {
    "name": "row['name'].lower()",
    "score": "row['score']",
    "created": "row['created']",
}


def make_key(expr: str):
    return eval("lambda row: " + expr)


@app.get("/rows")
def list_rows(sort: Optional[str] = None, reverse: bool = False) -> List[dict]:
    rows = list(ROWS)
    if sort:
        if sort not in KEY_EXPRS:
            raise HTTPException(status_code=400, detail="unsupported sort key")
        rows.sort(key=make_key(KEY_EXPRS[sort]), reverse=reverse)
    return rows
