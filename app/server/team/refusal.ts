/** A refusal of /api/team: Daily's error type and sentence, with the TeamRefusal the SPA words for the visitor. */
import type { TeamRefusal } from '../../shared/team-api.ts';
import { ApiError, type ApiErrorType } from '../http/errors.ts';

export const refusal = (type: ApiErrorType, reason: TeamRefusal, info: string) => new ApiError(type, info, undefined, reason);
