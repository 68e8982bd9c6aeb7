import os

import tornado.ioloop
import tornado.web


class DiskUsageHandler(tornado.web.RequestHandler):
    def get(self):
        label = self.get_argument("label", "storage")
        opts = {
            "cmd": "du -sh /srv/storage",
            "label": label,
        }
        pipe = os.popen(opts["cmd"])
        usage = pipe.read().strip()
        pipe.close()
        self.write({"label": opts["label"], "usage": usage})


def make_app():
    return tornado.web.Application([(r"/storage/usage", DiskUsageHandler)])


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
