import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOW_NODE_PORTS, FLOW_NODE_TYPES, flowPorts, validateDefinition, type FlowDefinition, type FlowNode } from '@telesales/schemas';
import { uid } from './support.js';

const p = (zh: string, en = zh.toUpperCase()) => ({ text: { zh, en } });
const at = { x: 0, y: 0 };

/** entry -> menu (1: play -> hangup, 2: hangup, noInput/invalid: hangup). */
function flow(change: (f: any) => void = () => {}): any {
  const f = {
    kind: 'flow', schemaVersion: 1, id: uid(1), key: 'hotline', label: { zh: '热线', en: 'Hotline' },
    languages: ['zh', 'en'], defaultLanguage: 'zh', start: 'entry',
    nodes: [
      { id: 'entry', type: 'entry', position: at, config: { numbers: ['4008001234'] }, next: [{ port: 'next', to: 'menu' }] },
      {
        id: 'menu', type: 'menu', position: at, config: { prompt: p('请选择'), options: ['1', '2'] },
        next: [{ port: '1', to: 'info' }, { port: '2', to: 'bye' }, { port: 'noInput', to: 'bye' }, { port: 'invalid', to: 'bye' }],
      },
      { id: 'info', type: 'play', position: at, config: { prompt: p('信息') }, next: [{ port: 'next', to: 'bye' }] },
      { id: 'bye', type: 'hangup', position: at, config: {}, next: [] },
    ],
  };
  change(f);
  return f;
}
const node = (f: any, id: string) => f.nodes.find((n: any) => n.id === id);
const add = (f: any, n: Record<string, unknown>) => f.nodes.push({ position: at, next: [], ...n });

function inboundFlow(): FlowDefinition {
  const raw = JSON.parse(readFileSync(new URL('../../templates/insurance/flows/inbound.json', import.meta.url), 'utf8'));
  delete raw.$schema;
  return raw;
}

describe('flow definitions: shape', () => {
  it('a small flow validates', () => {
    expect(validateDefinition(flow())).toEqual([]);
  });

  it("the insurance template's inbound flow validates and uses the node types the issue names", () => {
    const inbound = inboundFlow();
    expect(validateDefinition(inbound)).toEqual([]);
    expect(validateDefinition(inbound, 'zh')).toEqual([]);
    expect(new Set(inbound.nodes.map((n) => n.type))).toEqual(new Set([
      'entry', 'hours', 'play', 'voicemail', 'hangup', 'language', 'lookup', 'setVariable', 'condition', 'menu', 'queue', 'survey',
    ]));
  });

  it('every node type has a config schema that accepts a typical node', () => {
    const configs: Record<string, unknown> = {
      entry: { numbers: ['+862160000000'], queues: ['sales'] },
      play: { prompt: p('你好'), bargeIn: true },
      menu: { prompt: p('选择'), options: ['1', '*', '#'], timeoutSec: 10, retries: 0, retryPrompt: p('再来') },
      gather: { prompt: p('输入'), minDigits: 4, maxDigits: 8, finishOnKey: '#', variable: 'policy_no' },
      condition: { cases: [{ port: 'true', expression: 'vars.x > 1' }] },
      hours: { timeZone: 'Asia/Shanghai', week: { mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '24:00' }] }, holidays: ['2026-10-01'] },
      setVariable: { assignments: [{ variable: 'x', expression: '1 + 1' }] },
      lookup: { entity: 'customer' },
      http: { method: 'POST', url: 'https://crm.example.com/api?x=1', body: '{"n": call.caller}', timeoutMs: 2000, mapping: [{ variable: 'score', expression: 'response.body.score' }] },
      queue: { skillGroup: 'sales', maxWaitSec: 60, announcePositionSec: 30, holdMusic: 'music-1', prompt: p('请稍候') },
      transfer: { target: { type: 'external', ref: '+8613800000000' } },
      voicemail: { prompt: p('留言'), maxSec: 60, variable: 'message' },
      survey: { prompt: p('评分'), min: 1, max: 10 },
      language: { prompt: p('语言'), options: [{ digit: '1', language: 'zh' }, { digit: '2', language: 'en' }] },
      subflow: { flow: 'identify', version: 'latest' },
      return: {},
      hangup: { prompt: p('再见') },
    };
    expect(Object.keys(configs).sort()).toEqual([...FLOW_NODE_TYPES].sort());
    for (const type of FLOW_NODE_TYPES) {
      const f = flow((f) => add(f, { id: `n_${type}`, type, config: configs[type] }));
      // Only the graph checks may complain about the added node (unreachable, ports), never its settings.
      const issues = validateDefinition(f).filter((i) => i.path.startsWith('/nodes/4/config'));
      expect(issues, type).toEqual([]);
    }
  });

  it('a bad setting is reported at its own path inside the node, not as a failed oneOf', () => {
    const f = flow((f) => {
      node(f, 'menu').config.timeoutSec = 0;
      add(f, { id: 'ask', type: 'gather', config: { prompt: p('x'), maxDigits: 40, variable: 'Bad-Key' } });
    });
    expect(validateDefinition(f).filter((i) => i.path.includes('/config/'))).toEqual([
      { path: '/nodes/1/config/timeoutSec', code: 'minimum', message: 'must be at least 1' },
      { path: '/nodes/4/config/maxDigits', code: 'maximum', message: 'must be at most 32' },
      { path: '/nodes/4/config/variable', code: 'pattern', message: 'has the wrong format' },
    ]);
  });

  it('an unknown or missing node type is reported at /nodes/i/type', () => {
    const f = flow((f) => {
      f.nodes[2].type = 'dance';
      delete f.nodes[3].type;
    });
    expect(validateDefinition(f)).toEqual([
      { path: '/nodes/2/type', code: 'enum', message: 'is not one of the allowed values' },
      { path: '/nodes/3/type', code: 'required', message: 'is required' },
    ]);
  });

  it('node names, ports and languages have their formats', () => {
    const f = flow((f) => {
      f.nodes[2].id = '1st';
      f.nodes[1].next[0].port = 'no input';
      f.languages = ['zh', 'zh'];
    });
    expect(validateDefinition(f).map((i) => [i.path, i.code])).toEqual([
      ['/languages', 'uniqueItems'],
      ['/nodes/1/next/0/port', 'pattern'],
      ['/nodes/2/id', 'pattern'],
    ]);
  });
});

