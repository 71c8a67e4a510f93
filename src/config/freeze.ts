/** Deep freezing of parsed specs: the core and the viewer share them, and none may change them. */

/** Freezes `v` and everything reachable from it (plain objects and arrays); returns `v`. */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}
