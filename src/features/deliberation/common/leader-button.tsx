/** A leader's move on a step's panel, or a hint why it is not yet possible. */
import { Button, Text, View } from '@tarojs/components';

/** A leader's move, or a hint why it is not yet possible. */
export function LeaderButton({
  show,
  text,
  onClick,
  testId,
  disabledHint,
  hintTestId,
}: {
  show: boolean;
  text: string;
  onClick: () => void;
  testId: string;
  disabledHint?: string | null;
  hintTestId?: string;
}) {
  if (!show) return null;
  return (
    <View className='dlb-leader'>
      <Text className='dlb-leader__tag'>负责人操作</Text>
      {disabledHint ? (
        <Text className='dlb-hint' data-testid={hintTestId}>
          {disabledHint}
        </Text>
      ) : null}
      <Button
        className='btn btn--primary'
        disabled={!!disabledHint || undefined}
        data-testid={testId}
        onClick={disabledHint ? undefined : onClick}
      >
        {text}
      </Button>
    </View>
  );
}
