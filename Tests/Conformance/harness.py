# SPDX-License-Identifier: Apache-2.0
"""The conformance suite's machinery, Python standard library only, so that scripts outside
pytest (scripts/demo-import) use the same pieces: a server started from the built binary, a
static http/https source with a self-signed certificate, and a TCP proxy that can cut or stall
a connection once."""
import hashlib
import http.server
import os
import socket
import ssl
import subprocess
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "fixtures")
ADMIN = "administrator@vsphere.local"
PASSWORD = "conformance-secret"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running content-library server: its base URL, data folder and admin credentials."""

    def __init__(self, binary, data, port, process, log, scheme="http"):
        self.binary = binary
        self.data = data
        self.port = port
        self.process = process
        self.log = log
        self.base = f"{scheme}://127.0.0.1:{port}"
        self.admin = ADMIN
        self.password = PASSWORD

    def add_user(self, name, password, privileges=()):
        """Adds a user to the data folder (read by the server at start: call before starting)."""
        env = dict(os.environ, CONFORMANCE_USER_PASSWORD=password)
        args = [self.binary, "user", "add", name, "--password-env", "CONFORMANCE_USER_PASSWORD", "--data", self.data]
        for p in privileges:
            args += ["--privilege", p]
        subprocess.run(args, check=True, env=env, capture_output=True)


def start_server(binary, data, users=(), extra_args=(), admin_password=PASSWORD, tls_ca=None, host="127.0.0.1"):
    """Starts the server on a free port; `users` is a list of (name, password, privileges);
    `extra_args` are more `serve` options (e.g. `--import-root DIR`, a short `--session-timeout`);
    `admin_password=None` starts it without CONTENT_LIBRARY_ADMIN_PASSWORD, as a fresh service;
    `tls_ca` (the CA file that signed its `--tls-certificate`) makes it an HTTPS server; `host` is
    the address it listens on (it is reached on 127.0.0.1 either way)."""
    os.makedirs(data, exist_ok=True)
    for name, password, privileges in users:
        Server(binary, data, 0, None, None).add_user(name, password, privileges)
    port = free_port()
    log = open(os.path.join(data, "server.log"), "w")
    env = {k: v for k, v in os.environ.items() if k != "CONTENT_LIBRARY_ADMIN_PASSWORD"}
    if admin_password is not None:
        env["CONTENT_LIBRARY_ADMIN_PASSWORD"] = admin_password
    process = subprocess.Popen(
        [binary, "serve", "--host", host, "--port", str(port), "--data", data, *extra_args],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {log.name}")
        try:
            scheme = "https" if tls_ca else "http"
            context = ssl.create_default_context(cafile=tls_ca) if tls_ca else None
            with urllib.request.urlopen(f"{scheme}://127.0.0.1:{port}/health", timeout=1, context=context) as answer:
                if answer.status == 200:
                    return Server(binary, data, port, process, log, scheme)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not answer /health within 30 s")


def stop_server(server):
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
    server.log.close()


# MARK: sources for PULL

class SlowHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files from the source folder; `/slow/NAME` sends NAME in pieces over ~2 s."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/slow/"):
            data = open(os.path.join(self.directory, self.path[len("/slow/"):]), "rb").read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            step = len(data) // 8 + 1
            for start in range(0, len(data), step):
                self.wfile.write(data[start:start + step])
                self.wfile.flush()
                time.sleep(0.25)
            return
        super().do_GET()


class TLSThreadingHTTPServer(http.server.ThreadingHTTPServer):
    """A threading http.server whose TLS handshake runs in each connection's own thread, with a
    time limit: a client that stalls in its handshake, or fails it, cannot hold up the accept loop
    and with it every other connection (as wrapping the listening socket would)."""

    def __init__(self, address, handler, context):
        super().__init__(address, handler)
        self.context = context

    def finish_request(self, request, client_address):
        request.settimeout(30)
        try:
            connection = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # a refused certificate is the client's choice, not a server error
        try:
            super().finish_request(connection, client_address)
        finally:
            connection.close()  # wrapping detached `request`: shutdown_request cannot close it


class Source:
    """An http.server on 127.0.0.1 in a thread, optionally with TLS."""

    def __init__(self, folder, context=None):
        handler = lambda *args: SlowHandler(*args, directory=folder)  # noqa: E731
        address = ("127.0.0.1", 0)
        if context is None:
            self.httpd = http.server.ThreadingHTTPServer(address, handler)
        else:
            self.httpd = TLSThreadingHTTPServer(address, handler, context)
        self.httpd.daemon_threads = True
        self.scheme = "https" if context else "http"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"{self.scheme}://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def colon_hex(digest):
    return ":".join(f"{b:02X}" for b in digest)


def self_signed_certificate(folder):
    """Makes a self-signed certificate for localhost/127.0.0.1 with `openssl` in `folder`.
    Returns (server SSL context, PEM text, SHA-256 colon hex, SHA-1 colon hex) of the DER."""
    key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    pem = open(cert).read()
    der = ssl.PEM_cert_to_DER_cert(pem)
    return context, pem, colon_hex(hashlib.sha256(der).digest()), colon_hex(hashlib.sha1(der).digest())


def certificate_authority(folder, name="Test CA"):
    """Makes a CA with `openssl` in `folder`; returns (certificate path, key path)."""
    key, cert = os.path.join(folder, "ca.key.pem"), os.path.join(folder, "ca.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}", "-days", "2",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
         "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )
    return cert, key


def server_certificate(folder, ca, common_name="localhost", prefix="server"):
    """Makes a certificate for localhost/127.0.0.1 signed by `ca` (from `certificate_authority`);
    returns (certificate path, key path)."""
    key, csr, cert = (os.path.join(folder, f"{prefix}.{ext}") for ext in ("key.pem", "csr", "pem"))
    ext = os.path.join(folder, f"{prefix}.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    subprocess.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={common_name}", "-keyout", key, "-out", csr],
                   check=True, capture_output=True)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", ca[0], "-CAkey", ca[1], "-CAcreateserial", "-days", "1",
                    "-extfile", ext, "-out", cert], check=True, capture_output=True)
    return cert, key


# MARK: a connection that breaks

class Proxy:
    """A TCP proxy on 127.0.0.1 in front of the server. It counts every byte it forwards from
    clients to the server and the keep-alive calls among them, and once, when that count reaches
    `cut_after`, closes the connection carrying that byte abruptly, or when it reaches
    `stall_after`, holds that connection (only) for `stall_seconds`. `cut_download_after` does
    the same to the bytes from the server to clients (`downloaded` counts them), once."""

    def __init__(self, port, cut_after=None, stall_after=None, stall_seconds=0, cut_download_after=None):
        self.upstream = ("127.0.0.1", port)
        self.cut_after = cut_after
        self.cut_download_after = cut_download_after
        self.downloaded = 0
        self.stall_after = stall_after
        self.stall_seconds = stall_seconds
        self.forwarded = 0
        self.cuts = 0
        self.stalls = 0
        self.keep_alives = 0
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.upstream)
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source, target, to_server):
        tail = b""
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if not to_server:
                    with self.lock:
                        reach = self.downloaded + len(data)
                        cut = self.cut_download_after is not None and self.cuts == 0 and reach >= self.cut_download_after
                        allowed = self.cut_download_after - self.downloaded if cut else len(data)
                        self.cuts += 1 if cut else 0
                        self.downloaded += allowed
                    target.sendall(data[:allowed])
                    if cut:
                        return self._cut(source, target)
                    continue
                with self.lock:
                    allowed = len(data)
                    reach = self.forwarded + len(data)
                    cut = self.cut_after is not None and self.cuts == 0 and reach >= self.cut_after
                    if cut:
                        allowed = self.cut_after - self.forwarded
                        self.cuts += 1
                    stall = self.stall_after is not None and self.stalls == 0 and reach >= self.stall_after
                    if stall:
                        self.stalls += 1
                    self.forwarded += allowed
                    self.keep_alives += (tail + data[:allowed]).count(b"action=keep-alive")
                tail = data[:allowed][-32:]
                if stall:
                    time.sleep(self.stall_seconds)
                target.sendall(data[:allowed])
                if cut:
                    return self._cut(source, target)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    @staticmethod
    def _cut(source, target):
        """Ends a connection abruptly: shutdown, not just close, because the other pump thread is
        blocked in recv on these sockets, which would keep the connections open after a close."""
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def drop(self):
        """Ends every connection now, a stalled one included (as the client's end closing would),
        so the server sees them broken at once."""
        with self.lock:
            sockets, self.sockets = self.sockets, []
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self):
        self.listener.close()
