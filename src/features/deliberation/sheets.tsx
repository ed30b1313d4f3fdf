/**
 * The forms behind the topic's acts, each a bottom sheet: a required reason (终止, 暂停/恢复公示),
 * an opinion or an objection or an answer (text), a proposal (text + the opinions it answers),
 * a review verdict (comment required unless 同意), opening the vote (rule + closing time),
 * moving to execution (executor + due date) and to evaluation (end time), a progress report
 * and a rating. A refusal with field errors shows in place; one that means the topic moved on
 * (`stale`) is handed back so the screen can reload.
 */
import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { ChoiceChips, FormField, MultiChips } from '@/shared/ui/form-field';
import { Sheet } from '@/shared/ui/sheet';
import {
  reviewBodyLabels,
  verdictLabels,
  voteRuleLabels,
  type ReviewBody,
  type Verdict,
  type VoteRule,
} from '~types/labels/deliberation';
import type { Opinion } from '~types/deliberation';
import type { AppError } from '~types/errors';
import { useAction } from '@/shared/use-action';
import { Stars } from '@/shared/ui/stars';
import { PhotoField, usePhotoSlots } from '@/shared/ui/photo-field';
import { TimeRow } from '@/shared/ui/time-row';
import { dayAhead, hoursAhead } from './wall-time';
import { instant, toIso, type WallTime } from '@/shared/wall-time';

interface Common {
  onCancel: () => void;
  onStale: (e: AppError) => void;
}

/** One required text (a reason, an objection, an answer). */
export function TextSheet({
  title,
  label,
  placeholder,
  confirmText,
  intro,
  danger,
  min = 2,
  max = 200,
  testId,
  onSubmit,
  onCancel,
  onStale,
}: Common & {
  title: string;
  label: string;
  placeholder: string;
  confirmText: string;
  intro?: string;
  danger?: boolean;
  min?: number;
  max?: number;
  testId: string;
  onSubmit: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const s = useAction({ onStale });
  const confirm = () => {
    const value = text.trim();
    if (!s.check(value.length < min ? { text: `请填写${label.replace(/（.*）$/, '')}（至少${min}个字）` } : {})) return;
    void s.run(() => onSubmit(value));
  };
  return (
    <Sheet
      title={title}
      confirmText={confirmText}
      danger={danger}
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      {intro ? <Text className='dlb-sheet__intro'>{intro}</Text> : null}
      <FormField
        label={label}
        value={text}
        onInput={(v) => {
          setText(v);
          s.clear('text');
        }}
        error={s.fields.text || s.fields.reason || s.fields.answer || undefined}
        placeholder={placeholder}
        multiline
        maxlength={max}
        testId={testId}
      />
    </Sheet>
  );
}

export function OpinionSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (text: string, photos: string[]) => Promise<void> }) {
  const [text, setText] = useState('');
  const photos = usePhotoSlots(3);
  const s = useAction({ onStale });
  const confirm = () => {
    const value = text.trim();
    const problems: Record<string, string> = {};
    if (value.length < 5) problems.text = '请写下您的意见（至少5个字）';
    if (photos.uploading) problems.photos = '图片还在上传，请稍候';
    if (!s.check(problems)) return;
    void s.run(() => onSubmit(value, photos.fileIds));
  };
  return (
    <Sheet title='发表意见' confirmText='发表' busy={s.busy} error={s.error} onCancel={onCancel} onConfirm={confirm}>
      <Text className='dlb-sheet__intro'>您的意见其他居民可以看到（姓名会隐去），支持多的意见排在前面。</Text>
      <FormField
        label='我的意见'
        value={text}
        onInput={(v) => {
          setText(v);
          s.clear('text');
        }}
        error={s.fields.text || undefined}
        placeholder='例如：支持加装电梯，希望一楼住户的采光也考虑进去'
        multiline
        maxlength={500}
        testId='opinion-text'
      />
      <PhotoField label='图片（选填）' photos={photos} error={s.fields.photos || undefined} />
    </Sheet>
  );
}

export function ProposalSheet({
  opinions,
  initial,
  onSubmit,
  onCancel,
  onStale,
}: Common & {
  opinions: Opinion[];
  initial: { text: string; answers: string[] } | null;
  onSubmit: (text: string, answers: string[]) => Promise<void>;
}) {
  const [text, setText] = useState(initial?.text ?? '');
  const [answers, setAnswers] = useState<string[]>(initial?.answers ?? []);
  const s = useAction({ onStale });
  const confirm = () => {
    const value = text.trim();
    if (!s.check(value.length < 10 ? { text: '请写下方案内容（至少10个字）' } : {})) return;
    void s.run(() => onSubmit(value, answers));
  };
  return (
    <Sheet
      title={initial ? '修改方案' : '起草方案'}
      confirmText={initial ? '保存为新版本' : '提交方案'}
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>
        {initial
          ? '修改后生成新版本，旧版本和它的审议意见会保留；新版本需要四方重新审议。'
          : '方案提交后由小区党支部、业委会、议事会、监事会审议。'}
      </Text>
      <FormField
        label='方案内容'
        value={text}
        onInput={(v) => {
          setText(v);
          s.clear('text');
        }}
        error={s.fields.text || undefined}
        placeholder='写明要做什么、怎么做、费用怎么分摊、何时完成'
        multiline
        maxlength={3000}
        testId='proposal-text'
      />
      {opinions.length > 0 ? (
        <MultiChips
          label='本方案回应了哪些意见（可多选）'
          choices={opinions.map((o) => ({
            value: o.id,
            label: o.text.length > 18 ? `${o.text.slice(0, 18)}…` : o.text,
          }))}
          value={answers}
          onChange={setAnswers}
          error={s.fields.answersOpinionIds || undefined}
        />
      ) : null}
    </Sheet>
  );
}

