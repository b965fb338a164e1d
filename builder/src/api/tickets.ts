import type { TicketBalanceJson, TicketLogJson } from '@telesales/schemas';
import { api } from './client';

export type { TicketBalanceJson, TicketLogJson };
export type TicketKind = TicketLogJson['kind'];

export interface TicketAdjustment {
  userId: string;
  kind: TicketKind;
  /** Positive grants, negative deducts. */
  delta: number;
  reason: string;
}

export const listTicketBalances = () => api<TicketBalanceJson[]>('GET', '/api/tickets');
export const listTicketLog = (userId: string) => api<TicketLogJson[]>('GET', `/api/tickets/log?userId=${encodeURIComponent(userId)}`);
export const adjustTickets = (change: TicketAdjustment) => api<TicketBalanceJson>('POST', '/api/tickets', change);
