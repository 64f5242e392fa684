/**
 * FOYER_LIVEKIT_NODES: the LiveKit nodes of one cluster (LiveKit's distributed mode, one Redis), as
 * the control plane needs to know them: where browsers connect, where the control plane asks
 * (health, room service), and where the node says its own id (its Prometheus metrics).
 */

/** One LiveKit node of the cluster. */
export interface LivekitNode {
  /** What browsers connect to (`ws://` or `wss://`). */
  publicUrl: string;
  /** Where the control plane asks: `GET /` for health, and the room service (`http://` or `https://`). */
  apiUrl: string;
  /**
   * The node's Prometheus metrics, which carry its LiveKit node id: with it, the control plane can
   * take a dead node out of LiveKit's Redis at once instead of LiveKit's ~5–9 s.
   */
  metricsUrl?: string;
}

const HOW = 'list the nodes separated by commas, each "ws(s)://public-url[|http(s)://api-url[|http(s)://metrics-url]]"';

function url(raw: string, protocols: string[], what: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !protocols.includes(parsed.protocol)) {
    throw new Error(`FOYER_LIVEKIT_NODES: "${raw}" is not a ${protocols.map((p) => `${p}//`).join(' or ')} URL (${what}); ${HOW}`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * Parses FOYER_LIVEKIT_NODES. Each node: its public URL, then optionally `|` its API URL (default:
 * the public URL with http(s)) and `|` its metrics URL. Unset or blank: no cluster (undefined).
 */
export function parseLivekitNodes(raw: string | undefined): LivekitNode[] | undefined {
  const entries = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return undefined;
  const nodes = entries.map((entry) => {
    const [publicRaw = '', apiRaw, metricsRaw, ...rest] = entry.split('|');
    if (rest.length > 0) throw new Error(`FOYER_LIVEKIT_NODES: "${entry}" has more than three parts; ${HOW}`);
    const publicUrl = url(publicRaw, ['ws:', 'wss:'], 'where browsers connect');
    const apiUrl = apiRaw ? url(apiRaw, ['http:', 'https:'], 'where the control plane asks') : publicUrl.replace(/^ws/, 'http');
    return { publicUrl, apiUrl, ...(metricsRaw ? { metricsUrl: url(metricsRaw, ['http:', 'https:'], 'its metrics') } : {}) };
  });
  const seen = new Set<string>();
  for (const node of nodes) {
    if (seen.has(node.apiUrl)) throw new Error(`FOYER_LIVEKIT_NODES names ${node.apiUrl} twice; ${HOW}`);
    seen.add(node.apiUrl);
  }
  return nodes;
}
