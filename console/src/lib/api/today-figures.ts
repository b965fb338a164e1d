// The workbench's daily figures (GET /api/calls/today): counted on the server from the call records since
// midnight in the workspace's time zone, with the definitions the reports use (runtime/src/calls/today-figures.ts).
import type { TodayFiguresJson } from '@telesales/schemas';
import { get, qs } from './client';

export type { TodayFiguresJson };
export type FiguresScope = 'mine' | 'team';

export const todayFigures = (scope: FiguresScope = 'mine') => get<TodayFiguresJson>(`/calls/today${qs({ scope: scope === 'team' ? scope : undefined })}`);
