import tornado.ioloop
import tornado.web


class ProfileHandler(tornado.web.RequestHandler):
    def initialize(self, site_name):
        self.site_name = site_name

    def get(self):
        nickname = self.get_argument("nick", default="stranger")
        bio = self.get_argument("bio", default="")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        page = "<h1>{0} on {1}</h1><section>{2}</section>".format(
            nickname, self.site_name, bio
        )
        self.write(page)


def make_app():
    return tornado.web.Application([
        (r"/profile", ProfileHandler, dict(site_name="Pebble")),
    ])


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
