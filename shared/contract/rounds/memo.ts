/**
 * Caches a derived value per state object. States are immutable (every accepted event makes a new one), so
 * the object identity is a safe key, and a service rendering 2,000 views of one state derives it once.
 */
export function memoByState<S extends object, R>(derive: (state: S) => R): (state: S) => R {
  const cache = new WeakMap<S, R>();
  return (state) => {
    if (cache.has(state)) return cache.get(state) as R;
    const value = derive(state);
    cache.set(state, value);
    return value;
  };
}
