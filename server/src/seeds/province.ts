import type { DemoCommunity } from './demo';

/**
 * The demo's small province: a region tree where every level that compares communities has more
 * than one child (three communities in 西湖区, two districts of 杭州, three cities), communities
 * in every build stage, some of them late, and each live community at its own level of use, so
 * the region views' stage counts, late list, rankings and 单项冠军 all have something to show.
 */
export const DEMO_REGIONS = [
  { id: 'zj', name: '浙江省', level: 'province' },
  { id: 'zj-hz', name: '杭州市', level: 'city', parentId: 'zj' },
  { id: 'zj-hz-xh', name: '西湖区', level: 'district', parentId: 'zj-hz' },
  { id: 'zj-hz-xh-cy', name: '翠苑街道', level: 'street', parentId: 'zj-hz-xh' },
  { id: 'zj-hz-xh-wx', name: '文新街道', level: 'street', parentId: 'zj-hz-xh' },
  { id: 'zj-hz-xh-zt', name: '转塘街道', level: 'street', parentId: 'zj-hz-xh' },
  { id: 'zj-hz-gs', name: '拱墅区', level: 'district', parentId: 'zj-hz' },
  { id: 'zj-hz-gs-xh', name: '小河街道', level: 'street', parentId: 'zj-hz-gs' },
  { id: 'zj-nb', name: '宁波市', level: 'city', parentId: 'zj' },
  { id: 'zj-nb-jb', name: '江北区', level: 'district', parentId: 'zj-nb' },
  { id: 'zj-nb-jb-yj', name: '甬江街道', level: 'street', parentId: 'zj-nb-jb' },
  { id: 'zj-nb-yz', name: '鄞州区', level: 'district', parentId: 'zj-nb' },
  { id: 'zj-nb-yz-sn', name: '首南街道', level: 'street', parentId: 'zj-nb-yz' },
  { id: 'zj-hu', name: '湖州市', level: 'city', parentId: 'zj' },
  { id: 'zj-hu-wx', name: '吴兴区', level: 'district', parentId: 'zj-hu' },
  { id: 'zj-hu-wx-yh', name: '月河街道', level: 'street', parentId: 'zj-hu-wx' },
  { id: 'zj-wz', name: '温州市', level: 'city', parentId: 'zj' },
  { id: 'zj-wz-lc', name: '鹿城区', level: 'district', parentId: 'zj-wz' },
  { id: 'zj-wz-lc-wm', name: '五马街道', level: 'street', parentId: 'zj-wz-lc' },
] as const;

/** The street each demo community hangs under. */
export const DEMO_PLACES: Record<string, string> = {
  cuiyuan: 'zj-hz-xh-cy',
  jiangbei: 'zj-nb-jb-yj',
  wenxin: 'zj-hz-xh-wx',
  zhuantang: 'zj-hz-xh-zt',
  xiaohe: 'zj-hz-gs-xh',
  shounan: 'zj-nb-yz-sn',
  yuehe: 'zj-hu-wx-yh',
  wuma: 'zj-wz-lc-wm',
};

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The communities added to the first two: three more live portals, three still being built. */
export const PROVINCE_COMMUNITIES: DemoCommunity[] = [
  {
    id: 'wenxin',
    name: '文新未来社区',
    city: '杭州',
    district: '西湖区',
    type: 'renovation',
    enabledScenes: ['neighbourhood', 'health', 'service', 'governance', 'low-carbon'],
    theme: {
      primaryColor: '#2f6b3f',
      accentColor: '#d9a441',
      fontScale: 'normal',
      culture: {
        title: t('文新 · 书香邻里', 'Wenxin · a neighbourhood of readers'),
        text: t(
          '社区书房常开，邻里共读，一起把日子过出书香。',
          'The community study is always open: neighbours read together.',
        ),
      },
    },
    invitationCode: 'WENXIN-2025',
    live: { level: 0.8, sinceDays: 365 },
    people: [
      { username: 'op-wenxin', displayName: '文新运营 吴敏', role: 'operator', note: 'operator' },
    ],
  },
  {
    id: 'zhuantang',
    name: '转塘未来社区',
    city: '杭州',
    district: '西湖区',
    type: 'new-build',
    enabledScenes: ['education', 'entrepreneurship', 'service', 'governance', 'transport'],
    theme: {
      primaryColor: '#7a3e8e',
      accentColor: '#4aa3c9',
      fontScale: 'normal',
      culture: {
        title: t('转塘 · 艺创之家', 'Zhuantang · a home for makers'),
        text: t(
          '艺术与创业相邻，年轻人在这里安家创业。',
          'Art next to start-ups: young people settle and start out here.',
        ),
      },
    },
    invitationCode: 'ZHUANTANG-2025',
    // Opened five months ago: its history is shorter and its use still growing.
    live: { level: 0.5, sinceDays: 150 },
    people: [
      {
        username: 'op-zhuantang',
        displayName: '转塘运营 何静',
        role: 'operator',
        note: 'operator',
      },
    ],
  },
  {
    id: 'shounan',
    name: '首南未来社区',
    city: '宁波',
    district: '鄞州区',
    type: 'renovation',
    enabledScenes: ['neighbourhood', 'health', 'service', 'governance', 'architecture'],
    theme: {
      primaryColor: '#9a4b12',
      accentColor: '#3d8f6a',
      fontScale: 'large',
      culture: {
        title: t('首南 · 幸福邻里', 'Shounan · happy neighbours'),
        text: t(
          '一老一小有人管，邻里互助暖人心。',
          'The old and the young are looked after; neighbours help each other.',
        ),
      },
    },
    invitationCode: 'SHOUNAN-2025',
    live: { level: 0.7, sinceDays: 300 },
    people: [
      { username: 'op-shounan', displayName: '首南运营 陆佳', role: 'operator', note: 'operator' },
    ],
  },
  {
    id: 'xiaohe',
    name: '小河未来社区',
    city: '杭州',
    district: '拱墅区',
    type: 'renovation',
    enabledScenes: ['neighbourhood', 'service', 'governance'],
    theme: { primaryColor: '#2b5d8a' },
    people: [],
  },
  {
    id: 'yuehe',
    name: '月河未来社区',
    city: '湖州',
    district: '吴兴区',
    type: 'renovation',
    enabledScenes: ['neighbourhood', 'health', 'service'],
    theme: { primaryColor: '#5b6b2a' },
    people: [],
  },
  {
    id: 'wuma',
    name: '五马未来社区',
    city: '温州',
    district: '鹿城区',
    type: 'new-build',
    enabledScenes: ['education', 'transport', 'service', 'governance'],
    theme: { primaryColor: '#8a2b3a' },
    people: [],
  },
];

