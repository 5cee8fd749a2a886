"""Benchmark of the review station on a sample batch: how many keys a reviewer needs per cleared
document, and how fast the station answers.

    python3 tools/review/bench.py [--rpa .build/release/rpa] [--batch samples/juminhyo/batch-01]
                                  [--repeat 10] [--json]

1. Scratch copy of the workflows and the batch, `rpa run`, `rpa review serve --port 0` (station.py).
2. Crops on request: each doubtful field's crop fetched once before any document is opened (the
   station makes it then; opening a document prefetches its crops, so this is the cold case), and
   once more (warm).
3. Server latency over the queue, from Python on loopback: each document claimed, then `--repeat`
   times GET /api/documents/{id} and POST …/check (with no correction, and with one), then released.
4. Headless Chromium clears the queue by keyboard only (driver.py): keys per document, and the
   latency of each POST the page sent, as the browser saw it (request start to first response byte);
   those of POST …/resolution are the resolution figures.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from review.driver import Reviewer, launch_chromium, plans_for_invalid_forms  # noqa: E402
from review.station import BATCH, Station, ground_truth, invalid_reasons  # noqa: E402

POST_HEADERS = {"Content-Type": "application/json", "X-RPA-Request": "station"}


class Client:
    """Plain HTTP/1.1 to the station, one kept-alive connection, every request timed."""

    def __init__(self, url: str):
        host, port = url.split("//")[1].strip("/").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, bytes, float]:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        start = time.perf_counter()
        self.connection.request(method, path, body=data, headers={**(headers or {}),
                                                                   **(POST_HEADERS if method == "POST" else {})})
        response = self.connection.getresponse()
        payload = response.read()
        return response.status, payload, time.perf_counter() - start

    def json(self, method: str, path: str, body=None) -> tuple[dict, float]:
        status, payload, seconds = self.request(method, path, body)
        if status >= 400:
            raise RuntimeError(f"{method} {path}: {status} {payload[:300]!r}")
        return (json.loads(payload) if payload else {}), seconds


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def summary_ms(seconds: list[float]) -> dict:
    ms = [value * 1000 for value in seconds]
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 1), "p95_ms": round(percentile(ms, 0.95), 1),
            "max_ms": round(max(ms), 1)}


def measure_crops(client: Client, documents: list[dict]) -> dict:
    """Each doubtful field's crop, fetched cold then warm."""
    cold, warm, first = [], [], []
    for document in documents:
        for index, field in enumerate(f for f in document["fields"] if f["doubtful"] and f.get("crop")):
            status, _, seconds = client.request("GET", field["crop"])
            assert status == 200, (field["crop"], status)
            cold.append(seconds)
            if index == 0:
                first.append(seconds)
            warm.append(client.request("GET", field["crop"])[2])
    return {"cold": summary_ms(cold), "first_of_document": summary_ms(first), "warm": summary_ms(warm)}


def measure_api(client: Client, documents: list[dict], repeat: int) -> dict:
    """GET document and POST check, `repeat` times each per document, under a claim."""
    gets, checks, corrected = [], [], []
    for document in documents:
        path = f"/api/documents/{document['id']}"
        claim = client.json("POST", f"{path}/claim", {"reviewer": "bench"})[0]["claim"]
        field = next((f for f in document["fields"] if f["doubtful"] and not f["sensitive"]),
                     next(f for f in document["fields"] if not f["sensitive"]))
        for _ in range(repeat):
            gets.append(client.json("GET", path)[1])
            checks.append(client.json("POST", f"{path}/check", {"claim": claim, "values": {}})[1])
            body = {"claim": claim, "values": {field["name"]: field["value"] + "1"}}
            corrected.append(client.json("POST", f"{path}/check", body)[1])
        client.json("POST", f"{path}/release", {"claim": claim})
    return {"get_document": summary_ms(gets), "check": summary_ms(checks),
            "check_with_correction": summary_ms(corrected)}


