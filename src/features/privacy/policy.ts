/**
 * The 隐私保护指引 as the app shows it (packages/account/pages/privacy), and the items the
 * admin console's 用户隐私保护指引 form must declare (docs/privacy.md lists the same items;
 * tests/privacy/policy.test.ts keeps the two and the code in step). Plain data, no UI.
 */

/** One row of the admin console form: the information type, the APIs behind it, the purpose. */
export interface ConsoleItem {
  /** The form's information type, as the console words it. */
  info: string;
  /** The APIs or components of ours that make WeChat require the item (empty: we collect it ourselves). */
  apis: readonly string[];
  /** The text to type after “开发者收集你的…，用于” — what we use it for. */
  purpose: string;
}

/** Collected through WeChat's privacy-bound APIs: the console lists these as required. */
export const consoleItemsForApis: readonly ConsoleItem[] = [
  {
    info: '选中的照片或视频信息',
    apis: ['wx.chooseMedia'],
    purpose:
      '在发布微心愿、认领完成心愿、发起议题和发表意见时上传您选择的照片，供本社区居民和工作人员查看；网格员或楼栋长为您代办时拍摄您签字的委托书，仅代办人、您本人和社区管理员可见',
  },
  {
    info: '选中的文件',
    apis: ['wx.chooseMessageFile'],
    purpose: '社区管理员从聊天中选择房屋名册表格（csv 或 xlsx），批量导入小区、楼栋和房屋',
  },
  {
    info: '相册（仅写入）权限',
    apis: ['wx.saveImageToPhotosAlbum'],
    purpose: '在您点击“保存图片”时，把您的志愿服务证明保存到手机相册',
  },
];

/** Collected by us (typed in by the person or created by using the app): add these in the form too. */
export const consoleItemsCollectedByUs: readonly ConsoleItem[] = [
  {
    info: '姓名',
    apis: [],
    purpose: '识别您是本社区的居民或党员，用于房屋绑定审核、报到、志愿服务记录和议事投票',
  },
  {
    info: '手机号',
    apis: [],
    purpose: '社区工作人员和您所在网格的网格员在审核房屋绑定、组织活动、处理心愿和上门代办时与您联系',
  },
  {
    info: '地址（所在小区、楼栋、房号）',
    apis: [],
    purpose: '确认您住在本小区，决定您能参与哪个小区的议事投票和微心愿',
  },
  {
    info: '发布内容（心愿、意见、议题、备注）',
    apis: [],
    purpose: '在本社区内展示您发布的内容；发布前经过微信内容安全检测，必要时由楼栋长人工审核',
  },
  {
    info: '操作日志',
    apis: [],
    purpose: '记录审核、授权、积分等管理操作由谁在何时完成，用于社区内部监督和纠错',
  },
  {
    info: '代办授权（授权事项、委托书）',
    apis: [],
    purpose:
      '记录您同意由网格员或楼栋长代您办理哪些事项，每次代办前核对；您可以随时撤回授权；您以后用本人微信加入、经审核人当面核实后，此前的代办记录和积分归到您本人的账号',
  },
];

export interface PolicySection {
  heading: string;
  paragraphs: readonly string[];
}

export const POLICY_TITLE = '红色邻里隐私保护指引';

/** The full text shown on our privacy page. */
export const policySections: readonly PolicySection[] = [
  {
    heading: '一、我们是谁',
    paragraphs: [
      '“红色邻里”是社区党组织和居委会为本社区居民提供服务的小程序，由本社区负责运营。您的信息保存在社区使用的腾讯云开发（CloudBase）环境中，只用于本社区的服务。',
    ],
  },
  {
    heading: '二、我们收集哪些信息，用来做什么',
    paragraphs: [
      ...consoleItemsCollectedByUs.map((item) => `${item.info}：${item.purpose}。`),
      ...consoleItemsForApis.map((item) => `${item.info}：${item.purpose}。只在您点击相应按钮时使用。`),
      '微信身份标识（openid）：微信在您使用小程序时自动提供，用来认出“这是您”，不会展示给其他人。',
      '位置信息：本小程序不获取您的位置。扫码签到只读取二维码内容，不保存照片。',
    ],
  },
  {
    heading: '三、谁能看到您的信息',
    paragraphs: [
      '社区管理员可以查看本社区居民的姓名、手机号和房屋；楼栋长只能看到本楼栋居民的姓名、房屋和隐去中间四位的手机号。',
      '网格员和网格长可以查看本网格居民的姓名、完整手机号和房屋（包括本网格居民所发心愿的联系方式），以便上门服务和代办；本网格以外居民的手机号，他们只能看到隐去中间四位的号码。',
      '您发布的心愿、意见、议题和照片，本社区的居民和工作人员可以看到。',
      '街道工作人员可以查看各社区的数据看板（只读）。我们不会把您的信息出售或提供给社区以外的任何人，法律法规要求的除外。',
    ],
  },
  {
    heading: '四、保存多久',
    paragraphs: [
      '您的资料在您使用本社区服务期间保存。您解除房屋绑定或离开本社区后，社区工作人员会按您的要求删除您的资料；管理操作日志在本社区服务期间保存，用于监督和纠错。',
    ],
  },
  {
    heading: '五、您的权利',
    paragraphs: [
      '您可以在“我的”页面随时查看和修改您的姓名和手机号，撤回尚未审核的绑定申请。',
      '需要查询、更正或删除您的信息，请联系您所在社区的工作人员（社区书记或社区管理员），我们会尽快答复并处理。',
      '撤回同意：在微信“最近使用的小程序”中长按本小程序并删除，即撤回对本指引的同意；撤回后，使用照片、文件、相册等功能时会再次询问您。',
    ],
  },
  {
    heading: '六、指引的更新',
    paragraphs: ['本指引有变化时，我们会在小程序中再次请您阅读并同意；您可以随时在“我的”页面底部打开本指引。'],
  },
];
