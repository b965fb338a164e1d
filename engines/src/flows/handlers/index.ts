import type { FlowNodeType } from '../types.js';
import { condition } from './condition.js';
import { entry } from './entry.js';
import { gather } from './gather.js';
import type { NodeHandler } from './handler.js';
import { hangup } from './hangup.js';
import { hours } from './hours.js';
import { http } from './http.js';
import { language } from './language.js';
import { lookup } from './lookup.js';
import { menu } from './menu.js';
import { play } from './play.js';
import { queue } from './queue.js';
import { returnNode } from './return.js';
import { setVariable } from './set-variable.js';
import { subflow } from './subflow.js';
import { survey } from './survey.js';
import { transfer } from './transfer.js';
import { voicemail } from './voicemail.js';

/** The dispatcher's table: one handler per node type (a missing one is a compile error). */
export const HANDLERS: { [T in FlowNodeType]: NodeHandler<T> } = {
  entry, play, menu, gather, condition, hours, setVariable, lookup, http,
  queue, transfer, voicemail, survey, language, subflow, return: returnNode, hangup,
};
