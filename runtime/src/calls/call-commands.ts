import type { Locale, MonitorMode } from '@telesales/schemas';
import type { SessionUser } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { control, dispose, sendDtmf, transfer, type Control } from './agent-actions.js';
import type { CallDoc } from './call-doc.js';
import { cancelConsult, completeTransfer, conference, consult, type ConsultTarget } from './consult.js';
import { text } from './messages.js';
import { monitor } from './monitor.js';
import { tryOffer } from './queue.js';
import type { CallsService } from './service.js';

/**
 * What may be asked of a call, as plain data: whichever runtime process receives the request, the process that
 * holds the call (call-owner.ts) carries it out with the same functions a single process uses.
 */
export type CallCommand =
  | { name: 'control'; action: Control }
  | { name: 'dtmf'; digits: string }
  | { name: 'transfer'; target: ConsultTarget }
  | { name: 'consult'; target: ConsultTarget }
  | { name: 'completeTransfer' | 'cancelConsult' | 'conference' }
  | { name: 'dispose'; input: { key: string; note?: string; contactAt?: string } }
  /** A supervisor listens, whispers, barges in (null: leaves): their leg is where the call's media is (monitor.ts). */
  | { name: 'monitor'; mode: MonitorMode | null }
  /** The call waits in a queue and an agent became ready: ring them (no person asks: `userId` null). */
  | { name: 'offer' };

/** A command with who asks it and in which language their errors are written. */
export interface CallRequest {
  callId: string;
  command: CallCommand;
  userId: string | null;
  locale: Locale;
}

/** Carries out a request in this process (the call's work queue orders it with the call's other events). */
export async function runCallRequest(svc: CallsService, req: CallRequest, known?: SessionUser): Promise<CallDoc | null> {
  const { callId, command, locale } = req;
  if (command.name === 'offer') {
    await svc.run(callId, () => tryOffer(svc, callId));
    return null;
  }
  // `known`: the request was received here, by a session checked a moment ago; from elsewhere, read the user now.
  const user = known && known.id === req.userId ? known : req.userId ? await svc.user(req.userId) : null;
  // Signed out or disabled since the request was made elsewhere: as for a stranger's call.
  if (!user) throw new ApiError(404, 'call_not_found', text('call_not_found', locale));
  return asUser(svc, user, callId, command, locale);
}

function asUser(svc: CallsService, user: SessionUser, callId: string, command: Exclude<CallCommand, { name: 'offer' }>, locale: Locale): Promise<CallDoc> {
  switch (command.name) {
    case 'control': return control(svc, user, callId, command.action, locale);
    case 'dtmf': return sendDtmf(svc, user, callId, command.digits, locale);
    case 'transfer': return transfer(svc, user, callId, command.target, locale);
    case 'consult': return consult(svc, user, callId, command.target, locale);
    case 'completeTransfer': return completeTransfer(svc, user, callId, locale);
    case 'cancelConsult': return cancelConsult(svc, user, callId, locale);
    case 'conference': return conference(svc, user, callId, locale);
    case 'dispose': return dispose(svc, user, callId, command.input, locale);
    case 'monitor': return monitor(svc, user, callId, command.mode, locale);
  }
}
