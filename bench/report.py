"""docs/performance.md from one run's numbers."""

import math
import statistics

TARGETS = {
    "p95_ms": 150,
    "ceiling_share": 0.02,
    "queries": 25,
    "growth": 1.2,
    "annual_seconds": 5,
    "annual_mb": 400,
    "annual_over_weasyprint": 1.3,
}


def _by_level(rows):
    """{users: ({name: row}, ceiling rps)}: the ceiling is the better /healthz run of the level."""
    out = {}
    for row in rows:
        pages, ceiling = out.setdefault(row["users"], ({}, [0.0]))
        if row["name"] == "healthz":
            ceiling[0] = max(ceiling[0], row["rps"])
        else:
            pages[row["name"]] = row
    return {users: (pages, ceiling[0]) for users, (pages, ceiling) in out.items()}


def _machine_lines(r: dict) -> list[str]:
    from bench.reference import TARGET_MACHINE_RPS

    runs = r.get("reference") or []
    if not runs:
        return []
    low, high = TARGET_MACHINE_RPS
    served = " and ".join(f"{run['rps']:,.0f}/s" for run in runs)
    share = max(run["rps"] for run in runs) / ((low + high) / 2)
    return [
        f"- Machine speed: a bare Django view (`bench/reference.py`: no middleware, no database) "
        f"on the same gunicorn served {served} at {runs[0]['users']} users, at the start and at "
        f"the end of the run, about {share:.2f} of the {low:,}-{high:,}/s it served on the "
        "machine the targets were set on. Every page's latency grows as the machine slows. "
        "The load client shares these cores, so the figure is a lower bound for the server alone."
    ]


