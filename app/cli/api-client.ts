/**
 * A small client for Foyer's REST API (`/v1`), over fetch. It returns the API's JSON as is and turns
 * every failure into an `ApiFailure` whose message names the next step: the CLI prints it and exits 1.
 * The API key goes only into the Authorization header: never into a URL, a message or the output.
 */

/** What the CLI does not need to type precisely is passed through as JSON. */
export type Json = Record<string, unknown>;

export interface Room {
  id: string;
  name: string;
  privacy: 'public' | 'private';
  url: string;
  created_at: string;
  config: Record<string, unknown> & { enable_knocking?: boolean; exp?: number; max_participants?: number };
}
export interface RoomList { total_count: number; data: Room[] }

export interface MeetingParticipant { user_id: string | null; participant_id: string; user_name: string | null; join_time: number; duration: number | null }
export interface Meeting {
  id: string;
  room: string;
  start_time: number;
  duration: number | null;
  ongoing: boolean;
  max_participants: number;
  /** Left out when asked with `no_participants=true` (Daily's option). */
  participants?: MeetingParticipant[];
}
export interface MeetingList { total_count: number; data: Meeting[] }

export interface PresentParticipant { room: string; id: string; userId: string | null; userName: string | null; mtgSessionId?: string; joinTime: string; duration: number }
export type Presence = Record<string, PresentParticipant[]>;

export interface WaitingParticipant { id: string; user_name: string | null; user_id: string | null; waiting_since: string | number }
export interface WaitingList { total_count: number; data: WaitingParticipant[] }
export interface WaitingAnswer { granted: string[]; denied: string[] }

export interface TeamMember { email: string; name: string; role: 'owner' | 'member'; created_at: string }
export interface Team { name: string; invite_link: string; members: TeamMember[] }

/** A request that did not succeed, with what to do next in `message`. */
export class ApiFailure extends Error {
  constructor(message: string, readonly status?: number, readonly type?: string) {
    super(message);
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  /** The key, or how to find it: asked for at the first request, so a bad command line is refused before. */
  apiKey: string | (() => string);
  fetch?: typeof fetch;
  /** Give up on an unanswered request after this long (default 15 s). */
  timeoutMs?: number;
}

const HOW_TO_SET_THE_KEY =
  'set FOYER_API_KEY to the key Foyer printed on its first start (or run this from the directory whose data/ Foyer uses, or set FOYER_DATA_DIR to it)';

/** The sentence the CLI prints for an error answer: the server's words, then the next step. */
export function describeFailure(status: number, body: { error?: unknown; info?: unknown } | undefined, baseUrl: string, retryAfter: string | null): string {
  const info = typeof body?.info === 'string' ? body.info : undefined;
  const type = typeof body?.error === 'string' ? body.error : undefined;
  const said = info ?? `HTTP ${status}`;
  if (type === 'authentication-error' || status === 401) return `the API key was refused by Foyer at ${baseUrl}: ${HOW_TO_SET_THE_KEY}`;
  if (type === 'authorization-header-error') return `Foyer at ${baseUrl} did not get the API key: ${HOW_TO_SET_THE_KEY}`;
  if (type === 'rate-limit-error' || status === 429) {
    return `Foyer is refusing requests for a while (${said}); try again in ${retryAfter ?? 'a few'} s`;
  }
  if (type === 'not-found' && said.startsWith('no such endpoint')) return `${said}: the Foyer at ${baseUrl} is older than this CLI; update it`;
  if (type === 'not-found' && /^room \S+ not found$/.test(said)) return `${said} (\`npm run foyer -- rooms list\` shows the rooms)`;
  if (type === 'not-found' && said.startsWith('no member with')) return `${said} (\`npm run foyer -- team members\` shows the members)`;
  if (status >= 500) return `Foyer failed to do it (${said}); see the server's log, then retry`;
  return said;
}

/** The REST calls the CLI makes. Each resolves with the API's JSON or rejects with `ApiFailure`. */
export function apiClient(opts: ApiClientOptions) {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;

  async function request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const apiKey = typeof opts.apiKey === 'function' ? opts.apiKey() : opts.apiKey;
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        throw new ApiFailure(`Foyer at ${baseUrl} did not answer within ${Math.round(timeoutMs / 1000)} s: is it overloaded, or is FOYER_URL another server?`);
      }
      throw new ApiFailure(`cannot reach Foyer at ${baseUrl}: is \`npm start\` running? (set FOYER_URL if Foyer runs elsewhere)`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const shaped = json && typeof json === 'object' ? (json as { error?: unknown; info?: unknown }) : undefined;
      throw new ApiFailure(describeFailure(res.status, shaped, baseUrl, res.headers.get('retry-after')), res.status, typeof shaped?.error === 'string' ? shaped.error : undefined);
    }
    if (json === undefined) {
      throw new ApiFailure(`${baseUrl} answered ${method} ${path.split('?')[0]} with something that is not JSON: is FOYER_URL a Foyer server?`, res.status);
    }
    return json as T;
  }

  const room = (name: string) => `/v1/rooms/${encodeURIComponent(name)}`;
  const query = (params: Record<string, string | number | boolean | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
    const s = q.toString();
    return s ? `?${s}` : '';
  };

  return {
    baseUrl,
    createRoom: (body: Json) => request<Room>('POST', '/v1/rooms', body),
    getRoom: (name: string) => request<Room>('GET', room(name)),
    listRooms: (page: { limit?: number; starting_after?: string } = {}) => request<RoomList>('GET', `/v1/rooms${query(page)}`),
    deleteRoom: (name: string) => request<{ deleted: boolean; name: string }>('DELETE', room(name)),
    createToken: (properties: Json) => request<{ token: string }>('POST', '/v1/meeting-tokens', { properties }),
    meetings: (filter: { room?: string; ongoing?: boolean; limit?: number }) => request<MeetingList>('GET', `/v1/meetings${query(filter)}`),
    presence: () => request<Presence>('GET', '/v1/presence'),
    waiting: (name: string) => request<WaitingList>('GET', `${room(name)}/waiting-participants`),
    answerWaiting: (name: string, updates: Record<string, { grantRequestedAccess: boolean }>) =>
      request<WaitingAnswer>('POST', `${room(name)}/waiting-participants`, { updates }),
    team: () => request<Team>('GET', '/v1/team'),
    rotateInvite: () => request<{ invite_link: string }>('POST', '/v1/team/invite', {}),
    removeMember: (email: string) => request<{ deleted: true; email: string }>('DELETE', `/v1/team/members/${encodeURIComponent(email)}`),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
