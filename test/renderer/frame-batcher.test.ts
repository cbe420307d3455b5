import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameScheduler } from '../../renderer/src/lib/frame-batcher.ts';

function manualFrames() {
  const queue: (() => void)[] = [];
  const scheduler: FrameScheduler = {
    next(fn) {
      queue.push(fn);
      return () => queue.splice(queue.indexOf(fn), 1);
    },
  };
  return { scheduler, queue, frame: () => queue.splice(0).forEach((f) => f()) };
}

describe('frame batcher', () => {
  it('hands over everything from one frame in one flush, latest per key', () => {
    const f = manualFrames();
    const flushed: number[][] = [];
    const b = createFrameBatcher<string, number>((v) => flushed.push([...v]), f.scheduler);
    b.add('a', 1);
    b.add('b', 2);
    b.add('a', 3);
    expect(f.queue).toHaveLength(1); // one frame requested, not three
    f.frame();
    expect(flushed).toEqual([[3, 2]]);
    b.add('c', 4);
    f.frame();
    expect(flushed).toEqual([[3, 2], [4]]);
  });

  it('cancel drops pending values and the scheduled frame', () => {
    const f = manualFrames();
    const flushed: number[][] = [];
    const b = createFrameBatcher<string, number>((v) => flushed.push([...v]), f.scheduler);
    b.add('a', 1);
    b.cancel();
    expect(f.queue).toHaveLength(0);
    f.frame();
    expect(flushed).toEqual([]);
  });
});
