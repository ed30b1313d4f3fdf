/**
 * 心愿 / 志愿 / 议事 tabs before their features ship: an honest "即将上线" screen that says what
 * is coming, in the words of the product description, so people know what to expect.
 */
import { Text, View } from '@tarojs/components';
import './coming-soon-screen.scss';

export type UpcomingFeature = 'wish' | 'volunteer' | 'deliberation';

interface Plan {
  title: string;
  tagline: string;
  intro: string;
  steps: Array<{ title: string; text: string }>;
  promise: string;
}

const plans: Record<UpcomingFeature, Plan> = {
  wish: {
    title: '微心愿',
    tagline: '居民许愿 · 党员认领 · 邻里圆梦',
    intro: '一个助行器、一次课业辅导、一处小修小补——把身边的小愿望说出来，社区党员来帮您实现。',
    steps: [
      { title: '许愿', text: '居民写下一个具体的小心愿，社区审核后在心愿墙发布。' },
      { title: '认领', text: '党员认领心愿，同一时间只有一人认领，不会重复。' },
      { title: '圆梦', text: '认领人完成后留言、上传照片，居民确认并评价、致谢。' },
    ],
    promise: '心愿墙只显示姓氏（如“张*”）和小区，不显示电话和门牌；认领后认领人才能看到联系方式。',
  },
  volunteer: {
    title: '志愿服务',
    tagline: '报名 · 扫码签到 · 记录时长',
    intro: '助老、助学、助医、助困、环境整治、文明创建……社区和报到单位发布的志愿活动都在这里。',
    steps: [
      { title: '报名', text: '截止前报名；名额满了可以候补，有人取消时按顺序递补。' },
      { title: '签到签退', text: '到现场扫活动二维码签到、签退，在活动时间内有效。' },
      { title: '时长与积分', text: '服务时长按刻钟自动计算并计入积分，每场活动都有记录可查。' },
    ],
    promise: '组织方更正出勤需写明原因，并记入审计日志。',
  },
  deliberation: {
    title: '小区议事',
    tagline: '六步议事 · 共商共治',
    intro: '楼栋党小组长牵头，一核三会共同参与，小区的大事小情按六个步骤公开商量、公开决定。',
    steps: [
      { title: '① 意见收集', text: '居民发表意见、为他人的意见点赞支持。' },
      { title: '② 联审', text: '小区党支部和业委会、议事会、监事会共同审议方案。' },
      { title: '③ 决议', text: '每户一票，按简单多数或《民法典》规则自动计票。' },
      { title: '④ 公示', text: '结果公示（默认7天），异议逐条答复。' },
      { title: '⑤ 执行', text: '指定执行方，进度和照片随时更新。' },
      { title: '⑥ 评估', text: '居民为结果打分，满意度自动统计，全过程存档。' },
    ],
    promise: '每一步由谁、在何时、做了什么，都有记录可查。',
  },
};

export function ComingSoonScreen({ feature }: { feature: UpcomingFeature }) {
  const plan = plans[feature];
  return (
    <View className='soon'>
      <View className='soon__hero'>
        <Text className='soon__badge'>即将上线</Text>
        <Text className='soon__title'>{plan.title}</Text>
        <Text className='soon__tagline'>{plan.tagline}</Text>
      </View>
      <View className='soon__card'>
        <Text className='soon__intro'>{plan.intro}</Text>
      </View>
      <Text className='section-title'>上线后您可以</Text>
      <View className='soon__steps'>
        {plan.steps.map((step, i) => (
          <View key={step.title} className='soon__step'>
            <View className='soon__step-index'>
              <Text>{i + 1}</Text>
            </View>
            <View className='soon__step-body'>
              <Text className='soon__step-title'>{step.title}</Text>
              <Text className='soon__step-text'>{step.text}</Text>
            </View>
          </View>
        ))}
      </View>
      <View className='soon__promise'>
        <Text className='soon__promise-text'>{plan.promise}</Text>
      </View>
      <Text className='soon__footer'>正在建设中，敬请期待。先到“我的”完成登记和房屋绑定吧。</Text>
    </View>
  );
}
