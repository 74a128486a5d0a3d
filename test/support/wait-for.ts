// Waits for something a test expects to happen (a line of a child's output, a
// delivery count, a call reaching the simulator) instead of sleeping a fixed time:
// it goes on as soon as the condition holds, and fails with a clear message at
// the deadline rather than hanging until the test's own timeout.

export interface WaitForOptions {
  /** Milliseconds before giving up (default 10 s: generous on a busy machine). */
  timeout?: number;
  /** Milliseconds between checks. */
  interval?: number;
  /** What the failure says, e.g. a child process's output so far. */
  message?: () => string;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeout = 10_000, interval = 10, message }: WaitForOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const detail = message ? `:\n${message()}` : "";
      throw new Error(`waitFor: not true after ${timeout} ms${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
