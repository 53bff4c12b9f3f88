/**
 * Resolves once `check` holds, polling every `intervalMs` (default 50); rejects with `what` after
 * `timeoutMs` (default 10,000). What tests wait with instead of a fixed sleep.
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${options.what ?? 'the condition'} did not hold within ${options.timeoutMs ?? 10_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
