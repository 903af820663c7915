// Test-only: pins the clock the SDKs read (Date.now(), new Date()) to
// STUDIO_NOW_MS, or to clock.set(ms), so a token's times are known exactly.
// Preload it with `node -r ./clock.js`; without STUDIO_NOW_MS the clock is real.
"use strict";

const RealDate = Date;
let fixedMs = process.env.STUDIO_NOW_MS ? Number(process.env.STUDIO_NOW_MS) : null;

class PinnedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0 && fixedMs !== null) {
      super(fixedMs);
    } else {
      super(...args);
    }
  }

  static now() {
    return fixedMs === null ? RealDate.now() : fixedMs;
  }
}

globalThis.Date = PinnedDate;

module.exports = {
  set(ms) {
    fixedMs = ms;
  },
};
