// 11. A step change fits one frame: at 1× (no CPU throttling), the longest main-thread task while
// the story moves from one step to the next (and its tween runs) must not exceed one frame budget,
// 1000/60 = 16.7 ms, on this machine.
//
// Absolute times are noisy here (shared cores, other builds), so the test never compares a time with
// 16.7 ms directly. It compares it with a REFERENCE TASK timed in the same page in the same run: a
// fixed JS loop (REF_ITERATIONS rounds of integer hashing and a Float64Array update, no allocation,
// no DOM). When the machine is slower or busier, both grow together and the ratio stays put.
//   worst task during a step change / reference time ≤ K
//
// Calibration (this machine kind, 2 cores, Chromium 156 headless, quiet): the reference loop of
// 4,000,000 rounds took 9.9–13.9 ms, median 10.2 ms over 18 runs in two sessions. One frame budget
// is 16.7 ms ≈ 1.63 × the reference, so K = 1.6 (rounded down: on the strict side by ~2 %).
// Check of the check: the second test slows every step change on purpose by SLOW_REFS = 2.5 runs
// of the reference loop's work in a MutationObserver on #story[data-active-step] (it runs inside the
// task that changes the step); that task then takes at least 2.5 references of CPU time (≈ 25 ms),
// so the ratio must come out above K, or the measurement is blind and the test fails. (Work, not a
// busy wait on the clock: a wait of 25 ms wall time got 15–20 ms of CPU on a busy machine.)
//
// How the step change is measured: a Chromium trace (categories toplevel, devtools.timeline,
// blink.user_timing) around scrolling each step to the reading line, waiting until it is active and
// until its tween ends (h.scrollToStep, h.waitActive → h.settle). Each top-level task on the
// renderer's main thread (CrRendererMain) counts once, with everything it runs (script, wasm,
// style, layout, paint, canvas): a task longer than a frame is a frame the reader sees stick. Tasks
// are assigned to the step whose performance.mark precedes them.
// A task counts with its main-thread time, the CPU time the trace records for it (`tdur`), not
// its wall time (`dur`): on this shared 2-core machine the operating system sometimes takes the
// main thread away in the middle of a task, and the task's wall time then grows by what another
// process ran. CI once failed this test on one step twice at 2.1–2.5× (a 22 ms "FunctionCall"
// with nothing inside it, then a 15 ms "PrePaint", which takes 1–2 ms here), while the same
// steps' work took at most 1.2× in every local run. Both times are in the failure message. The
// reference is pure script timed with performance.now(): the median of its ten runs is the time
// of a run the system left alone, which is its CPU time. The reference runs (before and after
// the traced scroll, 5 each, median) are outside the trace, so the trace's own overhead counts
// against the step changes: strict side again.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

const FRAME_MS = 1000 / 60;
const REF_ITERATIONS = 4_000_000;
const K = 1.6;
const SLOW_REFS = 2.5;

