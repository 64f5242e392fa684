/** Schemas shared by rooms and meeting tokens. */
import { z } from 'zod';

/** Unix seconds; integers or fractions (some clients send `time.time() + n`). */
export const unixSeconds = z.number().finite().min(0);

export const langSchema = z.enum([
  'da', 'de', 'en', 'es', 'fi', 'fr', 'it', 'jp', 'ka', 'nl', 'no', 'pt', 'pt-BR', 'pl', 'ru', 'sv', 'tr', 'user',
]);

const sendKinds = z.enum(['video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio']);
const adminKinds = z.enum(['participants', 'streaming', 'transcription']);

export const permissionsSchema = z.object({
  hasPresence: z.boolean().optional(),
  canSend: z.union([z.boolean(), z.array(sendKinds)]).optional(),
  canReceive: z.record(z.string(), z.unknown()).optional(),
  canAdmin: z.union([z.boolean(), z.array(adminKinds)]).optional(),
}).strict();
export type Permissions = z.infer<typeof permissionsSchema>;
