from xml.parsers.expat import ExpatError

from defusedxml import minidom
from defusedxml.common import DefusedXmlException
from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()


@app.post("/svg/inspect")
async def inspect_svg(image: UploadFile = File(...)):
    raw = await image.read()
    try:
        doc = minidom.parseString(raw)
    except (DefusedXmlException, ExpatError) as exc:
        raise HTTPException(status_code=400, detail=f"rejected: {exc.__class__.__name__}")
    svg = doc.documentElement
    return {
        "width": svg.getAttribute("width"),
        "height": svg.getAttribute("height"),
        "elements": len(svg.getElementsByTagName("*")),
    }
