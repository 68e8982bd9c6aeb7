from fastapi import FastAPI, File, HTTPException, UploadFile

from storage import load_blob, save_blob

app = FastAPI()


@app.post("/reports/{report_id}/restore")
async def restore_report(report_id: int, archive: UploadFile = File(...)):
    contents = await archive.read()
    if not contents:
        raise HTTPException(status_code=400, detail="empty archive")
    report = load_blob(contents)
    save_blob(report_id, report)
    return {"report_id": report_id, "rows": len(report.get("rows", []))}
