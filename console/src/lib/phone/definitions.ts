// The two admin-defined lists the phone bar works from: agent states (ready, busy, after-call work with a
// maximum time, breaks) and call dispositions (outcomes that may need a note or a contact plan time).
import type { AgentStateOption, DispositionOutcome, DispositionsDefinition } from '@telesales/schemas';
import { publishedOfKind } from '$lib/api/definitions';

export type { AgentStateOption, DispositionOutcome };

export const loadDispositions = () => publishedOfKind<DispositionsDefinition>('dispositions');
