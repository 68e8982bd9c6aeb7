from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("sqlite:////srv/app/catalog.db")


@app.get("/products/search")
def search_products(category: str = "books"):
    clean = category.replace("\n", " ").strip()
    query = "SELECT id, name FROM products WHERE category = :cat ORDER BY name"
    with engine.connect() as conn:
        rows = conn.execute(text(query), {"cat": clean}).fetchall()
    return [{"id": r[0], "name": r[1]} for r in rows]
