// The form kept across reloads: a draft in localStorage (never the token: the snapshot the
// page hands here has none), saved a moment after each change, restored on load, and
// forgotten on "Clear the form". Leaving while the form differs from what is kept (the
// save has not happened yet, or storage refused it) asks first.

const KEY = "coc-script-exec.draft";
/** How long typing may pause before the draft is written (ms): not on every keystroke. */
const SAVE_DELAY_MS = 250;

export class Draft {
  /**
   * `snapshot()`: the form as a JSON-able object, without the token. `onSaved(ok)`: told
   * after each write whether storage took it.
   */
  constructor(snapshot, onSaved = () => {}) {
    this.snapshot = snapshot;
    this.onSaved = onSaved;
    this.saved = null; // the text last written (or read), or null
    this.failed = false;
    this.timer = null;
    window.addEventListener("beforeunload", (event) => {
      this.flush();
      if (this.differs()) {
        event.preventDefault();
        event.returnValue = ""; // older browsers ask only when this is set
      }
    });
  }

  /** The kept draft, or null (none, unreadable, or storage refused). */
  load() {
    try {
      const text = localStorage.getItem(KEY);
      if (text === null) return null;
      const value = JSON.parse(text);
      this.saved = text;
      return value && typeof value === "object" ? value : null;
    } catch {
      return null;
    }
  }

  /** Takes the form as it is now as the baseline, without writing it (the page's defaults). */
  baseline() {
    this.saved ??= JSON.stringify(this.snapshot());
  }

  /** Saves soon: a burst of keystrokes is one write. */
  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Saves now. Returns false when storage refused (a private window, a quota, a policy). */
  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    const text = JSON.stringify(this.snapshot());
    if (text === this.saved) return !this.failed;
    try {
      localStorage.setItem(KEY, text);
      this.saved = text;
      this.failed = false;
    } catch {
      this.failed = true;
    }
    this.onSaved(!this.failed);
    return !this.failed;
  }

  /** Does the form differ from what a reload would bring back? */
  differs() {
    return JSON.stringify(this.snapshot()) !== this.saved;
  }

  /** Forgets the draft; `defaults` (the form as the page opens) becomes the baseline. */
  clear(defaults) {
    clearTimeout(this.timer);
    try {
      localStorage.removeItem(KEY);
    } catch { /* nothing was kept */ }
    this.failed = false;
    this.saved = JSON.stringify(defaults);
  }
}