/** The fixed reference task, timed in the page; returns milliseconds. */
function referenceTask(n) {
  const t0 = performance.now();
  let x = 0x9e3779b9;
  const a = new Float64Array(1024);
  for (let i = 0; i < n; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    a[i & 1023] += Math.sqrt(x);
  }
  window.__perfSink = a[7]; // keeps the loop from being optimised away
  return performance.now() - t0;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function reference(page, runs) {
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(await page.evaluate(referenceTask, REF_ITERATIONS));
  return xs;
}

/** Top-level tasks on the renderer main thread, and the user-timing marks, from a trace. */
function tasksAndMarks(trace) {
  const events = trace.traceEvents ?? trace;
  const names = new Map(events.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const perThread = new Map();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (names.get(k) !== "CrRendererMain") continue;
    if (!perThread.has(k)) perThread.set(k, []);
    perThread.get(k).push(e);
  }
  // The page's renderer: the main thread that carries our marks.
  const [, evs] = [...perThread].find(([, es]) => es.some((e) => e.name?.startsWith("perf:"))) ?? [null, []];
  const marks = evs.filter((e) => e.name?.startsWith("perf:")).map((e) => ({ id: e.name.slice(5), ts: e.ts })).sort((a, b) => a.ts - b.ts);
  const complete = evs.filter((e) => e.ph === "X" && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  let end = -Infinity;
  for (const e of complete) {
    if (e.ts < end) {
      // Nested in the current top-level task: its larger parts name what the task did.
      if (e.dur > 2000 && !/RunTask|TimerBase|TimerFire|AsyncTask|v8.callFunction/.test(e.name)) tasks.at(-1).inner.push(`${e.name} ${(e.dur / 1000).toFixed(1)}`);
      continue;
    }
    // Main-thread (CPU) time where the trace has it, wall time otherwise (see the head comment).
    tasks.push({ ts: e.ts, ms: (e.tdur ?? e.dur) / 1000, wall: e.dur / 1000, name: e.name, inner: [] });
    end = e.ts + e.dur;
  }
  return { tasks, marks };
}

/**
 * Scrolls through `ids` (each to the reading line, until active and settled) under a trace.
 * Returns per step { id, worst, total } in ms and the reference times.
 */
async function measureStepChanges(page, ids) {
  const before = await reference(page, 6); // the first run warms the JIT up and is dropped
  await site.browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "blink.user_timing"] });
  for (const id of ids) {
    await page.evaluate((id) => performance.mark(`perf:${id}`), id);
    await h.scrollToStep(page, id);
    await h.waitActive(page, id);
  }
  await page.evaluate(() => performance.mark("perf:(end)"));
  const trace = JSON.parse((await site.browser.stopTracing()).toString("utf8"));
  const after = await reference(page, 5);
  const { tasks, marks } = tasksAndMarks(trace);
  assert.ok(marks.length === ids.length + 1, `expected ${ids.length + 1} marks in the trace, found ${marks.length}`);
  const steps = marks.slice(0, -1).map((m, i) => {
    const own = tasks.filter((t) => t.ts >= m.ts && t.ts < marks[i + 1].ts);
    const worstTask = own.reduce((a, t) => (t.ms > (a?.ms ?? -1) ? t : a), null);
    return {
      id: m.id,
      inner: worstTask?.inner.slice(0, 4).join(", ") ?? "",
      worst: Math.max(0, ...own.map((t) => t.ms)),
      wall: worstTask?.wall ?? 0,
      total: own.reduce((a, t) => a + t.ms, 0),
      tasks: own.length,
    };
  });
  return { steps, ref: median([...before.slice(1), ...after]), refRuns: [...before.slice(1), ...after] };
}

const describe = (r) =>
  `reference ${r.ref.toFixed(2)} ms (runs ${r.refRuns.map((x) => x.toFixed(1)).join(", ")}), K = ${K} ⇒ allowed ${(K * r.ref).toFixed(1)} ms here ` +
  `(frame budget ${FRAME_MS.toFixed(1)} ms); slowest step changes: ` +
  [...r.steps].sort((a, b) => b.worst - a.worst).slice(0, 6).map((s) => `${s.id} worst task ${s.worst.toFixed(1)} ms = ${(s.worst / r.ref).toFixed(2)}× (wall ${s.wall.toFixed(1)} ms) [${s.inner}] (all tasks ${s.total.toFixed(1)} ms)`).join("; ");

