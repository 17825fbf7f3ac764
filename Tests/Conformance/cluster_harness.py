# SPDX-License-Identifier: Apache-2.0
"""A cluster on this machine, for Tests/Conformance/test_cluster.py and the conformance suite's
cluster pass (CONTENT_LIBRARY_TEST_CLUSTER=1, conftest.py): N replicas of the built binary on one
PostgreSQL (scripts/postgres) and one shared data folder (the content root: datastores, staging),
with nginx in front (scripts/nginx over deploy/nginx.conf). Standard library only.

Each replica keeps its port across restarts, so nginx's upstream list stays right."""
import os
import re
import signal
import subprocess
import time
import urllib.request

from harness import ADMIN, PASSWORD, ROOT, Server, free_port

SCRIPTS = os.path.join(ROOT, "scripts")


class Postgres:
    """A throwaway PostgreSQL in `folder` (scripts/postgres): its URL and role password."""

    def __init__(self, folder):
        self.folder = folder
        out = subprocess.run([os.path.join(SCRIPTS, "postgres"), "start", folder], check=True, stdout=subprocess.PIPE, text=True)
        self.url = out.stdout.strip().splitlines()[-1]
        with open(os.path.join(folder, "password")) as f:
            self.password = f.read()

    def stop(self):
        subprocess.run([os.path.join(SCRIPTS, "postgres"), "stop", self.folder], check=True)


class Nginx:
    """nginx on a free loopback port in front of `ports` (scripts/nginx renders deploy/nginx.conf)."""

    def __init__(self, folder, ports):
        self.folder = folder
        self.port = free_port()
        subprocess.run([os.path.join(SCRIPTS, "nginx"), "start", folder, str(self.port), *map(str, ports)], check=True)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self):
        subprocess.run([os.path.join(SCRIPTS, "nginx"), "stop", self.folder], check=True)


class Cluster:
    """`replicas` servers sharing one PostgreSQL and one data folder, behind nginx. `base`,
    `admin` and `password` make it usable wherever the suite takes a `Server`; `replicas[i]` is a
    `Server` reached directly. `users` are (name, password, privileges), added before the start."""

    def __init__(self, binary, folder, replicas=2, extra_args=(), users=()):
        self.binary = binary
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        # As root, scripts/postgres runs PostgreSQL as the `postgres` user, which must reach it.
        os.chmod(folder, 0o755)
        self.data = os.path.join(folder, "data")
        os.makedirs(self.data, exist_ok=True)
        self.postgres = Postgres(os.path.join(folder, "postgres"))
        for name, password, privileges in users:
            self.user_add(name, password, privileges)
        self.extra_args = list(extra_args)
        self.ports = [free_port() for _ in range(replicas)]
        self.replicas = [None] * replicas
        self.spawned = []  # every process started, healthy or not, so that stop() ends them all
        self.nginx = None
        self.admin, self.password = ADMIN, PASSWORD
        try:
            # All at once, as a cluster restarts: the migrations must run once among them.
            processes = [self._spawn(i) for i in range(replicas)]
            for i, process in enumerate(processes):
                self.replicas[i] = self._healthy(i, process)
            self.nginx = Nginx(os.path.join(folder, "nginx"), self.ports)
        except BaseException:
            self.stop()
            raise
        self.base = self.nginx.base

    @property
    def environment(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("CONTENT_LIBRARY_DATABASE")}
        env["CONTENT_LIBRARY_ADMIN_PASSWORD"] = PASSWORD
        env["CONTENT_LIBRARY_DATABASE_PASSWORD"] = self.postgres.password
        return env

    def store_args(self):
        """The options that point a command at the cluster's metadata store."""
        return ["--database", self.postgres.url]

    def _spawn(self, i):
        log = open(os.path.join(self.folder, f"replica-{i}.log"), "a")
        args = [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.ports[i]), "--data", self.data,
                "--trust-forwarded-headers", *self.store_args(), *self.extra_args]
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=self.environment)
        process.log = log
        self.spawned.append(process)
        return process

    def _healthy(self, i, process):
        """Waits for replica `i` to answer /health (30 s at most: a start, not a measurement)."""
        deadline = time.time() + 30
        while time.time() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"replica {i} exited with {process.returncode}; see {process.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.ports[i]}/health", timeout=1) as answer:
                    if answer.status == 200:
                        return Server(self.binary, self.data, self.ports[i], process, process.log)
            except OSError:
                time.sleep(0.1)
        process.kill()
        raise RuntimeError(f"replica {i} did not answer /health within 30 s; see {process.log.name}")

    def kill(self, i, sig=signal.SIGKILL):
        """Sends `sig` to replica `i` and waits for it to die."""
        replica = self.replicas[i]
        replica.process.send_signal(sig)
        replica.process.wait(timeout=30)
        replica.log.close()

    def restart(self, i):
        """Starts replica `i` again on its port (after `kill`)."""
        self.replicas[i] = self._healthy(i, self._spawn(i))

    def metrics(self, i):
        """Replica `i`'s /metrics text."""
        with urllib.request.urlopen(f"{self.replicas[i].base}/metrics", timeout=10) as answer:
            return answer.read().decode()

    def user_add(self, name, password, privileges=()):
        """`content-library user add` against the cluster's store, before the start or while it runs."""
        env = dict(self.environment, CLUSTER_USER_PASSWORD=password)
        args = [self.binary, "user", "add", name, "--password-env", "CLUSTER_USER_PASSWORD", *self.store_args(), "--data", self.data]
        for p in privileges:
            args += ["--privilege", p]
        subprocess.run(args, check=True, env=env, capture_output=True)

    def stop(self):
        if self.nginx:
            self.nginx.stop()
        for process in self.spawned:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            process.log.close()
        if self.postgres:
            self.postgres.stop()


def metric(text, name, **labels):
    """The sum of the samples of `name` in a Prometheus text whose labels include `labels`."""
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        series, value = line.rsplit(" ", 1)
        found = dict(re.findall(r'(\w+)="([^"]*)"', series))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(value)
    return total
