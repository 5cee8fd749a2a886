"""The review station in a real browser: headless Chromium clears the `make demo` queue
(samples/juminhyo/batch-01) by keyboard only, and the outputs and the ledger show it.

For each document the reviewer walks the doubtful fields with Enter, typing the ground truth where the
value read differs (a sensitive value revealed with Alt+V first, and typed twice), then Enter on
Accept. On the way: one correction breaks a workflow rule (生年月日 after 請求日) and must be refused,
with the rule's message beside the field, before the right date is typed; the form whose My Number
fails its check digit on paper is rejected with Alt+R and a reason; the form with no 交付種別 ticked
is accepted with Alt+O and an override reason.

Keys per document: at most 2 per doubtful field plus the characters typed, plus the documented
extras (see DocumentRecord.budget); a document whose doubtful fields were all read right takes
exactly one Enter per doubtful field and one on Accept.

Needs the debug binary (`swift build`, or $RPA_BINARY), Playwright for Python and the Debian package
`chromium`; when one is missing the test fails saying so (it never skips). With RPA_SCREENSHOTS=DIR it
saves review-queue.png and review-document.png there.
"""
import csv
import json
import os
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from review.driver import Detour, Plan, Reviewer, launch_chromium, plans_for_invalid_forms  # noqa: E402
from review.station import Station, StationError, ground_truth, invalid_reasons  # noqa: E402

REJECT_REASON = "個人番号の誤記（申請者に確認）"
OVERRIDE_REASON = "交付種別は窓口で口頭確認済み"
BIRTH, CLAIMED = "生年月日", "請求日"


def sync_playwright():
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        pytest.fail("Playwright for Python is missing: pip install -r tools/requirements.txt "
                    "(playwright==1.65.2); the browser is the Debian package chromium")
    return start()


def rule_message(workflow: Path, rule: str) -> str:
    """The message the workflow gives `rule`."""
    rules = yaml.safe_load(workflow.read_text(encoding="utf-8"))["rules"]
    return next(entry["message"] for entry in rules if isinstance(entry, dict) and entry["rule"] == rule)


def plans_for(station: Station, truth: dict) -> dict[str, Plan]:
    """Reject the form whose My Number is wrong on paper; override the one with no box ticked where one
    is required; take a rule-breaking detour on the first other form whose last doubtful field is 生年月日."""
    plans = plans_for_invalid_forms(invalid_reasons(), REJECT_REASON, OVERRIDE_REASON)
    listing = station.rpa("review", "list", station.workflow, "--ledger", station.ledger, "--json")
    assert listing.returncode == 0, listing.stderr
    waiting = json.loads(listing.stdout)
    def last_doubtful(doc) -> str | None:
        return ([f["name"] for f in doc["fields"] if f["reasons"]] or [None])[-1]

    # The detour ends on Accept: 生年月日 must be the document's last doubtful field.
    detour_file = next(doc["file"] for doc in sorted(waiting, key=lambda doc: doc["file"])
                       if doc["file"] not in plans and last_doubtful(doc) == BIRTH)
    values = truth[detour_file]
    # A birth date a year after the request date: 生年月日 < 請求日 breaks.
    wrong = f"{int(values[CLAIMED][:4]) + 1}{values[BIRTH][4:]}"
    message = rule_message(station.workflow, f"{BIRTH} < {CLAIMED}")

    def refused(page):
        assert page.inner_text("header h1") == detour_file, "the rule-breaking document was resolved"
        assert message in page.inner_text("#action-message")
        for name in (BIRTH, CLAIMED):  # beside every field the rule names
            card = page.locator(".field", has=page.locator(f"input[data-field='{name}']"))
            assert message in card.locator(".messages").inner_text(), f"no rule message beside {name}"
        assert page.get_attribute("#accept", "aria-disabled") == "true"

    plans[detour_file] = Plan(detour=Detour(BIRTH, wrong, refused))
    return plans


