"""The review station driven from Python: a scratch station (station.py), a keyboard-only reviewer in
headless Chromium (driver.py), and the benchmark (bench.py)."""
