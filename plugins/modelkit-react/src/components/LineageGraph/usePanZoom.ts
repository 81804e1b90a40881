import { RefObject, useLayoutEffect, useState } from 'react';

/** The largest zoom, as a multiple of the drawing's own size. */
const MAX_SCALE = 4;
/** How far a pointer moves before a press becomes a pan rather than a click. */
const CLICK_DISTANCE = 3;
/** Zoom per wheel delta, by `deltaMode`: pixels, lines, pages. */
const WHEEL_UNITS = [0.002, 0.05, 1];
/** How long after the last pan or zoom the drawing is drawn sharp again. */
const SETTLE_MS = 250;

interface View {
  k: number;
  x: number;
  y: number;
}

/**
 * The size of a view in pixels.
 *
 * @internal
 */
export interface ViewSize {
  /** The inner width. */
  width: number;
  /** The inner height. */
  height: number;
}

/**
 * The size of `ref`'s element, measured once it is in the document (before
 * anything is drawn in it, so that measuring costs no layout of a drawing) and
 * again whenever it changes size; `undefined` until then.
 *
 * @internal
 */
export function useViewSize(ref: RefObject<Element>): ViewSize | undefined {
  const [size, setSize] = useState<ViewSize>();
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const width = element.clientWidth;
      const height = element.clientHeight;
      setSize(previous =>
        previous?.width === width && previous?.height === height
          ? previous
          : { width, height },
      );
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * Pans (drag) and zooms (wheel, around the pointer) the drawing `contentRef`
 * of `width` × `height` inside the view `viewRef` of `viewSize`. It moves the
 * drawing with a CSS transform, at most once per frame, so no node is
 * rendered or laid out again: while the user pans or zooms the drawing is its
 * own compositing layer, moved without being painted again, and once they
 * stop it is painted sharp at the new scale. The drawing starts fitted into
 * the view (never enlarged), cannot be zoomed out beyond that nor panned out
 * of sight, and is fitted again when it or the view changes size. Nothing
 * here reads layout until the user pans or zooms. A press that does not move
 * stays a click on the node under it.
 *
 * @internal
 */
export function usePanZoom(
  viewRef: RefObject<HTMLElement>,
  contentRef: RefObject<SVGSVGElement>,
  width: number,
  height: number,
  viewSize: ViewSize | undefined,
): void {
  const viewWidth = viewSize?.width ?? 0;
  const viewHeight = viewSize?.height ?? 0;
  useLayoutEffect(() => {
    const element = viewRef.current;
    const content = contentRef.current;
    if (!element || !content) return undefined;

    let view: View = { k: 1, x: 0, y: 0 };
    let minScale = 1;
    let frame = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;

    const apply = () => {
      frame = 0;
      content.style.transform = `translate(${view.x}px,${view.y}px) scale(${view.k})`;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(apply);
      // Moved as a layer while it moves; painted again at its scale after.
      content.style.willChange = 'transform';
      if (settle) clearTimeout(settle);
      settle = setTimeout(() => {
        settle = undefined;
        content.style.willChange = '';
      }, SETTLE_MS);
    };
    const clampAxis = (offset: number, size: number, room: number) =>
      size <= room
        ? (room - size) / 2
        : Math.min(0, Math.max(room - size, offset));
    const clampScale = (k: number) =>
      Math.min(Math.max(k, minScale), Math.max(minScale, MAX_SCALE));
    const clamp = (next: View): View => ({
      k: next.k,
      x: clampAxis(next.x, width * next.k, viewWidth),
      y: clampAxis(next.y, height * next.k, viewHeight),
    });
    if (viewWidth > 0 && viewHeight > 0 && width > 0 && height > 0) {
      minScale = Math.min(1, viewWidth / width, viewHeight / height);
      view = clamp({ k: minScale, x: 0, y: 0 });
    }
    apply();

    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const px = event.clientX - rect.left;
      const py = event.clientY - rect.top;
      const unit = WHEEL_UNITS[event.deltaMode] ?? WHEEL_UNITS[0];
      const factor = 2 ** (-event.deltaY * unit * (event.ctrlKey ? 10 : 1));
      const k = clampScale(view.k * factor);
      view = clamp({
        k,
        x: px - ((px - view.x) * k) / view.k,
        y: py - ((py - view.y) * k) / view.k,
      });
      schedule();
    };

    let press:
      | { id: number; x: number; y: number; start: View; panning: boolean }
      | undefined;
    let swallowClick = false;
    const onPointerDown = (event: PointerEvent) => {
      swallowClick = false;
      if (event.button !== 0 || !event.isPrimary) return;
      press = {
        id: event.pointerId,
        x: event.clientX,
        y: event.clientY,
        start: view,
        panning: false,
      };
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!press || event.pointerId !== press.id) return;
      const dx = event.clientX - press.x;
      const dy = event.clientY - press.y;
      if (!press.panning) {
        if (Math.hypot(dx, dy) < CLICK_DISTANCE) return;
        press.panning = true;
        // Nothing under the pointer needs finding while the drawing moves.
        content.style.pointerEvents = 'none';
        try {
          element.setPointerCapture(press.id);
        } catch {
          // A pointer the browser no longer tracks: pan without capture.
        }
      }
      view = clamp({
        k: view.k,
        x: press.start.x + dx,
        y: press.start.y + dy,
      });
      schedule();
    };
    const onPointerEnd = (event: PointerEvent) => {
      if (!press || event.pointerId !== press.id) return;
      swallowClick = press.panning && event.type === 'pointerup';
      content.style.pointerEvents = '';
      if (element.hasPointerCapture?.(press.id)) {
        element.releasePointerCapture(press.id);
      }
      press = undefined;
    };
    // A pan ends with a click on whatever is under the pointer: not a link.
    const onClick = (event: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      event.preventDefault();
      event.stopPropagation();
    };

    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('pointermove', onPointerMove);
    element.addEventListener('pointerup', onPointerEnd);
    element.addEventListener('pointercancel', onPointerEnd);
    element.addEventListener('click', onClick, true);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      if (settle) clearTimeout(settle);
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('pointermove', onPointerMove);
      element.removeEventListener('pointerup', onPointerEnd);
      element.removeEventListener('pointercancel', onPointerEnd);
      element.removeEventListener('click', onClick, true);
    };
  }, [viewRef, contentRef, width, height, viewWidth, viewHeight]);
}