def _geomean(values):
    values = [v for v in values if v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def markdown(r: dict) -> str:
    levels = _by_level(r["rows"])
    small = {row["name"]: row for row in r["small_rows"] if row["name"] != "healthz"}
    users = r["users"]
    main = 10 if 10 in levels else users[len(users) // 2]
    one = 1 if 1 in levels else users[0]
    pages, ceiling = levels[main]
    big, args = r["big"], r["args"]
    loads = r["load_average"] or [0]
    lines = [
        "# Performance",
        "",
        f"Measured by `python -m bench` on {r['started']} ({r['minutes']:.0f} min): "
        f"`--districts {args['districts']} --cycles {args['cycles']} --members {args['members']} "
        f"--seconds {args['seconds']:g} --users {args['users']}`.",
        "",
        f"- Machine: {r['cpus']} cores, Python {r['python']}, PostgreSQL and Redis on the same "
        f"machine. The 1-minute load average during the run was {min(loads):.1f} to "
        f"{max(loads):.1f} (median {statistics.median(loads):.1f}; the server, the load client and "
        f"the database share these {r['cpus']} cores, so about {r['cpus']} is the run itself"
        + (
            "; more means other work was going on, and the numbers are a lower bound)."
            if statistics.median(loads) > r["cpus"] + 0.5
            else ")."
        ),
        f"- Data: `{big['name']}`, {big['districts']} districts x {big['cycles']} cycles (two "
        f"closed, the current one open) x {big['members']} members, every tool of every cycle "
        "filled as `seed_demo` fills the demo district; built through the demo's own services in "
        f"{big['build_seconds']:.0f} s ({big['districts'] / big['build_seconds']:.2f} districts/s, "
        f"plus {big['migrate_seconds']:.0f} s of migrations)"
        + (", reused from an earlier run" if big.get("reused") else "")
        + ". The comparison database holds 1 district of the same shape.",
        "- Server: gunicorn, 2 sync workers, `DEBUG=false`, hashed static files through "
        "WhiteNoise, Redis cache, persistent database connections; plain HTTP on 127.0.0.1 (no TLS "
        "redirect).",
        "- Load: a separate process signs in as the lead of `bench-001` and requests each page of "
        f"its 2026-27 cycle for {args['seconds']:g} s at each number of concurrent users (a new "
        "connection per request, as sync workers close each one). The pages are every page the "
        "lead reaches by following links inside the cycle, one address per URL name, with real "
        "codes.",
        "- Ceiling: `/healthz` (no login, no template, one `SELECT 1`), measured in the same run "
        "before and after the pages at each number of users; the better of the two.",
        *_machine_lines(r),
        "- Queries: counted once per page in-process against the same database "
        "(`CaptureQueriesContext`, session and user lookups included), with the cache emptied "
        "first, so that the dashboard's count is that of computing its progress cards; under "
        "load they are served from the cache until the district's data changes.",
        "",
    ]
    # Summary of the targets.
    p95_miss = [n for n, row in pages.items() if row["p95"] > TARGETS["p95_ms"]]
    share_miss = [n for n, row in pages.items() if row["rps"] < TARGETS["ceiling_share"] * ceiling]
    query_miss = [p["name"] for p in r["pages"] if p["queries"] > TARGETS["queries"]]
    # The 200-district p50 measured in turn with the 1-district one (older runs: the 1-user load).
    ones = r.get("big_alternating") or {n: row["p50"] for n, row in levels[one][0].items()}
    growth = {n: ones[n] / small[n]["p50"] for n in ones if n in small and small[n]["p50"]}
    growth_miss = [n for n, g in growth.items() if g > TARGETS["growth"]]
    overall_growth = _geomean(list(growth.values()))
    pdfs = r["pdfs"]
    annual, alone = pdfs["annual-job"], pdfs["annual-weasyprint"]

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    def names(miss):
        return ", ".join(f"`{n}`" for n in miss[:12]) + (" ..." if len(miss) > 12 else "")

    lines += [
        "## Targets",
        "",
        "| target | reached | |",
        "| --- | --- | --- |",
        f"| every page p95 <= {TARGETS['p95_ms']} ms at {main} users | "
        f"{len(pages) - len(p95_miss)} of {len(pages)} pages; worst "
        f"{max(row['p95'] for row in pages.values()):.0f} ms | {verdict(not p95_miss)} |",
        f"| page throughput >= {TARGETS['ceiling_share']} x the `/healthz` ceiling "
        f"({ceiling:.0f}/s at {main} users) | {len(pages) - len(share_miss)} of {len(pages)} "
        f"pages; lowest {min(row['rps'] for row in pages.values()) / ceiling:.3f} | "
        f"{verdict(not share_miss)} |",
        f"| <= {TARGETS['queries']} queries per page | {len(r['pages']) - len(query_miss)} of "
        f"{len(r['pages'])} pages; most {max(p['queries'] for p in r['pages'])} | "
        f"{verdict(not query_miss)} |",
        f"| time with {big['districts']} districts <= {TARGETS['growth']} x with 1 (p50, 1 user) | "
        f"geometric mean {overall_growth:.2f}; {len(growth) - len(growth_miss)} of {len(growth)} "
        f"pages within | {verdict(not growth_miss)} |",
        f"| annual report <= {TARGETS['annual_seconds']} s | {annual['seconds']:.2f} s | "
        f"{verdict(annual['seconds'] <= TARGETS['annual_seconds'])} |",
        f"| annual report <= {TARGETS['annual_mb']} MB | {annual['rss_peak_mb']:.0f} MB peak | "
        f"{verdict(annual['rss_peak_mb'] <= TARGETS['annual_mb'])} |",
        f"| annual report <= {TARGETS['annual_over_weasyprint']} x WeasyPrint alone | "
        f"{annual['seconds'] / alone['seconds']:.2f} x | "
        f"{verdict(annual['seconds'] <= TARGETS['annual_over_weasyprint'] * alone['seconds'])} |",
        "",
    ]
    if p95_miss:
        lines += [f"Pages over {TARGETS['p95_ms']} ms p95 at {main} users: {names(p95_miss)}.", ""]
    if query_miss:
        lines += [f"Pages over {TARGETS['queries']} queries: {names(query_miss)}.", ""]
    if growth_miss:
        lines += [
            f"Pages over {TARGETS['growth']} x with {big['districts']} districts "
            f"(each page {args['seconds']:g} s on each server): "
            f"{names(growth_miss)}.",
            "",
        ]
    lines += [
        f"## Pages at {main} concurrent users",
        "",
        "Milliseconds; ratio = the page's requests/s over the `/healthz` ceiling of "
        f"{ceiling:.0f}/s; 1 district = p50 at 1 user with 1 district in the database, and the "
        f"ratio of the {big['districts']}-district p50 at 1 user to it; both servers run side by "
        "side for this, each page timed on one then the other in four blocks each, so that both "
        "meet the machine in the same state.",
        "",
        (
            "| page | p50 | p95 | p99 | req/s | ratio to ceiling | queries | KB | 1 district p50 | "
            "200/1 |"
        ).replace("200", str(big["districts"])),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in r["pages"]:
        name = page["name"]
        row = pages.get(name)
        if row is None:
            continue
        base = small.get(name)
        small_p50 = f"{base['p50']:.1f}" if base else "-"
        ratio = f"{growth[name]:.2f}" if name in growth else "-"
        lines.append(
            f"| `{name}` | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} | "
            f"{row['rps']:.1f} | {row['rps'] / ceiling:.3f} | {page['queries']} | "
            f"{page['bytes'] / 1024:.0f} | {small_p50} | {ratio} |"
        )
    lines.append("")
    for count in users:
        if count == main:
            continue
        level, level_ceiling = levels[count]
        lines += [
            f"## Pages at {count} concurrent user{'s' if count != 1 else ''}",
            "",
            f"`/healthz` ceiling {level_ceiling:.0f}/s.",
            "",
            "| page | p50 | p95 | p99 | req/s | ratio to ceiling |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page in r["pages"]:
            row = level.get(page["name"])
            if row:
                lines.append(
                    f"| `{page['name']}` | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} "
                    f"| {row['rps']:.1f} | {row['rps'] / level_ceiling:.3f} |"
                )
        lines.append("")
    lines += [
        "## The `/healthz` ceiling",
        "",
        "| users | before the pages | after | errors |",
        "| ---: | ---: | ---: | --- |",
    ]
    for count in users:
        runs = [row for row in r["rows"] if row["name"] == "healthz" and row["users"] == count]
        errors = sum(sum(row["errors"].values()) for row in runs)
        lines.append(f"| {count} | {runs[0]['rps']:.0f}/s | {runs[-1]['rps']:.0f}/s | {errors} |")
    failures = [(row["users"], row["name"], row["errors"]) for row in r["rows"] if row["errors"]]
    listed = ", ".join(f"`{n}` at {u} users ({e})" for u, n, e in failures[:10])
    lines += ["", f"Pages that answered anything but 200 under load: {len(failures)}"]
    lines[-1] += f": {listed}." if failures else "."
    lines += [
        "",
        "## PDFs",
        "",
        f"The demo cycle of `bench-001` in the {big['districts']}-district database; median of "
        f"{args['pdf_rounds']} runs, each in a fresh process (peak memory is the process's, "
        "with Django and WeasyPrint loaded; before the job in brackets).",
        "",
        "| PDF | pages | whole job | WeasyPrint alone | job / WeasyPrint | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, label in (
        ("annual", "annual report to stakeholders"),
        ("workbook", "workbook record"),
    ):
        job, wp = pdfs[f"{kind}-job"], pdfs[f"{kind}-weasyprint"]
        lines.append(
            f"| {label} | {job['pages']:.0f} | {job['seconds']:.2f} s | {wp['seconds']:.2f} s | "
            f"{job['seconds'] / wp['seconds']:.2f} | {job['rss_peak_mb']:.0f} MB "
            f"({job['rss_before_mb']:.0f} MB) |"
        )
    lines += ["", "Raw numbers of this run: `docs/performance.json`.", ""]
    return "\n".join(lines)