def held_to_floors(workflow: str) -> str:
    """The workflow with three fields held to confidence floors of their own, where two engines agreeing
    would let them through: 個人番号 at 90, so the station is tried on a sensitive value a person has
    to see; 請求日 at 95, so that forms the committed workflow accepts wait with one doubtful field that
    was read right (cleared with Enter, Enter); 生年月日 at 99, so that a form waits with it as its last
    doubtful field for the rule-breaking detour (the neural recognizer reads the birth dates Tesseract
    misread)."""
    plain = "type: my_number, lang: eng, sensitive: true}"
    claimed = "{name: 請求日, zone: [660, 458, 1632, 162], type: date, required: true}"
    birth = "{name: 生年月日, zone: [660, 1020, 1632, 170], type: date, required: true}"
    assert plain in workflow and claimed in workflow and birth in workflow
    return workflow.replace(plain, "type: my_number, lang: eng, sensitive: true, min_confidence: 90}").replace(
        claimed, claimed[:-1] + ", min_confidence: 95}").replace(birth, birth[:-1] + ", min_confidence: 99}")


def test_keyboard_only_review_clears_the_queue(tmp_path):
    try:
        # Tesseract alone: the plans need a birth date it misreads (the neural recognizer reads it right).
        station = Station.start(tmp_path, edit=held_to_floors, tesseract_only=True)
    except StationError as error:
        pytest.fail(str(error))
    with station:
        assert station.run_exit == 3, "the sample batch should leave documents waiting for review"
        truth = ground_truth()
        plans = plans_for(station, truth)
        records, waiting, errors = clear_in_chromium(station, truth, plans)
        assert station.stop() == 0, "rpa review serve did not exit cleanly on SIGTERM: " + "".join(
            station.stderr_lines)
    assert not errors, f"errors in the page: {errors}"
    for record in records:  # shown with pytest -s
        print(f"{record.file}: {record.outcome}, {record.doubtful} doubtful, {record.keys} keys "
              f"({record.typed} typed), {len(record.corrections)} corrected")

    # Every waiting document was cleared, each once, in as few keys as promised.
    assert len(records) == waiting == len({record.id for record in records})
    for record in records:
        plan = plans.get(record.file)
        assert record.keys <= record.budget(plan), f"{record.file}: {record.keys} keys: {record}"
        if not plan and not record.corrections:
            assert record.keys == record.doubtful + 1, f"{record.file}: {record}"
    assert any(record.typed == 0 and record.keys == record.doubtful + 1 for record in records), \
        "no document whose doubtful fields were all read right was cleared with one Enter each, then Enter"
    assert any(record.reveals for record in records), "no sensitive field was revealed (Alt+V)"

    # Nothing waits any more.
    listing = station.rpa("review", "list", station.workflow, "--ledger", station.ledger, "--json")
    assert listing.returncode == 0 and json.loads(listing.stdout) == [], listing.stdout + listing.stderr

    check_outputs(station, records, truth)
    check_audit_and_ledger(station, records)


def clear_in_chromium(station: Station, truth: dict, plans: dict[str, Plan]):
    """Headless Chromium clears the queue by keyboard: the records, how many waited, the page's errors."""
    shots = Path(os.environ["RPA_SCREENSHOTS"]) if os.environ.get("RPA_SCREENSHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except Exception as error:  # noqa: BLE001 - any launch failure is the same missing browser
            pytest.fail(f"cannot start Chromium (Debian package chromium): {error}")
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="ja-JP")
        page.on("pageerror", lambda error: errors.append(str(error)))
        # Console errors too (a CSP violation is one); the station serves no favicon.
        page.on("console", lambda message: errors.append(f"{message.text} {message.location['url']}")
                if message.type == "error" and not message.location["url"].endswith("/favicon.ico") else None)
        reviewer = Reviewer(page, truth, plans)

        def on_document(page, record):
            if shots and not reviewer.records:  # the first document, as it opens
                reviewer.wait_for_images()
                page.screenshot(path=str(shots / "review-document.png"))

        reviewer.on_document = on_document
        reviewer.open_queue(station.url)
        if shots:
            reviewer.wait_for_images()
            page.screenshot(path=str(shots / "review-queue.png"))
        waiting = int(page.evaluate("document.body.dataset.waiting"))
        reviewer.start_first()
        records = reviewer.clear()
        assert "確認待ちの書類はありません" in page.inner_text("main")
        browser.close()
    return records, waiting, errors


