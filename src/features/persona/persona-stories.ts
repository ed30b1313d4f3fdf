/**
 * What each demo persona does and a story to try as them, keyed by the persona's openid (the
 * demo seed's ids, emulator/seed/demo-community.ts). Local mode only: the first-open chooser
 * and the switcher show these; the WeChat build never imports this file.
 */
export interface PersonaStory {
  /** One line on what this person does in the community. */
  role: string;
  /** A story to try as them, told as the first steps to take. */
  story: string;
}

export const personaStories: Readonly<Record<string, PersonaStory>> = {
  'demo-admin': {
    role: '社区书记：审核房屋绑定和党员报到，管理组织、积分与考核',
    story: '在首页待办里审核新住户马晓东的房屋绑定申请，再看看数据看板',
  },
  'demo-estate-leader': {
    role: '小区党支部书记：发起并主持本小区的议事，审核心愿',
    story: '在“议事”发起一个小区议题，从意见收集一步步推进到表决和公示',
  },
  'demo-leader': {
    role: '1号楼党小组长：审核本楼居民的心愿和绑定，主持楼栋议事',
    story: '在首页“待审核的心愿”里发布一个居民心愿，让党员来认领',
  },
  'demo-member': {
    role: '在职党员：认领居民心愿，报名志愿服务，攒季度积分',
    story: '到心愿墙认领一个心愿，完成后请居民确认，再看积分到账',
  },
  'demo-liaison': {
    role: '报到单位联络员：关注本单位党员的报到与服务',
    story: '在首页查看本单位党员的报到，打开服务卡看季度服务记录',
  },
  'demo-resident': {
    role: '74岁居民：许下小心愿，为小区议题投票',
    story: '在“心愿”页许一个小心愿（比如一副助行器），看它被审核、认领和完成',
  },
  'demo-council-chair': {
    role: '业委会主任：在联审中代表业主委员会发表意见',
    story: '在“议事”打开联审中的议题，录入业主委员会的意见',
  },
  'demo-supervisor': {
    role: '监事会主任：监督议事全过程，受理公示期的异议',
    story: '打开公示中的议题，查看表决结果和居民提出的异议',
  },
  'demo-newcomer': {
    role: '刚搬来的新住户：还没有绑定房屋',
    story: '在首页查看房屋绑定申请的进度；社区书记审核后再来看看',
  },
  'demo-street': {
    role: '和平街道工作人员：查看街道各社区的数据看板（只读）',
    story: '打开街道数据看板，比较各社区的报到、心愿、志愿和议事',
  },
  'demo-grid-worker': {
    role: '第一网格网格员：照看幸福里1号楼、2号楼的住户，跟进本网格的心愿和议题',
    story: '在首页“本网格待办”里看看本网格待处理的心愿，再打开“本网格居民”查看住户的联系电话',
  },
  'demo-street-admin': {
    role: '和平街道管理员：授予或撤销街道工作人员的看板权限',
    story: '在首页打开“街道工作人员”，为一位社区干部开通看板查看权限',
  },
};
