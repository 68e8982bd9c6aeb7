import marshal
import socket
import struct

HOST = "0.0.0.0"
PORT = 9400


def recv_exact(conn, size):
    buf = b""
    while len(buf) < size:
        chunk = conn.recv(size - len(buf))
        if not chunk:
            raise ConnectionError("peer closed")
        buf += chunk
    return buf


def handle(conn):
    header = recv_exact(conn, 4)
    (length,) = struct.unpack("!I", header)
    body = recv_exact(conn, length)
    job = marshal.loads(body)
    result = {"job": job.get("id"), "status": "queued"}
    conn.sendall(marshal.dumps(result))


def serve():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as srv:
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((HOST, PORT))
        srv.listen()
        while True:
            conn, _ = srv.accept()
            with conn:
                handle(conn)


if __name__ == "__main__":
    serve()
