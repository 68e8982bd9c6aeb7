from fastapi import FastAPI, Header
from fastapi.responses import FileResponse

app = FastAPI()
REPORTS_DIR = "/srv/app/reports"


@app.get("/reports/current")
def current_report(x_report_name: str = Header(default="summary.pdf")):
    name = x_report_name.strip()
    target = REPORTS_DIR + "/" + name
    return FileResponse(target)
