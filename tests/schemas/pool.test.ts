import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@telesales/schemas';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const pool = (extra: Record<string, unknown> = {}) => ({
  kind: 'pool', schemaVersion: 1, id: id(1), key: 'beijing', label: { zh: '北京公海', en: 'Beijing pool' },
  entity: 'customer', mode: 'auto', tickets: true, cap: 50,
  members: [{ type: 'team', ref: 'sales_a' }], admins: [{ type: 'role', ref: 'supervisor' }],
  recycle: [
    { id: id(2), when: 'noFollowUp', after: { value: 48, unit: 'hours' }, resetStatus: { field: 'status', value: 'pending' } },
    { id: id(3), when: 'noDeal', after: { value: 180, unit: 'days' }, toPool: 'lost', dealWhen: { field: 'status', values: ['won'] } },
  ],
  condition: "values.address.city = '北京'",
  ...extra,
});

describe('pool definitions', () => {
  it('a complete pool validates', () => {
    expect(validateDefinition(pool())).toEqual([]);
    expect(validateDefinition({ ...pool(), system: 'default', mode: 'manual', condition: undefined })).toEqual([]);
  });

  it('a condition that is not JSONata is refused with its position', () => {
    const issues = validateDefinition(pool({ condition: "values.city = 'x" }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '/condition', code: 'bad_expression' });
    expect(issues[0]!.message).toMatch(/^is not a valid JSONata expression \(at character \d+\): /);
  });

  it('shape errors carry their path: mode, recycle unit, principal type, cap', () => {
    const issues = validateDefinition(pool({
      mode: 'lottery', cap: 0,
      recycle: [{ id: id(2), when: 'noFollowUp', after: { value: 2, unit: 'weeks' } }],
      members: [{ type: 'department', ref: 'x' }],
    }));
    expect(issues.map((i) => i.path).sort()).toEqual(['/cap', '/members/0/type', '/mode', '/recycle/0/after/unit']);
  });

  it('duplicate rule ids and members listed twice are refused', () => {
    const issues = validateDefinition(pool({
      recycle: [
        { id: id(2), when: 'noFollowUp', after: { value: 1, unit: 'days' } },
        { id: id(2), when: 'noDeal', after: { value: 90, unit: 'days' }, dealWhen: { field: 'status', values: ['won'] } },
      ],
      members: [{ type: 'user', ref: 'u1' }, { type: 'user', ref: 'u1' }],
    }), 'zh');
    expect(issues).toEqual([
      { path: '/recycle/1/id', code: 'duplicate_id', message: `标识 ${id(2)} 重复` },
      { path: '/members/1', code: 'duplicate_key', message: '键 “u1” 重复' },
    ]);
  });

  it('a "no deal" rule must say what a deal is', () => {
    const issues = validateDefinition(pool({ recycle: [{ id: id(2), when: 'noDeal', after: { value: 90, unit: 'days' } }] }));
    expect(issues).toEqual([{ path: '/recycle/0/dealWhen', code: 'deal_required', message: 'a "no deal" rule needs the field and values that mean a deal' }]);
  });
});
