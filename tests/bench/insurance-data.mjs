// Realistic customer values for the insurance template's customer entity (templates/insurance/entities/customer.json),
// deterministic per index, and the record document the runtime stores for them (runtime/src/records/record-doc.ts).
import { randomUUID } from 'node:crypto';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const pad = (n, w = 2) => String(n).padStart(w, '0');

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华'];
const PLACES = [
  { province: '浙江', city: '杭州', districts: ['西湖区', '上城区', '滨江区'] },
  { province: '四川', city: '成都', districts: ['武侯区', '锦江区', '高新区'] },
  { province: '广东', city: '广州', districts: ['天河区', '越秀区', '海珠区'] },
  { province: '广东', city: '深圳', districts: ['南山区', '福田区', '宝安区'] },
  { province: '江苏', city: '南京', districts: ['鼓楼区', '玄武区', '建邺区'] },
  { province: '江苏', city: '苏州', districts: ['姑苏区', '工业园区', '吴中区'] },
  { province: '北京', city: '北京', districts: ['朝阳区', '海淀区', '东城区'] },
  { province: '上海', city: '上海', districts: ['浦东新区', '徐汇区', '静安区'] },
  { province: '湖北', city: '武汉', districts: ['江汉区', '武昌区', '洪山区'] },
  { province: '山东', city: '济南', districts: ['历下区', '市中区', '槐荫区'] },
];
const STREETS = ['文三路', '人民路', '解放路', '中山路', '建设路', '长江路', '和平路', '新华路'];
const SOURCES = ['referral', 'online', 'event', 'list'];
const LEVELS = ['a', 'b', 'b', 'c', 'c'];
// Weighted like a real book of leads: most pending or being followed up, fewer interested, won or lost.
const STATUSES = ['pending', 'pending', 'pending', 'following', 'following', 'following', 'interested', 'interested', 'won', 'lost'];
const PRODUCTS = ['life', 'health', 'accident', 'car', 'property'];
const TAGS = ['子女教育', '老客户', '高净值', '有车', '退休规划', '已婚', '企业主', '家庭保障', 'VIP', '续保'];
const NOTES = [
  '客户对重疾险感兴趣，希望下周二下午再联系，需要准备产品对比表。',
  'Asked for a written quote by email; spouse decides on the health plan.',
  '已有一份寿险，关注保费和免责条款，周末方便接电话。',
  'Called back twice, prefers WeChat messages before calls. Budget depends on the year-end bonus.',
  '孩子明年上小学，想了解教育金和意外险组合。',
];
const PREMIUMS = [1500, 3000, 4800, 6000, 8000, 9600, 12000, 15000, 20000, 36000];

/** A Chinese mobile number in E.164, unique per n (n < 10^8), as the runtime stores it after normalising. */
export function phoneOf(n, prefix = '138') {
  return `+86${prefix}${pad(n, 8)}`;
}

function idNumber(rnd, birth) {
  const area = String(110000 + Math.floor(rnd() * 540000)).slice(0, 6);
  const seq = pad(Math.floor(rnd() * 1000), 3);
  const check = pick(rnd, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  return `${area}${birth.replaceAll('-', '')}${seq}${check}`;
}

/**
 * The values of customer number n. `withIdNumber: false` for values an agent sends (the id number is
 * read-only for agents in the template).
 */
export function customerValues(n, { phonePrefix = '138', withIdNumber = true } = {}) {
  const rnd = mulberry32(n * 2654435761 + 17);
  const birth = `${1950 + Math.floor(rnd() * 55)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
  const place = pick(rnd, PLACES);
  const values = {
    name: pick(rnd, SURNAMES) + pick(rnd, GIVEN),
    gender: rnd() < 0.5 ? 'male' : 'female',
    birth_date: birth,
    phone: phoneOf(n, phonePrefix),
    source: pick(rnd, SOURCES),
    level: pick(rnd, LEVELS),
    status: pick(rnd, STATUSES),
    products: [...new Set([pick(rnd, PRODUCTS), ...(rnd() < 0.4 ? [pick(rnd, PRODUCTS)] : [])])],
    annual_premium: pick(rnd, PREMIUMS) + Math.round(rnd() * 100) * 10,
    address: {
      province: place.province,
      city: place.city,
      ...(rnd() < 0.6 ? { district: pick(rnd, place.districts), street: `${pick(rnd, STREETS)}${1 + Math.floor(rnd() * 300)}号` } : {}),
    },
  };
  if (withIdNumber && rnd() < 0.6) values.id_number = idNumber(rnd, birth);
  if (rnd() < 0.5) values.email = `customer${n}@example.com`;
  if (rnd() < 0.6) values.tags = [...new Set([pick(rnd, TAGS), ...(rnd() < 0.5 ? [pick(rnd, TAGS)] : [])])];
  if (rnd() < 0.4) {
    values.next_contact = `2026-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}T${pad(9 + Math.floor(rnd() * 9))}:${rnd() < 0.5 ? '00' : '30'}:00+08:00`;
  }
  if (rnd() < 0.35) values.notes = pick(rnd, NOTES);
  return values;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The document the runtime stores for customer n (record-doc.ts): uuid _id, version, owner, system dates as
 * Dates, a few soft-deleted records (the recycle bin), values under `values`.
 */
export function customerDoc(n, owners, now = Date.now()) {
  const rnd = mulberry32(n * 40503 + 5);
  const ownerId = owners[Math.floor(rnd() * owners.length)];
  const createdAt = new Date(now - Math.floor(rnd() * YEAR_MS));
  const updatedAt = new Date(Math.min(now, createdAt.getTime() + Math.floor(rnd() * 90 * 24 * 3600 * 1000)));
  const deleted = rnd() < 0.01;
  return {
    _id: randomUUID(),
    version: 1 + Math.floor(rnd() * 5),
    ownerId,
    createdAt,
    createdBy: ownerId,
    updatedAt,
    updatedBy: ownerId,
    deletedAt: deleted ? updatedAt : null,
    deletedBy: deleted ? ownerId : null,
    values: customerValues(n),
  };
}