export function ReviewSheet({
  bodies,
  onSubmit,
  onCancel,
  onStale,
}: Common & {
  bodies: ReviewBody[];
  onSubmit: (body: ReviewBody, verdict: Verdict, comment: string) => Promise<void>;
}) {
  const [body, setBody] = useState<ReviewBody | null>(bodies[0] ?? null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [comment, setComment] = useState('');
  const s = useAction({ onStale });
  const confirm = () => {
    const problems: Record<string, string> = {};
    if (!body) problems.body = '请选择代表的组织';
    if (!verdict) problems.verdict = '请选择审议意见';
    if (verdict && verdict !== 'agree' && comment.trim().length < 2) problems.comment = '请写明修改意见或不同意的理由';
    if (!s.check(problems)) return;
    void s.run(() => onSubmit(body!, verdict!, comment.trim()));
  };
  return (
    <Sheet
      title='记录审议意见'
      confirmText='提交审议意见'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>审议意见提交后不能修改；负责人修改方案后需重新审议。</Text>
      {bodies.length > 1 ? (
        <ChoiceChips
          label='代表'
          choices={bodies.map((b) => ({ value: b, label: reviewBodyLabels[b] }))}
          value={body}
          onChange={setBody}
          error={s.fields.body || undefined}
        />
      ) : (
        <View className='form-field'>
          <Text className='form-field__label'>代表</Text>
          <Text className='dlb-form__value'>{body ? reviewBodyLabels[body] : ''}</Text>
        </View>
      )}
      <ChoiceChips
        label='审议意见'
        choices={(['agree', 'agree_with_changes', 'disagree'] as const).map((v) => ({
          value: v,
          label: verdictLabels[v],
        }))}
        value={verdict}
        onChange={(v) => {
          setVerdict(v);
          s.clear('verdict');
        }}
        error={s.fields.verdict || undefined}
      />
      <FormField
        label={verdict && verdict !== 'agree' ? '意见说明（必填）' : '意见说明（选填）'}
        value={comment}
        onInput={(v) => {
          setComment(v);
          s.clear('comment');
        }}
        error={s.fields.comment || undefined}
        placeholder='修改后同意或不同意时，请写明理由'
        multiline
        maxlength={500}
        testId='review-comment'
      />
    </Sheet>
  );
}

/** What each counting rule means, in words a resident understands. */
export const ruleExplanations: Record<VoteRule, string> = {
  simple: '参与户数过半；同意票超过已投票户数的一半即通过。适用于一般的小区事务。',
  civil_ordinary: '《民法典》第二百七十八条：参与户数和参与面积均达到三分之二；同意的户数和面积均超过参与部分的一半。',
  civil_major:
    '《民法典》重大事项（使用维修资金、改建重建、改变共有部分用途等）：参与户数和面积均达到三分之二；同意的户数和面积均达到参与部分的四分之三。',
};

export function VoteSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (rule: VoteRule, closesAt: string) => Promise<void> }) {
  const [rule, setRule] = useState<VoteRule>('simple');
  const [closes, setCloses] = useState<WallTime>(hoursAhead(24 * 3));
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(instant(closes).getTime() <= Date.now() ? { closesAt: '投票截止时间应晚于现在' } : {})) return;
    void s.run(() => onSubmit(rule, toIso(closes)));
  };
  return (
    <Sheet
      title='发起表决'
      confirmText='开始投票'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>
        开始后范围内每户可投一票（同意/反对/弃权）；截止前只公布参与情况，不公布票数。
      </Text>
      <ChoiceChips
        label='计票规则'
        choices={(['simple', 'civil_ordinary', 'civil_major'] as const).map((r) => ({
          value: r,
          label: voteRuleLabels[r],
        }))}
        value={rule}
        onChange={setRule}
      />
      <Text className='dlb-rule-text' data-testid='vote-rule-explanation'>
        {ruleExplanations[rule]}
      </Text>
      <TimeRow
        label='投票截止'
        value={closes}
        onChange={(v) => {
          setCloses(v);
          s.clear('closesAt');
        }}
        error={s.fields.closesAt || undefined}
        hint='北京时间；截止后负责人结束表决并计票'
        testId='vote-closes'
      />
    </Sheet>
  );
}

