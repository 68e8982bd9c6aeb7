import subprocess

from fastapi import FastAPI, Header
from fastapi.responses import PlainTextResponse

from helpers import build_count_command

app = FastAPI()


@app.get("/files/count", response_class=PlainTextResponse)
def count_lines(x_filename: str = Header(default="data.txt")):
    cmd = build_count_command(x_filename)
    result = subprocess.check_output(cmd, shell=True, cwd="/srv/data")
    return result.decode()
