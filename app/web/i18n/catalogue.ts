/** Types shared by the catalogues: keys come from English (all its parts), variables from the English text. */
import type { enCall } from './en-call.ts';
import type { enDashboard } from './en-dashboard.ts';
import type { enTeam } from './en-team.ts';
import type { en } from './en.ts';

/** The whole English catalogue's type: the entry's part, the call's, the team screens' and the dashboard's. */
type English = typeof en & typeof enCall & typeof enTeam & typeof enDashboard;

/** A text, or a plural chosen by the `count` variable with `Intl.PluralRules` (`one`, `other`; `zero`, `two`, `few`, `many` optional). */
export type Message = string | { one: string; other: string; zero?: string; two?: string; few?: string; many?: string };

/** Every key of the UI, e.g. `prejoin.join`, `access.no-room.title`. */
export type MessageKey = keyof English;

/** A whole language: every key, no other. */
export type Catalogue = Record<MessageKey, Message>;

type Placeholders<S> = S extends `${string}{${infer V}}${infer Rest}` ? V | Placeholders<Rest> : never;
type TextsOf<M> = M extends string ? M : M extends { one: infer O; other: infer T } ? O | T : never;

/** The variables a key's English text names (`{name}` → `name`); a plural also takes `count`. */
export type VarsOf<K extends MessageKey> = Placeholders<TextsOf<English[K]>>;

/** The arguments after the key: none for a fixed text, an object of its variables otherwise. */
export type VarArgs<K extends MessageKey, V = string | number> = [VarsOf<K>] extends [never] ? [] : [vars: Record<VarsOf<K>, V>];
