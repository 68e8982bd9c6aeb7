import os

import tornado.ioloop
import tornado.web


class DiskUsageHandler(tornado.web.RequestHandler):
    def get(self):
        folder = self.get_argument("folder", "uploads")
        opts = {
            "cmd": "du -sh",
            "base": "/srv/storage",
            "path": folder,
        }
        line = "%s %s/%s" % (opts["cmd"], opts["base"], opts["path"])
        pipe = os.popen(line)
        usage = pipe.read().strip()
        pipe.close()
        self.write({"folder": folder, "usage": usage})


def make_app():
    return tornado.web.Application([(r"/storage/usage", DiskUsageHandler)])


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
