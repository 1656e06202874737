import { reactive } from 'vue';
import { api } from './api';

/** The signed-in person, as the gateway's {@code GET /api/me} tells. */
export interface Me {
  username: string;
  name?: string;
  email?: string;
  workspace: string;
  roles: string[];
}

export const session = reactive<{ me: Me | null }>({ me: null });

export async function loadMe(): Promise<Me> {
  const me = await api<Me>('/api/me');
  session.me = me;
  return me;
}

export function hasRole(role: 'agent' | 'sales' | 'admin'): boolean {
  return session.me?.roles.includes(role) ?? false;
}
