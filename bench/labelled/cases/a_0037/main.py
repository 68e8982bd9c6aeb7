from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg2://app@localhost/inventory")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI()


def get_session():
    session = SessionLocal()
    try:
        yield session
    finally:
        session.close()


@app.get("/warehouses/{warehouse}/items")
def list_items(warehouse: int, order_by: str = "name", limit: int = 50, db: Session = Depends(get_session)):
    stmt = text(
        f"SELECT sku, name, qty FROM items WHERE warehouse_id = :wh ORDER BY {order_by} LIMIT :lim"
    )
    rows = db.execute(stmt, {"wh": warehouse, "lim": limit}).mappings().all()
    return [dict(r) for r in rows]
