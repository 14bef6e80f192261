"""The load client: a separate process that logs in as the lead and times pages over HTTP.

Standard library only. gunicorn's sync workers close the connection after every response, so
each request opens its own connection, as a browser's would against this server; a minimal
asyncio client keeps the client's own CPU cost (on the same two cores) as small as it can be.
"""

import asyncio
import json
import re
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def login(base: str, email: str, password: str) -> str:
    """Sign in through the login form; returns the Cookie header of the session."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = TOKEN.search(page).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": email, "password": password}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the bench's own server on 127.0.0.1
        f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"could not sign in as {email}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


async def _get(host: str, port: int, request: bytes) -> tuple[int, int]:
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(request)
    body = await reader.read(-1)
    writer.close()
    status = int(body[9:12]) if body.startswith(b"HTTP/1.") else 0
    return status, len(body)


async def _timings(host, port, path, cookie, users, seconds, warmup) -> tuple[list, dict, float]:
    """(latencies in seconds, errors by status, elapsed) of `users` requesting `path` in turn."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
        "Accept: text/html\r\nConnection: close\r\n\r\n"
    ).encode()
    for _ in range(warmup):
        await _get(host, port, request)
    latencies, errors = [], {}
    deadline = time.perf_counter() + seconds

    async def user():
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            status, _size = await _get(host, port, request)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors[status] = errors.get(status, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(user() for _ in range(users)))
    return latencies, errors, time.perf_counter() - started


def _pct(latencies: list, p: float) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def _run(host, port, path, cookie, users, seconds, warmup) -> dict:
    latencies, errors, elapsed = await _timings(host, port, path, cookie, users, seconds, warmup)

    def pct(p):
        return _pct(latencies, p)

    return {
        "path": path,
        "users": users,
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "errors": errors,
    }


def measure(*, base, pages, users, seconds, cookie, log=print) -> list[dict]:
    """/healthz before and after every page, at each number of concurrent users."""
    parts = urllib.parse.urlsplit(base)
    host, port = parts.hostname, parts.port
    results = []
    for count in users:
        plan = [("healthz", "/healthz"), *[(p["name"], p["path"]) for p in pages]]
        plan.append(("healthz", "/healthz"))
        for name, path in plan:
            header = "" if name == "healthz" else cookie
            row = asyncio.run(_run(host, port, path, header, count, seconds, warmup=3))
            row["name"] = name
            results.append(row)
            log(
                f"  {count:>3} users {name:<32} p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms"
                f"  {row['rps']:7.1f}/s" + (f"  errors {row['errors']}" if row["errors"] else "")
            )
    return results


def compare(*, bases, pages, seconds, cookies, rounds=4, log=print) -> list[dict]:
    """Each page at 1 user on both servers in turn, `rounds` blocks each, so that both meet the
    machine in the same state; the p50 of each server's pooled requests.

    Each page gives one path per server (`paths`): the records' codes differ between databases.
    """
    results = []
    for page in pages:
        pooled: dict = {base: [] for base in bases}
        failed: dict = {}
        for _round in range(rounds):
            for base, path in zip(bases, page["paths"], strict=True):
                parts = urllib.parse.urlsplit(base)
                latencies, errors, _elapsed = asyncio.run(
                    _timings(
                        parts.hostname,
                        parts.port,
                        path,
                        cookies[base],
                        1,
                        seconds / rounds,
                        warmup=1,
                    )
                )
                pooled[base].extend(latencies)
                for status, n in errors.items():
                    failed[status] = failed.get(status, 0) + n
        if failed:
            raise SystemExit(f"{page['name']}: answered {failed} instead of 200")
        row = {"name": page["name"], "p50": [_pct(pooled[base], 50) for base in bases]}
        results.append(row)
        log(f"  compare {page['name']:<32} p50 " + " / ".join(f"{v:.1f} ms" for v in row["p50"]))
    return results


if __name__ == "__main__":
    spec = json.loads(sys.stdin.read())
    if spec.get("reference"):
        parts = urllib.parse.urlsplit(spec["base"])
        row = asyncio.run(
            _run(parts.hostname, parts.port, spec["path"], "", spec["users"], spec["seconds"], 3)
        )
        json.dump(row, sys.stdout)
        sys.exit(0)
    if spec.get("compare"):
        bases = spec["bases"]
        cookies = {base: login(base, spec["email"], spec["password"]) for base in bases}
        rows = compare(
            bases=bases,
            pages=spec["pages"],
            seconds=spec["seconds"],
            cookies=cookies,
            log=lambda line: print(line, file=sys.stderr, flush=True),
        )
        json.dump(rows, sys.stdout)
        sys.exit(0)
    cookie = login(spec["base"], spec["email"], spec["password"])
    rows = measure(
        base=spec["base"],
        pages=spec["pages"],
        users=spec["users"],
        seconds=spec["seconds"],
        cookie=cookie,
        log=lambda line: print(line, file=sys.stderr, flush=True),
    )
    json.dump(rows, sys.stdout)
