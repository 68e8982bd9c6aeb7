from aiohttp import web

from models import Comment


async def preview_comment(request):
    author = request.headers.get("X-User", "anonymous")
    text = request.query.get("text", "")
    comment = Comment(author, text)
    fragment = comment.render()
    page = "<html><body><ul>" + fragment + "</ul></body></html>"
    return web.Response(text=page, content_type="text/html")


app = web.Application()
app.router.add_get("/comments/preview", preview_comment)
