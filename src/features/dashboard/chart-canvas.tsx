/**
 * One F2 (AntV F2 4) chart on a Taro `<Canvas type='2d'>`, the same way in WeChat and in the
 * browser: after mount the canvas node is looked up with a selector query, its backing store is
 * sized to the CSS size × the device pixel ratio, and an F2 `Canvas` draws into its 2d context.
 * A new `signature` redraws (`update`); unmounting destroys the F2 canvas.
 *
 * F2 is imported only under src/features/dashboard, so it ships in the dashboard subpackage and
 * never in the main package. The chart is decoration for sighted people: every chart on the
 * screen has its numbers in a table next to it, so the canvas itself is hidden from screen
 * readers and a failure to draw leaves the numbers readable.
 */
import { useEffect, useRef, useState } from 'react';
import { Canvas as TaroCanvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Canvas } from '@antv/f2';
import type { F2Element } from './charts';

interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
}

interface Found {
  node: CanvasNode;
  width: number;
  height: number;
}

/**
 * The canvas node and its CSS size. WeChat answers `fields({ node, size })`; Taro's h5 query
 * only returns the inner <canvas> when `nodeCanvasType` is asked too (and then no size), so the
 * size comes from a second `boundingClientRect` of the same element.
 */
function findCanvas(id: string): Promise<Found | null> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true, nodeCanvasType: true } as Taro.NodesRef.Fields)
        .select(`#${id}`)
        .boundingClientRect()
        .exec((res: unknown[]) => {
          const fields = res?.[0] as { node?: CanvasNode | null; width?: number; height?: number } | null;
          const rect = res?.[1] as { width?: number; height?: number } | null;
          const node = fields?.node;
          const width = fields?.width || rect?.width || 0;
          const height = fields?.height || rect?.height || 0;
          const usable = node && typeof node.getContext === 'function' && width > 0 && height > 0;
          resolve(usable ? { node, width, height } : null);
        });
    } catch {
      // A runtime without node queries (an old base library, a simulator) gets no chart.
      resolve(null);
    }
  });
}

function pixelRatio(): number {
  try {
    return Taro.getSystemInfoSync().pixelRatio || 2;
  } catch {
    return 2;
  }
}

export function ChartCanvas({
  id,
  chart,
  signature,
  height,
  label,
}: {
  /** Unique on the page (the selector query looks it up). */
  id: string;
  /** What to draw, built with F2's `jsx` (see charts.ts). */
  chart: F2Element;
  /** Changes whenever the drawing would change; a new one redraws. */
  signature: string;
  /** Height in 750-wide design px. */
  height: number;
  /** What the chart shows, for the data-* hook the tests use and for the fallback text. */
  label: string;
}) {
  const f2 = useRef<Canvas | null>(null);
  const latest = useRef(chart);
  latest.current = chart;
  const [state, setState] = useState<'pending' | 'drawn' | 'failed'>('pending');

  useEffect(() => {
    let cancelled = false;
    let attempts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const mount = async () => {
      const found = await findCanvas(id);
      if (cancelled) return;
      if (!found) {
        // The node appears once Taro has committed the page; try a few times, then give up
        // quietly (the table beside the chart still has every number).
        attempts += 1;
        if (attempts < 8) timer = setTimeout(() => void mount(), 80 * attempts);
        else setState('failed');
        return;
      }
      try {
        const ratio = pixelRatio();
        found.node.width = Math.round(found.width * ratio);
        found.node.height = Math.round(found.height * ratio);
        const context = found.node.getContext('2d');
        const canvas = new Canvas({
          context,
          pixelRatio: ratio,
          width: found.width,
          height: found.height,
          animate: false,
          children: latest.current,
        });
        canvas.render();
        f2.current = canvas;
        setState('drawn');
      } catch (e) {
        console.warn('chart failed to draw', e);
        setState('failed');
      }
    };
    Taro.nextTick(() => void mount());
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      f2.current?.destroy();
      f2.current = null;
    };
  }, [id]);

  useEffect(() => {
    const canvas = f2.current;
    if (!canvas) return; // the first draw uses the latest chart anyway
    canvas.update({ ...canvas.props, children: latest.current });
  }, [signature]);

  return (
    <View
      className='dash-chart'
      style={{ height: Taro.pxTransform(height) }}
      data-testid='dash-chart'
      data-chart={id}
      data-state={state}
    >
      <TaroCanvas type='2d' id={id} className='dash-chart__canvas' aria-hidden='true' />
      {state === 'failed' ? <Text className='dash-chart__fallback'>图表无法显示，{label}见下表</Text> : null}
    </View>
  );
}
