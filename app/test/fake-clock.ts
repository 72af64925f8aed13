/**
 * For app/test/vitest.clock.config.ts: moves the JavaScript clock (Date only; timers stay
 * real) to FAKE_NOW and lets it run on from there, to check that tests do not depend on
 * the day they run. PostgreSQL's own clock (now(), column defaults) is not moved, so only
 * tests that pass their times explicitly can be judged this way.
 */
import { vi } from "vitest";

const at = process.env.FAKE_NOW;
if (at) vi.useFakeTimers({ toFake: ["Date"], now: new Date(at), shouldAdvanceTime: true });
