/** The dotted package a Python file belongs to, from the `__init__.py` files of its folders. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Dotted package name of a folder that holds `__init__.py`, from its ancestors' `__init__.py` files. */
export function packageOf(dir: string): string {
  const parts: string[] = [];
  let d = dir;
  for (let i = 0; i < 64 && existsSync(path.join(d, '__init__.py')); i++) {
    parts.unshift(path.basename(d));
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return parts.join('.');
}
