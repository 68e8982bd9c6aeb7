from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

app = FastAPI()

TEMPLATES_ROOT = Path("/opt/app/email_templates")


class TemplateStore:
    def __init__(self, root: Path):
        self.root = root

    def load(self, name: str) -> str:
        candidate = self.root / name
        if not candidate.suffix:
            candidate = candidate.with_suffix(".txt")
        return candidate.read_text(encoding="utf-8")


store = TemplateStore(TEMPLATES_ROOT)


@app.get("/templates/{name:path}", response_class=PlainTextResponse)
def get_template(name: str):
    try:
        return store.load(name)
    except FileNotFoundError:
        raise HTTPException(status_code=404, detail="template not found")