def clear_by_keyboard(url: str, batch: Path) -> tuple[list, dict[str, list[float]], int]:
    """Headless Chromium clears the queue: the records, the latency of each POST the page sent (by
    endpoint: claim, check, reveal, resolution…), and the keys to give a name and open the first."""
    from playwright.sync_api import sync_playwright

    plans = plans_for_invalid_forms(invalid_reasons(batch), "個人番号の誤記", "窓口で確認済み")
    posts: dict[str, list[float]] = {}

    def finished(request):
        if request.method == "POST" and "/api/documents/" in request.url:
            timing = request.timing
            posts.setdefault(request.url.rsplit("/", 1)[1], []).append(
                (timing["responseStart"] - timing["requestStart"]) / 1000)

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("requestfinished", finished)
        reviewer = Reviewer(page, ground_truth(batch), plans, name="bench")
        reviewer.open_queue(url)
        reviewer.start_first()
        records = reviewer.clear()
        browser.close()
    return records, posts, reviewer.opening_keys


def run(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="rpa-review-bench-") as folder:
        with Station.start(Path(folder), batch=args.batch, binary=args.rpa) as station:
            client = Client(station.url)
            queue = client.json("GET", "/api/queue")[0]
            ids = [doc["id"] for workflow in queue["workflows"] for doc in workflow["documents"]]
            documents = [client.json("GET", f"/api/documents/{doc_id}")[0] for doc_id in ids]
            crops = measure_crops(client, documents)
            api = measure_api(client, documents, args.repeat)
            records, posts, opening = clear_by_keyboard(station.url, args.batch)
    keys = sum(record.keys for record in records)
    doubtful = sum(record.doubtful for record in records)
    return {
        "batch": str(args.batch), "documents": len(records), "doubtful_fields": doubtful,
        "keys": {"total": keys, "per_document": round(keys / len(records), 2),
                 "per_doubtful_field": round(keys / doubtful, 2), "opening": opening,
                 "typed_characters": sum(record.typed for record in records),
                 "documents": [{"file": r.file, "outcome": r.outcome, "doubtful": r.doubtful, "keys": r.keys,
                                "typed": r.typed, "corrections": len(r.corrections), "seconds": round(r.seconds, 2)}
                               for r in records]},
        "latency": {**api, "resolution": summary_ms(posts["resolution"])},
        "browser_posts": {name: summary_ms(values) for name, values in sorted(posts.items())},
        "crop_on_request": crops,
    }


def show(result: dict) -> None:
    keys = result["keys"]
    print(f"Review station benchmark — {result['batch']}: {result['documents']} documents cleared by keyboard, "
          f"{result['doubtful_fields']} doubtful fields")
    print(f"  keys: {keys['total']} in all, {keys['per_document']} per document, "
          f"{keys['per_doubtful_field']} per doubtful field ({keys['typed_characters']} of them typed characters; "
          f"+{keys['opening']} to give a name and open the first)")
    for doc in keys["documents"]:
        print(f"    {doc['file']:<18} {doc['outcome']:<9} doubtful {doc['doubtful']}  keys {doc['keys']:>3}  "
              f"typed {doc['typed']:>3}  {doc['seconds']:.2f} s")
    rows = {**result["latency"], **{f"crop {k}": v for k, v in result["crop_on_request"].items()},
            **{f"browser POST {k}": v for k, v in result["browser_posts"].items()}}
    for name, figures in rows.items():
        print(f"  {name:<24} p50 {figures['p50_ms']:>7.1f} ms  p95 {figures['p95_ms']:>7.1f} ms  "
              f"max {figures['max_ms']:>7.1f} ms  (n={figures['n']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rpa", type=Path, default=None, help="the rpa binary (default: $RPA_BINARY, else debug)")
    parser.add_argument("--batch", type=Path, default=BATCH, help="a sample batch with ground_truth.json")
    parser.add_argument("--repeat", type=int, default=10, help="GETs and checks per document (default 10)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = run(args)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        show(result)


if __name__ == "__main__":
    main()
