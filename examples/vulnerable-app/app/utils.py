"""Helpers: hashing, serialisation, shell-outs and HTTP calls."""
import hashlib
import os
import pickle
import subprocess as sp
from os import system as run_shell

import requests
import yaml


def checksum(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def legacy_token(user_id: int) -> str:
    return hashlib.new("sha1", str(user_id).encode()).hexdigest()


def load_session(blob: bytes):
    return pickle.loads(blob)


def load_config(path: str):
    with open(path) as fh:
        return yaml.load(fh)


def thumbnail(filename: str) -> None:
    sp.call("convert " + filename + " -resize 64x64 thumb.png", shell=True)


def archive(folder: str) -> None:
    run_shell("tar czf backup.tgz " + folder)


def list_uploads() -> bytes:
    return sp.check_output(["ls", "-l", "/tmp/shop-uploads"])


def cleanup() -> None:
    os.system("rm -rf build/")


def fetch_rates() -> dict:
    resp = requests.get("https://api.example.com/rates", verify=False)
    return resp.json()


def notify(url: str, payload: dict) -> None:
    requests.post(url, json=payload)


def calculate(expression: str):
    return eval(expression)


def run_plugin(code: str) -> None:
    exec(code)


def safe_div(a, b):
    try:
        return a / b
    except Exception:
        pass
