import os

from authlib.integrations.flask_client import OAuth

oauth = OAuth()
oauth_client = oauth.register(
    name="corp",
    server_metadata_url=os.environ.get("OIDC_METADATA_URL"),
    client_id=os.environ.get("OIDC_CLIENT_ID"),
    client_secret=os.environ.get("OIDC_CLIENT_SECRET"),
    client_kwargs={"scope": "openid email profile"},
)
