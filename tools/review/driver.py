"""Clears a review station's queue by keyboard only, the way a reviewer would, and counts the keys.

The driver never clicks. It follows the page's own focus: on a document, focus starts on the first
doubtful field with its text selected; for each field focused it compares the value shown with the
ground truth and presses Enter when they agree, else types the truth (a sensitive value twice, into
the second input the page opens) and presses Enter; when focus reaches Accept it presses Enter
there. Plans change that for chosen documents: reject with Alt+R and a reason, accept with Alt+O and
an override reason, or first type a value that breaks a rule (the refusal is checked by a callback).

Keystrokes are counted per document: every `press` is one (Enter, Alt+V, Ctrl+Enter alike) and every
character typed is one.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from typing import Callable

WAIT_MS = 15_000


def launch_chromium(playwright):
    """Headless system Chromium (Debian package `chromium`); a clear error when it is missing."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium is missing: sudo apt-get install -y chromium")
    return playwright.chromium.launch(executable_path=path, headless=True)


@dataclass
class Detour:
    """Before typing the right value of `field`, type `wrong` (it breaks a rule), try to accept, and let
    `refused(page)` check what the page says; then carry on with the right value."""
    field: str
    wrong: str
    refused: Callable


@dataclass
class Plan:
    """What to do with one document other than confirm-or-correct then Enter on Accept."""
    reject: str | None = None      # Alt+R, this reason, Enter
    override: str | None = None    # Alt+O, this reason, Enter (instead of Enter on Accept)
    detour: Detour | None = None


def plans_for_invalid_forms(invalid: dict[str, list[str]], reject: str, override: str) -> dict[str, Plan]:
    """What a reviewer does with forms wrong on paper (the ground truth's `invalid` reasons): a required box
    left unticked is overridden with the reason the office knows better; anything else wrong on paper (a
    My Number failing its check digit, a date that does not exist, a fee that does not add up) is
    rejected, since the value the paper holds cannot be accepted as it is."""
    plans = {}
    for file, reasons in invalid.items():
        if not reasons:
            continue
        if set(reasons) == {"required_box"}:
            plans[file] = Plan(override=override)
        else:
            plans[file] = Plan(reject=reject)
    return plans


@dataclass
class DocumentRecord:
    id: str
    file: str
    doubtful: int
    doubtful_fields: list[str] = field(default_factory=list)
    outcome: str = ""
    keys: int = 0
    typed: int = 0                 # characters typed (corrections and reasons)
    corrections: dict[str, str] = field(default_factory=dict)
    reveals: int = 0
    sensitive_corrections: int = 0
    seconds: float = 0.0

    def budget(self, plan: Plan | None) -> int:
        """The most keys this document may take: 2 per doubtful field plus the characters typed, plus
        the documented extras — 1 per Alt+V, 1 per sensitive correction (Enter in its second input),
        2 for Alt+O/Alt+R and their Enter, 2 for a rule detour (Enter after the wrong value, the
        refused Enter on Accept)."""
        extra = self.reveals + self.sensitive_corrections
        if plan and (plan.reject or plan.override):
            extra += 2
        if plan and plan.detour:
            extra += 2
        return 2 * self.doubtful + self.typed + extra


class Keyboard:
    """The only way the driver touches the page; counts what it sends."""

    def __init__(self, page):
        self.page = page
        self.keys = 0
        self.typed = 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.keys += len(text)
        self.typed += len(text)


# What the focused element is, as the driver needs it.
FOCUSED_JS = """() => {
  const e = document.activeElement;
  const card = e && e.closest ? e.closest('.field') : null;
  return {
    tag: e ? e.tagName : '', id: e ? e.id : '',
    field: e && e.dataset ? (e.dataset.field || null) : null,
    confirm: Boolean(e && e.dataset && e.dataset.confirm),
    sensitive: Boolean(e && e.dataset && e.dataset.sensitive),
    revealed: Boolean(card && card.classList.contains('revealed')),
    value: e && 'value' in e ? e.value : null,
    selected: Boolean(e && 'value' in e && e.selectionStart === 0 && e.selectionEnd === e.value.length),
  };
}"""

NEXT_PAGE_JS = """(previous) => {
  const b = document.body.dataset;
  if (b.page === 'queue') return b.state === 'ready';
  return b.page === 'document' && b.document !== previous && b.state !== 'loading';
}"""

# The resolution went through (the next page is up) or was refused (the page says why).
RESOLVED_OR_REFUSED_JS = """(previous) => {
  const b = document.body.dataset;
  if (b.page === 'queue') return b.state === 'ready' ? 'next' : false;
  if (b.page === 'document' && b.document !== previous) return b.state !== 'loading' ? 'next' : false;
  const message = document.getElementById('action-message');
  return message && message.textContent.trim() ? 'refused: ' + message.textContent.trim() : false;
}"""