/** Build progress of every demo community, days relative to the first start. */
export function demoBuildPlans(day: (n: number) => string) {
  return {
    cuiyuan: {
      stage: 'operating' as const,
      milestones: [
        { key: 'plan', name: '改造方案批复', planned: day(-800), done: day(-805) },
        { key: 'works', name: '改造工程完工', planned: day(-450), done: day(-440) },
        { key: 'accept', name: '竣工验收', planned: day(-410), done: day(-412) },
        { key: 'open', name: '门户上线运营', planned: day(-370), done: day(-370) },
      ],
    },
    jiangbei: {
      stage: 'building' as const,
      milestones: [
        { key: 'plan', name: '规划设计批复', planned: day(-300), done: day(-310) },
        { key: 'structure', name: '主体结构封顶', planned: day(-20), done: null },
        { key: 'fitout', name: '公共空间装修', planned: day(45), done: null },
        { key: 'accept', name: '竣工验收', planned: day(120), done: null },
      ],
    },
    wenxin: {
      stage: 'operating' as const,
      milestones: [
        { key: 'plan', name: '改造方案批复', planned: day(-700), done: day(-690) },
        { key: 'works', name: '改造工程完工', planned: day(-420), done: day(-400) },
        { key: 'accept', name: '竣工验收', planned: day(-380), done: day(-375) },
        { key: 'open', name: '门户上线运营', planned: day(-365), done: day(-365) },
      ],
    },
    zhuantang: {
      stage: 'operating' as const,
      milestones: [
        { key: 'plan', name: '规划设计批复', planned: day(-900), done: day(-900) },
        { key: 'structure', name: '主体结构封顶', planned: day(-420), done: day(-430) },
        { key: 'accept', name: '竣工验收', planned: day(-180), done: day(-170) },
        { key: 'open', name: '门户上线运营', planned: day(-150), done: day(-150) },
      ],
    },
    shounan: {
      stage: 'operating' as const,
      milestones: [
        { key: 'plan', name: '改造方案批复', planned: day(-600), done: day(-610) },
        { key: 'works', name: '改造工程完工', planned: day(-330), done: day(-335) },
        { key: 'accept', name: '竣工验收', planned: day(-310), done: day(-305) },
        { key: 'open', name: '门户上线运营', planned: day(-300), done: day(-300) },
      ],
    },
    xiaohe: {
      stage: 'acceptance' as const,
      milestones: [
        { key: 'plan', name: '改造方案批复', planned: day(-500), done: day(-495) },
        { key: 'works', name: '改造工程完工', planned: day(-60), done: day(-40) },
        { key: 'accept', name: '竣工验收', planned: day(-10), done: null },
        { key: 'open', name: '门户上线运营', planned: day(30), done: null },
      ],
    },
    yuehe: {
      stage: 'planning' as const,
      milestones: [
        { key: 'survey', name: '居民意愿调查', planned: day(-90), done: day(-85) },
        { key: 'plan', name: '改造方案批复', planned: day(-15), done: null },
        { key: 'works', name: '改造工程开工', planned: day(90), done: null },
      ],
    },
    wuma: {
      stage: 'building' as const,
      milestones: [
        { key: 'plan', name: '规划设计批复', planned: day(-420), done: day(-430) },
        { key: 'structure', name: '主体结构封顶', planned: day(-45), done: day(-30) },
        { key: 'fitout', name: '公共空间装修', planned: day(60), done: null },
        { key: 'accept', name: '竣工验收', planned: day(150), done: null },
      ],
    },
  };
}
