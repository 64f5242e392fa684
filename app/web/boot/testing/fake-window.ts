/** A page's address, history and sessionStorage as the boot code uses them, for tests: it records every `replaceState`. */
export function fakeWindow(href: string, data = new Map<string, string>()) {
  const url = new URL(href);
  const loc = { pathname: url.pathname, search: url.search, hash: url.hash } as Location;
  const replaced: string[] = [];
  const history = { state: null, replaceState: (_s: unknown, _t: string, u: string) => replaced.push(u) } as unknown as History;
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  } as Storage;
  return { loc, history, storage, replaced, data };
}
