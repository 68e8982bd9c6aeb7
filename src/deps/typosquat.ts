/**
 * Typosquatting: a requested name that is not itself a popular project but sits within a
 * small edit distance of one (`reqeusts` → `requests`, `djang0` → `django`,
 * `python-dateutils` → `python-dateutil`).
 *
 * Facts: `data/top-pypi-packages.json.gz`, compiled from the top ~15,000 PyPI projects by
 * downloads (see `data/ADVISORIES-LICENSE.md` for its source). Names are compared after
 * PEP 503 normalisation, so `python_dateutil` is the same project, not a squat.
 *
 * Rule (chosen to keep false positives rare, in the spirit of pypi's own typo checks
 * and of Vu et al., "Typosquatting and combosquatting attacks on the Python ecosystem"):
 * - targets are the {@link TARGET_RANK} most downloaded projects (the ones worth squatting);
 * - a name in the whole top list is popular in its own right and never flagged;
 * - names shorter than 5 characters are not checked (too many legitimate neighbours);
 * - distance: Levenshtein (`fastest-levenshtein`), with one adjacent transposition
 *   counting as a single edit (optimal string alignment); at most 1 for names under 10
 *   characters, 2 from 10 characters on;
 * - a name that only adds or drops a `python-`/`py` prefix or a `-python`/`py` suffix to a
 *   target is also reported (`python-requests`), at low confidence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { distance } from 'fastest-levenshtein';
import { DATA_DIR } from './database.js';
import { normalizeName } from './pep440.js';

/** How many of the most downloaded projects are treated as squatting targets. */
export const TARGET_RANK = 2000;

export interface TopPackages {
  /** Normalised names in rank order (index 0 = most downloaded). */
  names: string[];
  rank: Map<string, number>;
  source: string;
}

let loaded: TopPackages | undefined;

/** Load `data/top-pypi-packages.json.gz` (once). */
export function loadTopPackages(): TopPackages {
  if (loaded) return loaded;
  const raw = JSON.parse(gunzipSync(readFileSync(join(DATA_DIR, 'top-pypi-packages.json.gz'))).toString('utf8')) as { names: string[]; source?: string };
  const names = raw.names.map(normalizeName);
  const rank = new Map<string, number>();
  names.forEach((n, i) => {
    if (!rank.has(n)) rank.set(n, i + 1);
  });
  loaded = { names, rank, source: raw.source ?? '' };
  return loaded;
}

/** Levenshtein distance where one adjacent transposition costs 1 (OSA), capped use: small distances only. */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  // Exactly one adjacent swap?
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return 1;
  return d;
}

export interface TyposquatHit {
  /** The popular project the name resembles. */
  target: string;
  /** Its download rank (1 = most downloaded). */
  targetRank: number;
  distance: number;
  confidence: 'high' | 'medium' | 'low';
}

const AFFIXES = [/^python-/, /^py-?/, /-python$/, /-?py$/, /^python3?-/];

/**
 * Check one requested name.
 * @returns the closest popular project it imitates, or undefined (popular names, short
 *   names and names far from every target give undefined).
 */
export function checkTyposquat(name: string, top: TopPackages = loadTopPackages()): TyposquatHit | undefined {
  const n = normalizeName(name);
  if (n.length < 5 || top.rank.has(n)) return undefined;
  const maxD = n.length >= 10 ? 2 : 1;
  let best: TyposquatHit | undefined;
  const limit = Math.min(TARGET_RANK, top.names.length);
  for (let i = 0; i < limit; i++) {
    const t = top.names[i];
    if (Math.abs(t.length - n.length) > maxD || t.length < 4) continue;
    const d = editDistance(n, t);
    if (d === 0 || d > maxD) continue;
    if (!best || d < best.distance || (d === best.distance && i + 1 < best.targetRank)) {
      best = { target: t, targetRank: i + 1, distance: d, confidence: d === 1 ? 'high' : 'medium' };
    }
  }
  if (best) return best;
  for (const re of AFFIXES) {
    const stripped = n.replace(re, '');
    if (stripped === n || stripped.length < 4) continue;
    const r = top.rank.get(stripped);
    if (r !== undefined && r <= limit) return { target: stripped, targetRank: r, distance: n.length - stripped.length, confidence: 'low' };
  }
  return undefined;
}
