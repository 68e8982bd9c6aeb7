from fastapi import FastAPI, Header
from fastapi.responses import FileResponse

app = FastAPI()
REPORTS_DIR = "/srv/app/reports"
REPORTS = {
    "summary": "summary.pdf",
    "monthly": "monthly.pdf",
    "annual": "annual.pdf",
}


@app.get("/reports/current")
def current_report(x_report_name: str = Header(default="summary")):
    name = REPORTS.get(x_report_name.strip(), "summary.pdf")
    target = REPORTS_DIR + "/" + name
    return FileResponse(target)
