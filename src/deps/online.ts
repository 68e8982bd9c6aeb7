/**
 * `--online`: ask the OSV query API (<https://google.github.io/osv.dev/post-v1-querybatch/>)
 * which advisories affect the exact versions found, to catch advisories newer than the
 * local data. Only advisory ids come back; ids unknown locally are reported with
 * "unknown" severity and a link. Offline it gives up after a short timeout with a
 * one-line note, and the scan keeps the local results.
 */
export const OSV_QUERYBATCH = 'https://api.osv.dev/v1/querybatch';

/**
 * Query the OSV API for `{name, version}` pairs.
 * @returns for each query (same order) the advisory ids, or `{ error }` (one line).
 */
export async function queryOsvBatch(
  queries: { name: string; version: string }[],
  opts: { timeoutMs?: number; url?: string } = {},
): Promise<{ ids: string[][] } | { error: string }> {
  if (!queries.length) return { ids: [] };
  const body = { queries: queries.map((q) => ({ package: { name: q.name, ecosystem: 'PyPI' }, version: q.version })) };
  try {
    const res = await fetch(opts.url ?? OSV_QUERYBATCH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 8000),
    });
    if (!res.ok) return { error: `OSV API answered HTTP ${res.status}` };
    const json = (await res.json()) as { results?: { vulns?: { id: string }[] }[] };
    return { ids: (json.results ?? []).map((r) => (r.vulns ?? []).map((v) => v.id)) };
  } catch (e) {
    const err = e as { message?: string; cause?: { message?: string } };
    return { error: `OSV API unreachable (${(err.cause?.message ?? err.message ?? String(e)).split('\n')[0]})` };
  }
}
