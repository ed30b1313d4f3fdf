/**
 * Deciding a request in a review queue (a binding, a registration): 驳回 / 通过 under a pending
 * request's card; approving after a confirmation (已通过, or the refusal in a modal, and a
 * reload when the request was decided meanwhile); rejecting with a required reason the
 * applicant sees (已驳回).
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { errorMessage } from '@/services/cloud';
import { AppError } from '~types/errors';
import { alertModal, confirmModal } from '../modal';
import { ReasonSheet } from './reason-sheet';

export function DecideButtons({ onApprove, onReject }: { onApprove: () => void; onReject: () => void }) {
  return (
    <View className='card__actions'>
      <Button className='btn btn--plain btn--small' onClick={onReject}>
        驳回
      </Button>
      <Button className='btn btn--primary btn--small' onClick={onApprove}>
        通过
      </Button>
    </View>
  );
}

/** A decision's refusal in a modal; `onStale` reloads when the request was decided meanwhile. */
export function decisionFailed(e: unknown, onStale: () => void) {
  alertModal('操作失败', errorMessage(e));
  if (e instanceof AppError && e.code === 'PRECONDITION_FAILED') onStale();
}

/** Asks `title` / `content` first, then runs `approve`; 已通过 when it succeeded. */
export async function approveAfterConfirm(
  ask: { title: string; content: string },
  approve: () => Promise<unknown>,
  onStale: () => void,
) {
  if (!(await confirmModal({ ...ask, confirmText: '通过' }))) return;
  try {
    await approve();
    void Taro.showToast({ title: '已通过', icon: 'success' });
  } catch (e) {
    decisionFailed(e, onStale);
  }
}

/** The sheet asking why a request is rejected; `reject` gets the trimmed reason. */
export function RejectSheet({
  title,
  what,
  placeholder,
  reject,
  onDone,
  onCancel,
}: {
  title: string;
  /** The request, in one line above the reason. */
  what: string;
  placeholder: string;
  reject: (reason: string) => Promise<unknown>;
  /** Called after the rejection succeeded (e.g. to close the sheet). */
  onDone: () => void;
  onCancel: () => void;
}) {
  return (
    <ReasonSheet
      title={title}
      label='驳回原因（申请人可见）'
      placeholder={placeholder}
      confirmText='确认驳回'
      danger
      testId='reject-reason'
      intro={
        <>
          <Text className='card__text'>{what}</Text>
          <View style={{ height: '12px' }} />
        </>
      }
      onSubmit={async (reason) => {
        await reject(reason);
        onDone();
        void Taro.showToast({ title: '已驳回', icon: 'success' });
      }}
      onCancel={onCancel}
    />
  );
}
