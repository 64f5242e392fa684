/**
 * The team over the operator API (`/v1`, the API key): the team's name, invite link and members,
 * rotating the invite code, removing a member (signed out at once). This is how the first owner
 * gets in: the operator hands the invite link to them (or runs `npm run foyer -- team invite`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound, parseOrThrow } from '../http/errors.ts';
import { emailParameter, type Team } from './team.ts';

export const teamMemberObject = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'member']),
  created_at: z.iso.datetime(),
}).strict();

export const teamObject = z.object({
  name: z.string(),
  invite_link: z.string(),
  members: z.array(teamMemberObject),
}).strict();

export const inviteRotatedObject = z.object({ invite_link: z.string() }).strict();
export const memberRemovedObject = z.object({ deleted: z.literal(true), email: z.string() }).strict();

export function teamApiRoutes(v1: FastifyInstance, team: Team): void {
  v1.get('/v1/team', async (): Promise<z.infer<typeof teamObject>> => ({
    name: team.name,
    invite_link: await team.inviteLink(),
    members: (await team.members()).map((m) => ({ email: m.email, name: m.name, role: m.role, created_at: m.created_at })),
  }));

  v1.post('/v1/team/invite', async (request): Promise<z.infer<typeof inviteRotatedObject>> => {
    parseOrThrow(z.object({}).strict(), request.body ?? {});
    return { invite_link: await team.rotateInvite() };
  });

  v1.delete<{ Params: { email: string } }>('/v1/team/members/:email', async (request): Promise<z.infer<typeof memberRemovedObject>> => {
    const email = parseOrThrow(emailParameter, request.params.email, 'email').trim().toLowerCase();
    if (!await team.removeMember(email)) throw notFound(`no member with the email ${email}`);
    return { deleted: true, email };
  });
}