def check_outputs(station: Station, records, truth) -> None:
    """The CSV holds every accepted document with the right values, the rejected one not. The fields
    the reviewer saw as doubtful are exactly the truth; the others as read, which may keep a space the
    paper has between digits and kana (the OCR's text clean-up, not the station's business)."""
    with station.csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    fields = [spec["name"] for spec in yaml.safe_load(station.workflow.read_text(encoding="utf-8"))["fields"]]
    rejected = [record.file for record in records if record.outcome == "rejected"]
    assert len(rejected) == 1 and rejected[0] not in rows, rejected
    for record in records:
        if record.outcome != "accepted":
            continue
        row, right = rows.get(record.file), truth[record.file]
        assert row, f"{record.file} accepted but not in {station.csv}"
        wrong = {name: (row[name], right[name]) for name in fields
                 if row[name] != right[name]
                 and (name in record.doubtful_fields or "".join(row[name].split()) != right[name])}
        assert not wrong, f"{record.file}: (written, truth) {wrong}"


def check_audit_and_ledger(station: Station, records) -> None:
    """Each cleared document has one resolution in the review audit trail (with its reasons; each reveal
    audited too) and in the ledger (`rpa ledger audit`: measured minutes, the fields changed), by the
    reviewer; the ledger report counts the resolutions and one rejection."""
    audit = station.rpa("review", "audit", station.workflow, "--ledger", station.ledger, "--json")
    assert audit.returncode == 0, audit.stderr
    entries = json.loads(audit.stdout)
    resolutions = {entry["file"]: entry for entry in entries if entry["action"] in ("accepted", "rejected")}
    assert len(resolutions) == len([e for e in entries if e["action"] in ("accepted", "rejected")])
    for record in records:
        entry = resolutions.get(record.file)
        assert entry, f"{record.file}: no resolution in the audit trail"
        assert entry["action"] == record.outcome and entry["reviewer"] == "山田"
        assert entry["measured"] is True and entry["minutes"] >= 0, entry
    assert sum(entry["minutes"] for entry in resolutions.values()) > 0
    assert [e["reason"] for e in resolutions.values() if e["action"] == "rejected"] == [REJECT_REASON]
    assert any(e.get("reason") == OVERRIDE_REASON for e in resolutions.values())
    reveals = [entry for entry in entries if entry["action"] == "revealed"]
    assert len(reveals) == sum(record.reveals for record in records)

    # The ledger's own record of each resolution: measured minutes, the fields changed, no values.
    ledger = station.rpa("ledger", "audit", "--ledger", station.ledger, "--json")
    assert ledger.returncode == 0, ledger.stderr
    rows = {row["document"]: row for row in json.loads(ledger.stdout)["resolutions"]}
    assert len(rows) == len(records)
    for record in records:
        row = next(row for document, row in rows.items() if record.id.startswith(document))
        assert row["measured"] is True and row["reviewer"] == "山田" and row["minutes"] >= 0, row
        assert (row["outcome"] == "rejected") == (record.outcome == "rejected"), row
        if record.outcome == "accepted":
            # A field typed back to the value read (the detour's last step on a birth date read right)
            # changed nothing: only typed fields may be reported changed.
            assert set(row["fieldsChanged"]) <= set(record.corrections), (record.file, row)
            assert any(row["fieldsChanged"] for row in rows.values()), "no correction reached the ledger"
    assert sum(row["minutes"] for row in rows.values()) > 0
    report = station.rpa("ledger", "--ledger", station.ledger, "--format", "json")
    assert report.returncode == 0, report.stderr
    totals = json.loads(report.stdout)["totals"]
    assert totals["reviewsResolved"] == len(records) and totals["rejected"] == 1, totals