describe('flow definitions: publish-time checks', () => {
  it('a node name used twice', () => {
    const f = flow((f) => add(f, { id: 'info', type: 'hangup', config: {} }));
    expect(validateDefinition(f)).toEqual([{ path: '/nodes/4/id', code: 'duplicate_node', message: 'node name "info" is used twice' }]);
  });

  it('a transition to a node that does not exist', () => {
    const f = flow((f) => { node(f, 'info').next[0].to = 'nowhere'; });
    expect(validateDefinition(f)).toEqual([{ path: '/nodes/2/next/0/to', code: 'unknown_node', message: 'there is no node "nowhere"' }]);
  });

  it('a port the node type does not have, and a port connected twice', () => {
    const f = flow((f) => {
      node(f, 'menu').next.push({ port: '3', to: 'bye' }, { port: '2', to: 'info' });
      node(f, 'info').next.push({ port: 'error', to: 'bye' });
    });
    expect(validateDefinition(f)).toEqual([
      { path: '/nodes/1/next/4/port', code: 'unknown_port', message: 'a menu node has no port "3"' },
      { path: '/nodes/1/next/5/port', code: 'duplicate_port', message: 'port "2" is connected twice' },
      { path: '/nodes/2/next/1/port', code: 'unknown_port', message: 'a play node has no port "error"' },
    ]);
  });

  it('a required port left unconnected (optional ports may be)', () => {
    const f = flow((f) => {
      node(f, 'menu').next = node(f, 'menu').next.filter((t: any) => t.port !== 'invalid');
      node(f, 'info').next = [{ port: 'next', to: 'wait' }];
      add(f, { id: 'wait', type: 'queue', config: { skillGroup: 'sales', maxWaitSec: 30 }, next: [{ port: 'overflow', to: 'bye' }] });
    });
    expect(validateDefinition(f)).toEqual([
      { path: '/nodes/1/next', code: 'port_unconnected', message: 'port "invalid" of node "menu" is not connected' },
    ]);
    expect(validateDefinition(f, 'zh')[0]!.message).toBe('节点 “menu” 的端口 “invalid” 未连接');
  });

  it('the start must be an entry node that exists', () => {
    expect(validateDefinition(flow((f) => { f.start = 'menu'; })).filter((i) => i.path === '/start')).toEqual([
      { path: '/start', code: 'start_not_entry', message: 'the start node "menu" is not an entry node' },
    ]);
    expect(validateDefinition(flow((f) => { f.start = 'ghost'; }))).toEqual([
      { path: '/start', code: 'unknown_node', message: 'there is no node "ghost"' },
    ]);
  });

  it('a node that cannot be reached from the start', () => {
    const f = flow((f) => add(f, { id: 'orphan', type: 'play', config: { prompt: p('孤儿') }, next: [{ port: 'next', to: 'bye' }] }));
    expect(validateDefinition(f)).toEqual([{ path: '/nodes/4', code: 'unreachable_node', message: 'node "orphan" cannot be reached from the start' }]);
    expect(validateDefinition(f, 'zh')[0]!.message).toBe('节点 “orphan” 从入口无法到达');
  });

  it('a loop with nothing that waits for the caller is refused; a loop through a menu is fine', () => {
    const spin = flow((f) => {
      node(f, 'menu').next[0].to = 'a';
      add(f, { id: 'a', type: 'play', config: { prompt: p('甲') }, next: [{ port: 'next', to: 'b' }] });
      add(f, { id: 'b', type: 'setVariable', config: { assignments: [{ variable: 'n', expression: '$exists(vars.n) ? vars.n + 1 : 1' }] }, next: [{ port: 'next', to: 'c' }] });
      add(f, { id: 'c', type: 'condition', config: { cases: [{ port: 'done', expression: 'vars.n > 3' }] }, next: [{ port: 'done', to: 'bye' }, { port: 'else', to: 'a' }] });
      node(f, 'info').next[0].to = 'bye';
    });
    expect(validateDefinition(spin)).toEqual([
      { path: '/nodes/2', code: 'unreachable_node', message: 'node "info" cannot be reached from the start' },
      {
        path: '/nodes/4', code: 'loop_without_wait',
        message: 'the loop a → b → c → a has no node that waits for the caller (menu, gather, queue...), so a call could loop forever',
      },
    ]);
    const selfLoop = flow((f) => { node(f, 'info').next[0].to = 'info'; });
    expect(validateDefinition(selfLoop)).toContainEqual(expect.objectContaining({ path: '/nodes/2', code: 'loop_without_wait' }));
    const throughMenu = flow((f) => { node(f, 'info').next[0].to = 'menu'; });
    expect(validateDefinition(throughMenu)).toEqual([]);
  });

  it('a prompt missing a language the flow offers (text or audio per language)', () => {
    const f = flow((f) => {
      node(f, 'menu').config.prompt = { text: { zh: '请选择' } };
      node(f, 'menu').config.retryPrompt = { text: { zh: '' }, audio: { en: 'retry-en' } };
      node(f, 'info').config.prompt = { text: { zh: '中文' }, audio: { en: 'info-en' } };
    });
    expect(validateDefinition(f)).toEqual([
      { path: '/nodes/1/config/prompt', code: 'prompt_missing_language', message: 'has no English prompt (text or audio)' },
      { path: '/nodes/1/config/retryPrompt', code: 'prompt_missing_language', message: 'has no Chinese prompt (text or audio)' },
    ]);
    expect(validateDefinition(f, 'zh').map((i) => i.message)).toEqual(['缺少英文提示（文本或录音）', '缺少中文提示（文本或录音）']);
    expect(validateDefinition(flow((g) => { g.languages = ['zh']; node(g, 'menu').config.prompt = { text: { zh: '请选择' } }; }))).toEqual([]);
  });

  it('bad JSONata is refused with its position, wherever it sits', () => {
    const f = flow((f) => {
      node(f, 'info').next[0].to = 'check';
      add(f, { id: 'check', type: 'condition', config: { cases: [{ port: 'vip', expression: "customer.level = 'a" }] }, next: [{ port: 'vip', to: 'set' }, { port: 'else', to: 'set' }] });
      add(f, { id: 'set', type: 'setVariable', config: { assignments: [{ variable: 'x', expression: '1 +' }] }, next: [{ port: 'next', to: 'ask' }] });
      add(f, {
        id: 'ask', type: 'http', config: { method: 'POST', url: 'https://crm.example.com/score', body: '{"a": }', timeoutMs: 500, mapping: [{ variable: 's', expression: 'response.body.(' }] },
        next: [{ port: 'ok', to: 'bye' }, { port: 'error', to: 'bye' }],
      });
    });
    const issues = validateDefinition(f);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/nodes/4/config/cases/0/expression', 'bad_expression'],
      ['/nodes/5/config/assignments/0/expression', 'bad_expression'],
      ['/nodes/6/config/body', 'bad_expression'],
      ['/nodes/6/config/mapping/0/expression', 'bad_expression'],
    ]);
    expect(issues[0]!.message).toMatch(/^is not a valid JSONata expression \(at character \d+\): /);
    expect(validateDefinition(f, 'zh')[1]!.message).toMatch(/^表达式有误（第 \d+ 个字符）：/);
  });

  it('settings that contradict themselves: digits, case ports, time zone, opening hours, language options', () => {
    const f = flow((f) => {
      f.languages = ['zh'];
      node(f, 'entry').next[0].to = 'hours';
      add(f, {
        id: 'hours', type: 'hours', config: { timeZone: 'Mars/Olympus', week: { mon: [{ from: '18:00', to: '09:00' }] } },
        next: [{ port: 'open', to: 'lang' }, { port: 'closed', to: 'bye' }],
      });
      add(f, {
        id: 'lang', type: 'language', config: { prompt: p('语言'), options: [{ digit: '1', language: 'zh' }, { digit: '1', language: 'en' }] },
        next: [{ port: 'next', to: 'ask' }, { port: 'noInput', to: 'ask' }],
      });
      add(f, { id: 'ask', type: 'gather', config: { prompt: p('号码'), minDigits: 6, maxDigits: 4, variable: 'no' }, next: [{ port: 'next', to: 'route' }, { port: 'noInput', to: 'bye' }, { port: 'invalid', to: 'bye' }] });
      add(f, {
        id: 'route', type: 'condition',
        config: { cases: [{ port: 'a', expression: 'true' }, { port: 'a', expression: 'false' }, { port: 'else', expression: 'true' }] },
        next: [{ port: 'a', to: 'menu' }, { port: 'else', to: 'menu' }],
      });
    });
    expect(validateDefinition(f)).toEqual([
      { path: '/nodes/4/config/timeZone', code: 'bad_time_zone', message: '"Mars/Olympus" is not a time zone' },
      { path: '/nodes/4/config/week/mon/0/to', code: 'bad_time_range', message: 'must be later than the start time' },
      { path: '/nodes/5/config/options/1/digit', code: 'duplicate_digit', message: 'key "1" is used twice' },
      { path: '/nodes/5/config/options/1/language', code: 'language_not_offered', message: 'English is not a language the flow offers' },
      { path: '/nodes/6/config/minDigits', code: 'min_above_max', message: 'min is greater than max' },
      { path: '/nodes/7/config/cases/1/port', code: 'duplicate_key', message: 'key "a" is used twice' },
      { path: '/nodes/7/config/cases/2/port', code: 'reserved_port', message: '"else" is reserved for when no case is true' },
    ]);
  });

  it('the default language must be one the flow offers', () => {
    expect(validateDefinition(flow((f) => { f.languages = ['zh']; f.defaultLanguage = 'en'; }), 'zh')).toEqual([
      { path: '/defaultLanguage', code: 'language_not_offered', message: '流程没有提供英文' },
    ]);
  });
});

