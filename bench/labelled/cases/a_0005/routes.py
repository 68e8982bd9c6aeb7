from fastapi import FastAPI, HTTPException

from utils import build_archive

app = FastAPI(title="backup-service")


@app.post("/backups/{project}")
def create_backup(project: str, compress: bool = True):
    if not project:
        raise HTTPException(status_code=400, detail="project required")
    try:
        path = build_archive(project, compress)
    except RuntimeError as exc:
        raise HTTPException(status_code=500, detail=str(exc))
    return {"project": project, "archive": path}