class Reviewer:
    """Drives one browser page through a station's queue."""

    def __init__(self, page, truth: dict[str, dict[str, str]], plans: dict[str, Plan] | None = None,
                 name: str = "山田"):
        self.page = page
        self.truth = truth
        self.plans = plans or {}
        self.name = name
        self.keyboard = Keyboard(page)
        self.opening_keys = 0
        self.records: list[DocumentRecord] = []
        self.on_document: Callable | None = None  # called with (page, record) once a document is ready

    def open_queue(self, url: str) -> None:
        """Opens the queue and, on a first visit, types the reviewer's name (Enter saves it)."""
        page = self.page
        page.goto(url)
        page.wait_for_function("() => ['name', 'ready'].includes(document.body.dataset.state)", timeout=WAIT_MS)
        before = self.keyboard.keys
        if page.evaluate("document.body.dataset.state") == "name":
            self.keyboard.type(self.name)
            self.keyboard.press("Enter")
        page.wait_for_selector("body[data-page=queue][data-state=ready]", timeout=WAIT_MS)
        self.opening_keys = self.keyboard.keys - before

    def start_first(self) -> None:
        """Enter on the document the queue focused."""
        before = self.keyboard.keys
        self.keyboard.press("Enter")
        self.wait_next("")
        self.opening_keys += self.keyboard.keys - before

    def clear(self, limit: int = 50) -> list[DocumentRecord]:
        """Reviews documents until the station goes back to the queue."""
        for _ in range(limit):
            if self.page.evaluate("document.body.dataset.page") == "queue":
                return self.records
            self.review_document()
        raise AssertionError(f"the queue was not cleared after {limit} documents")

    def wait_next(self, previous: str) -> None:
        self.page.wait_for_function(NEXT_PAGE_JS, arg=previous, timeout=WAIT_MS)

    def wait_for_images(self) -> None:
        """Waits until the page image and the crops shown have loaded (for screenshots)."""
        self.page.wait_for_function(
            "() => [...document.images].filter(i => !i.hidden).every(i => i.complete && i.naturalWidth > 0)",
            timeout=WAIT_MS)

    def focused(self) -> dict:
        return self.page.evaluate(FOCUSED_JS)

    def review_document(self) -> DocumentRecord:
        page = self.page
        state = page.evaluate("document.body.dataset.state")
        assert state == "ready", f"document page not ready but {state!r}: " + page.inner_text("main")[:500]
        doc_id = page.evaluate("document.body.dataset.document")
        file = page.inner_text("header h1").strip()
        names = page.eval_on_selector_all(".doubtful-list input.field-input:not([data-confirm])",
                                          "inputs => inputs.map(input => input.dataset.field)")
        record = DocumentRecord(id=doc_id, file=file, doubtful=len(names), doubtful_fields=names)
        truth = self.truth[file]
        plan = self.plans.get(file) or Plan()
        started, keys_before, typed_before = time.monotonic(), self.keyboard.keys, self.keyboard.typed
        if self.on_document:
            self.on_document(page, record)

        if plan.reject:
            self.keyboard.press("Alt+R")
            self.keyboard.type(plan.reject)
            self.keyboard.press("Enter")
            record.outcome = "rejected"
        else:
            self.walk_fields(record, truth, plan)
            if plan.override:
                self.keyboard.press("Alt+O")
                self.keyboard.type(plan.override)
                self.keyboard.press("Enter")
            else:
                self.keyboard.press("Enter")
            record.outcome = "accepted"
        outcome = self.page.wait_for_function(RESOLVED_OR_REFUSED_JS, arg=doc_id, timeout=WAIT_MS).json_value()
        assert outcome == "next", f"{file}: the station did not take the {record.outcome} document: {outcome}"
        record.keys = self.keyboard.keys - keys_before
        record.typed = self.keyboard.typed - typed_before
        record.seconds = time.monotonic() - started
        self.records.append(record)
        return record

    def walk_fields(self, record: DocumentRecord, truth: dict[str, str], plan: Plan) -> None:
        """Enter through the doubtful fields (correcting where the value differs) until Accept has focus."""
        detour = plan.detour
        for _ in range(4 * record.doubtful + 4):
            now = self.focused()
            if now["id"] == "accept":
                return
            name = now["field"]
            assert name and not now["confirm"], f"{record.file}: unexpected focus {now}"
            assert now["selected"], f"{record.file}: {name} was focused without its text selected"
            if now["sensitive"] and not now["revealed"]:
                self.keyboard.press("Alt+V")
                record.reveals += 1
                self.page.wait_for_selector(f".field.revealed [data-field='{name}']", timeout=WAIT_MS)
                now = self.focused()
            want = truth[name]
            retype = False
            if detour and detour.field == name:
                self.take_detour(detour)
                detour, retype = None, True
            if now["value"] == want and not retype:
                self.keyboard.press("Enter")
                continue
            self.keyboard.type(want)
            record.corrections[name] = want
            self.keyboard.press("Enter")
            if now["sensitive"]:
                again = self.focused()
                assert again["confirm"] and again["field"] == name, f"{name}: no second input after Enter: {again}"
                self.keyboard.type(want)
                self.keyboard.press("Enter")
                record.sensitive_corrections += 1
        raise AssertionError(f"{record.file}: Enter never reached Accept; focus {self.focused()}")

    def take_detour(self, detour: Detour) -> None:
        """Types the rule-breaking value, Enter (to Accept), Enter (refused); focus comes back to the field."""
        self.keyboard.type(detour.wrong)
        self.keyboard.press("Enter")
        assert self.focused()["id"] == "accept"
        self.keyboard.press("Enter")
        self.page.wait_for_function(
            "() => document.getElementById('action-message').textContent.trim() !== ''", timeout=WAIT_MS)
        detour.refused(self.page)
        back = self.focused()
        assert back["field"] == detour.field and back["selected"], f"after the refusal focus is on {back}"
