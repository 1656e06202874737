import { ApiError } from '../api';
import type { Window } from './hours';

export interface Team {
  id: string;
  name: string;
  description?: string | null;
  memberIds: string[];
  strategy: string;
  fallbackStrategy?: string;
  requiredSkills: string[];
  timeZone?: string | null;
  businessHours: Window[];
  noReplyMinutes?: number | null;
  leadId?: string | null;
}

export interface Agent {
  id: string;
  username: string;
  name?: string;
  roles: string[];
  availability: string;
  capacity: number;
  channelCapacity: Record<string, number>;
  skills: string[];
  teamIds: string[];
  openCount: number;
  lastSeenAt?: string | null;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title?: string | null;
  text: string;
  placeholders?: string[];
}

export const STRATEGIES = ['manual', 'round_robin', 'least_loaded', 'sticky'];
export const FALLBACK_STRATEGIES = ['least_loaded', 'round_robin'];
export const AVAILABILITIES = ['online', 'away', 'offline'];
export const SHORTCUT = /^[A-Za-z0-9_-]{1,50}$/;

/** The request that replaces a team with itself, changed by `changes` (PUT replaces every field). */
export function teamRequest(team: Team, changes: Partial<Team> = {}): Record<string, unknown> {
  const merged = { ...team, ...changes };
  return {
    name: merged.name,
    description: merged.description || undefined,
    memberIds: merged.memberIds,
    strategy: merged.strategy,
    fallbackStrategy: merged.fallbackStrategy,
    requiredSkills: merged.requiredSkills,
    timeZone: merged.timeZone || undefined,
    businessHours: merged.businessHours?.length ? merged.businessHours : undefined,
    noReplyMinutes: merged.noReplyMinutes ?? undefined,
    leadId: merged.leadId || undefined,
  };
}

/** What to tell the admin: the API's own words for a refused request, else the error's message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status >= 400 && error.status < 500 && error.detail) return error.detail;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The field errors of a validation problem (`{errors: [{field, message}]}`), if any. */
export function fieldErrors(error: unknown): { field: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  const body = error.body as { errors?: { field?: string; message?: string }[] } | undefined;
  return (body?.errors ?? [])
    .filter((e) => typeof e.field === 'string')
    .map((e) => ({ field: e.field as string, message: e.message ?? '' }));
}

export function agentName(agent: Agent): string {
  return agent.name || agent.username;
}