describe('flow ports', () => {
  it('a menu has its options then noInput and invalid; a condition its cases then else', () => {
    const menu = flow().nodes[1] as FlowNode;
    expect(flowPorts(menu)).toEqual([
      { port: '1', optional: false }, { port: '2', optional: false }, { port: 'noInput', optional: false }, { port: 'invalid', optional: false },
    ]);
    expect(flowPorts({ type: 'condition', config: { cases: [{ port: 'vip', expression: 'true' }] } } as FlowNode).map((x) => x.port)).toEqual(['vip', 'else']);
  });

  it('queue, transfer, voicemail and survey have optional ports; return and hangup have none', () => {
    expect(FLOW_NODE_PORTS.queue.fixed).toEqual([{ port: 'answered', optional: true }, { port: 'overflow', optional: false }]);
    expect(FLOW_NODE_PORTS.transfer.fixed).toEqual([{ port: 'failed', optional: true }]);
    expect(FLOW_NODE_PORTS.survey.fixed.every((x) => x.optional)).toBe(true);
    expect(FLOW_NODE_PORTS.return.fixed).toEqual([]);
    expect(FLOW_NODE_PORTS.hangup.fixed).toEqual([]);
    expect(Object.keys(FLOW_NODE_PORTS).sort()).toEqual([...FLOW_NODE_TYPES].sort());
  });
});