// Met since each graphic paints in a task of its own, never inside the browser's rendering update
// (web/graphic.rs `run`), and a map frame whose scene takes long to build paints a task later: the
// worst step change was 1.2–1.3 references when this became a test (it was 1.6–2.1).
/** One pass over every step change in a fresh page: the steps over K, and what was measured. */
async function passOverSteps() {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    // Start from a settled first step, so the first measured change is a real change.
    await h.scrollToStep(page, ids[0]);
    await h.waitActive(page, ids[0]);
    // The page's start is not a step change: the reader moves (the page fetches its drawing
    // code) and the graphics near the reader paint once (in the first still moment after it,
    // see web/page.rs).
    await h.firstMove(page);
    await h.nearPainted(page);
    await h.sleep(500);
    const r = await measureStepChanges(page, ids.slice(1));
    console.log(`# ${describe(r)}`);
    assert.deepEqual(errors.page, []);
    return { r, over: new Map(r.steps.filter((s) => s.worst / r.ref > K).map((s) => [s.id, `${s.id}: ${(s.worst / r.ref).toFixed(2)}× reference (${s.worst.toFixed(1)} ms)`])) };
  } finally {
    await context.close();
  }
}

// Met since each graphic paints in a task of its own, never inside the browser's rendering update
// (web/graphic.rs `run`), and a map frame whose scene takes long to build paints a task later: the
// worst step change was 1.2–1.3 references when this became a test (it was 1.6–2.1).
//
// A step over K is measured again, in a second pass in a fresh page, and fails only when it is over
// K there too: work a step change really does comes back every time, while a stall of this shared
// machine (CI once saw one step change at 2.1× in a run whose other 45 were at most 1.1×) does not
// strike the same step twice. The check of the check below slows every step, so it still fails.
test("every step change at 1× fits one frame budget of main-thread time (ratio to a reference task)", async () => {
  const first = await passOverSteps();
  if (first.over.size === 0) return;
  console.log(`# over K in the first pass, measured again: ${[...first.over.values()].join("; ")}`);
  const second = await passOverSteps();
  const again = [...first.over.keys()].filter((id) => second.over.has(id));
  assert.deepEqual(
    again.map((id) => `${first.over.get(id)}, then ${second.over.get(id)}`),
    [],
    `step changes whose longest main-thread task exceeds ${K}× the reference task (≈ one ${FRAME_MS.toFixed(1)} ms frame) in two passes: ${describe(first.r)} | second pass: ${describe(second.r)}`,
  );
});

test(`the check catches a step change slowed on purpose by ${SLOW_REFS} reference tasks of work`, async () => {
  // The reference loop itself (`referenceTask`), handed to the page as source with `slow`.
  const slow = (work, n) => {
    const wait = () => work(n);
    const hook = () => {
      const story = document.getElementById("story");
      if (!story) return false;
      new MutationObserver(wait).observe(story, { attributes: true, attributeFilter: ["data-active-step"] });
      return true;
    };
    if (!hook()) document.addEventListener("DOMContentLoaded", hook);
  };
  const { context, page } = await h.openPage(site.browser);
  try {
    await page.addInitScript(`(${slow})(${referenceTask}, ${Math.round(SLOW_REFS * REF_ITERATIONS)})`);
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    await h.scrollToStep(page, ids[0]);
    await h.waitActive(page, ids[0]);
    const pick = ids.slice(1, 5);
    const r = await measureStepChanges(page, pick);
    console.log(`# slowed on purpose: ${describe(r)}`);
    // The instrument sees the added work in the right step (not blind, not misattributed): at
    // least three quarters of it (the reference is a median of runs that spread 1.8× on a busy
    // machine: a run saw 2.2 references of work where 2.5 were added; a step change alone is ≤ 1.2)…
    const unseen = r.steps.filter((s) => s.worst < SLOW_REFS * r.ref * 0.75);
    assert.deepEqual(unseen.map((s) => `${s.id}: worst task ${s.worst.toFixed(1)} ms`), [], `the ${SLOW_REFS} references of work added to each step change were not seen: ${describe(r)}`);
    // …and the ratio flags it.
    const caught = r.steps.filter((s) => s.worst / r.ref > K);
    assert.equal(caught.length, pick.length, `every slowed step change should exceed K = ${K}: ${describe(r)}`);
  } finally {
    await context.close();
  }
});
