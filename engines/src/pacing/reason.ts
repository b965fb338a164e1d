/** A pacing decision's reason as one sentence in Chinese and one in English (logged, shown to supervisors). */
import type { PacingLimit, PacingReason } from './types.js';

const pct = (r: number): string => `${Math.round(r * 1000) / 10} %`;
const pctZh = (r: number): string => `${Math.round(r * 1000) / 10}%`;
const level = (n: number): string => n.toFixed(1);

const WHY: Record<PacingLimit, { zh: (cap: number) => string; en: (cap: number) => string }> = {
  preview: { zh: () => '预览模式：由坐席自己拨号', en: () => 'preview mode: agents dial themselves' },
  noAgents: { zh: () => '任务中没有坐席', en: () => 'no agents in the task' },
  ratio: { zh: () => '渐进模式：按空闲坐席和倍率拨号', en: () => 'progressive: lines per free agent' },
  model: { zh: () => '预测模式', en: () => 'predictive' },
  learning: { zh: () => '预测模式尚在积累数据，先按每名空闲坐席一线拨号', en: () => 'predictive is still gathering figures, one line per free agent meanwhile' },
  aboveTarget: { zh: () => '放弃率超过目标，只按每名空闲坐席一线拨号', en: () => 'abandon rate above target, one line per free agent only' },
  maxConcurrentCalls: { zh: (cap) => `已达最大并发数 ${cap}`, en: (cap) => `held at the maximum of ${cap} concurrent calls` },
  maxLinesPerAgent: { zh: (cap) => `已达每名坐席最多 ${cap} 线`, en: (cap) => `held at ${cap} lines per agent` },
};

export function sentences(launch: number, r: PacingReason, limits: { cap: number }): { zh: string; en: string } {
  const idleEn = r.agents.ready === 1 ? `1 agent idle for ${r.agents.idleSeconds} s` : `${r.agents.ready} agents idle for ${r.agents.idleSeconds} s on average`;
  const en = `dial level ${level(r.dialLevel.from)} -> ${level(r.dialLevel.to)}: ${idleEn}, ${pct(r.answerRate)} answered, `
    + `abandon today ${pct(r.abandon.today)} of a ${pct(r.abandon.target)} target; launching ${launch} (${WHY[r.limit].en(limits.cap)})`;
  const zh = `拨号倍率 ${level(r.dialLevel.from)} -> ${level(r.dialLevel.to)}：${r.agents.ready} 名坐席平均空闲 ${r.agents.idleSeconds} 秒，`
    + `接通率 ${pctZh(r.answerRate)}，今日放弃率 ${pctZh(r.abandon.today)}（目标 ${pctZh(r.abandon.target)}）；本次拨出 ${launch} 通（${WHY[r.limit].zh(limits.cap)}）`;
  return { zh, en };
}