export function ExecuteSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (executor: string, dueDate: string) => Promise<void> }) {
  const [executor, setExecutor] = useState('');
  const [due, setDue] = useState(dayAhead(30));
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(executor.trim().length < 2 ? { executor: '请填写执行方（至少2个字）' } : {})) return;
    void s.run(() => onSubmit(executor.trim(), due));
  };
  return (
    <Sheet
      title='进入执行'
      confirmText='进入执行'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>公示期满、异议均已答复后，确定执行方和完成期限，议题进入执行。</Text>
      <FormField
        label='执行方'
        value={executor}
        onInput={(v) => {
          setExecutor(v);
          s.clear('executor');
        }}
        error={s.fields.executor || undefined}
        placeholder='例如：幸福里物业服务中心'
        maxlength={40}
        testId='execute-executor'
      />
      <View className={`form-field ${s.fields.dueDate ? 'has-error' : ''}`}>
        <Text className='form-field__label'>完成期限</Text>
        <Picker mode='date' value={due} onChange={(e) => setDue(String(e.detail.value))}>
          <View className='form-field__input' data-testid='execute-due'>
            {due}
          </View>
        </Picker>
        {s.fields.dueDate ? <View className='form-field__error'>{s.fields.dueDate}</View> : null}
      </View>
    </Sheet>
  );
}

export function EvaluateSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (endsAt: string) => Promise<void> }) {
  const [ends, setEnds] = useState<WallTime>(hoursAhead(24 * 7));
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(instant(ends).getTime() <= Date.now() ? { endsAt: '评估截止时间应晚于现在' } : {})) return;
    void s.run(() => onSubmit(toIso(ends)));
  };
  return (
    <Sheet
      title='进入评估'
      confirmText='进入评估'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>执行完成后请居民评价，每户一次（1–5星）。</Text>
      <TimeRow
        label='评估截止'
        value={ends}
        onChange={(v) => {
          setEnds(v);
          s.clear('endsAt');
        }}
        error={s.fields.endsAt || undefined}
        hint='北京时间；截止后（或每户都已评价）可以归档'
        testId='evaluate-ends'
      />
    </Sheet>
  );
}

export function ProgressSheet({
  last,
  onSubmit,
  onCancel,
  onStale,
}: Common & { last: number; onSubmit: (percent: number, note: string, photos: string[]) => Promise<void> }) {
  const [percent, setPercent] = useState(String(Math.min(100, last + 10)));
  const [note, setNote] = useState('');
  const photos = usePhotoSlots(3);
  const s = useAction({ onStale });
  const confirm = () => {
    const p = Number(percent);
    const problems: Record<string, string> = {};
    if (!Number.isInteger(p) || p < 0 || p > 100) problems.percent = '进度为0到100的整数';
    else if (p < last) problems.percent = `进度不能低于上次的${last}%`;
    if (note.trim().length < 2) problems.note = '请填写进展说明（至少2个字）';
    if (photos.uploading) problems.photos = '图片还在上传，请稍候';
    if (!s.check(problems)) return;
    void s.run(() => onSubmit(p, note.trim(), photos.fileIds));
  };
  return (
    <Sheet
      title='更新进度'
      confirmText='提交进度'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>发表过意见和支持意见的居民会收到进度通知。</Text>
      <FormField
        label='完成进度（%）'
        value={percent}
        type='number'
        onInput={(v) => {
          setPercent(v);
          s.clear('percent');
        }}
        error={s.fields.percent || undefined}
        maxlength={3}
        testId='progress-percent'
      />
      <FormField
        label='进展说明'
        value={note}
        onInput={(v) => {
          setNote(v);
          s.clear('note');
        }}
        error={s.fields.note || undefined}
        placeholder='例如：已完成井道施工'
        multiline
        maxlength={500}
        testId='progress-note'
      />
      <PhotoField label='现场照片（选填）' photos={photos} error={s.fields.photos || undefined} />
    </Sheet>
  );
}

export function RateSheet({
  onSubmit,
  onCancel,
  onStale,
}: Common & { onSubmit: (score: number, comment: string) => Promise<void> }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const s = useAction({ onStale });
  const confirm = () => {
    if (!s.check(score < 1 ? { score: '请选择评分' } : {})) return;
    void s.run(() => onSubmit(score, comment.trim()));
  };
  return (
    <Sheet
      title='评价执行效果'
      confirmText='提交评价'
      busy={s.busy}
      error={s.error}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      <Text className='dlb-sheet__intro'>每户评价一次，提交后不可更改。</Text>
      <View className={`form-field ${s.fields.score ? 'has-error' : ''}`}>
        <Text className='form-field__label'>满意程度</Text>
        <Stars
          block='dlb-stars'
          value={score}
          onChange={(v) => {
            setScore(v);
            s.clear('score');
          }}
        />
        {s.fields.score ? <View className='form-field__error'>{s.fields.score}</View> : null}
      </View>
      <FormField
        label='评价（选填）'
        value={comment}
        onInput={setComment}
        error={s.fields.comment || undefined}
        placeholder='说说您对执行效果的看法'
        multiline
        maxlength={300}
        testId='rate-comment'
      />
    </Sheet>
  );
}
