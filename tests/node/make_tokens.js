// Test-only: makes tokens with the real Node SDKs (opentok, @vonage/video).
// Reads one JSON spec on stdin, prints a JSON array with one entry per call:
// {"token": "..."} or {"error": "the SDK's message"}.
//
// Spec: {"api_key", "api_secret", "application_id", "private_key_path",
//        "calls": [{"sdk": "opentok" | "opentok-t1" | "vonage-video",
//                   "session_id", "now_ms", "options": {...}, "expire_in": N}]}
// `now_ms` pins the SDK's clock for that call (clock.js); `options` go to the SDK
// as given; `expire_in` adds an expireTime written as each SDK's docs write it:
// opentok's README `new Date().getTime() / 1000 + N` (a fraction the SDK
// rounds), @vonage/video `Math.floor(Date.now() / 1000) + N` (kept as given).
"use strict";

const clock = require("./clock");
const fs = require("node:fs");
const OpenTok = require("opentok");
const { Video } = require("@vonage/video");

const spec = JSON.parse(fs.readFileSync(0, "utf8"));
const opentok = new OpenTok(spec.api_key, spec.api_secret);
const video = new Video({
  applicationId: spec.application_id,
  privateKey: spec.private_key_path,
});

function make(call) {
  clock.set(call.now_ms === undefined ? null : call.now_ms);
  const options = { ...(call.options || {}) };
  if (call.expire_in !== undefined) {
    options.expireTime =
      call.sdk === "vonage-video"
        ? Math.floor(Date.now() / 1000) + call.expire_in
        : new Date().getTime() / 1000 + call.expire_in;
  }
  switch (call.sdk) {
    case "opentok":
      return opentok.generateToken(call.session_id, options);
    case "opentok-t1":
      return opentok.generateToken(call.session_id, options, true);
    case "vonage-video":
      return video.generateClientToken(call.session_id, options);
    default:
      throw new Error(`unknown sdk ${call.sdk}`);
  }
}

const out = spec.calls.map((call) => {
  try {
    return { token: make(call) };
  } catch (err) {
    return { error: String(err && err.message ? err.message : err) };
  }
});
process.stdout.write(JSON.stringify(out));
