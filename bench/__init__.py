"""Load and PDF benchmarks of SEL Planner: `python -m bench --help`.

A script, not part of the product: it builds its own PostgreSQL databases through the project's
services, serves them with gunicorn as production does, and writes docs/performance.md.
"""
