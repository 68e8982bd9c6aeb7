"""Entry point for the old shared hosting, which runs the shop as a CGI script."""
# Under CGI the client's "Proxy:" header becomes HTTP_PROXY, and requests sends the
# shop's outgoing calls through it (httpoxy).
from wsgiref.handlers import CGIHandler

from .main import app

if __name__ == "__main__":
    CGIHandler().run(app)
